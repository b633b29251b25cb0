import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readXlsx } from "../../../worker/xlsx/read";
import { CANONICAL_NUMBER, cellText, SheetGrid, type Sheet, type SheetCell } from "../../../worker/xlsx/sheet";
import type { ReadCell } from "../../../worker/xlsx/workbook";
import { StyleTable } from "../../../worker/xlsx/styles";
import { sheetXml } from "../../../worker/xlsx/worksheet";
import { sheetNames, toXlsx } from "../../../worker/xlsx/write";
import { rosterSheets } from "./roster-workbook";

/**
 * What the Worker's writer (worker/xlsx/write.ts) writes, its reader reads
 * back: the same sheets, texts, numbers (as written, not through a float) and
 * number formats, at the same addresses.
 */
function columnName(c: number): string {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * The writer drops what XML 1.0 cannot carry, and writes a CR as is, which
 * XML reads as a line end (§2.11): CR LF and CR come back as LF.
 */
function xmlText(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- the characters the writer drops
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
      .replace(/\r\n?/g, "\n")
  );
}

function expected(cell: SheetCell): ReadCell | undefined {
  if (cell === null) return undefined;
  if (typeof cell !== "string" && "number" in cell && CANONICAL_NUMBER.test(cell.number)) {
    const read: ReadCell = { value: { kind: "number", value: Number(cell.number), raw: cell.number } };
    if (cell.format !== "General") read.format = cell.format;
    return read;
  }
  const text = xmlText(cellText(cell));
  return text === "" ? undefined : { value: { kind: "string", value: text } };
}

async function expectRoundTrip(sheets: Sheet[]): Promise<void> {
  const wb = await readXlsx(await toXlsx(sheets));
  expect(wb.sheets.map((s) => s.name)).toEqual(sheetNames(sheets.map((s) => s.name)));
  sheets.forEach((sheet, i) => {
    const want = new Map<string, ReadCell>();
    sheet.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        const e = expected(cell);
        if (e) want.set(`${columnName(c)}${r + 1}`, e);
      }),
    );
    expect(wb.sheets[i]?.cells).toEqual(want);
  });
}

/**
 * Text without `_xHHHH_`: SpreadsheetML reads that as an escaped character
 * (ST_Xstring) and the writer does not escape it yet (reported to the lead).
 */
const text = fc.string({ unit: "grapheme", maxLength: 12 }).filter((s) => !/_x[0-9a-fA-F]{4}_/.test(s));
const cell: fc.Arbitrary<SheetCell> = fc.oneof(
  fc.constant(null),
  text,
  fc.constantFrom(
    "学生姓名",
    "  前后空格 ",
    "=SUM(A1)",
    "-1",
    "3.41E+17",
    "a & <b> \"c\" 'd'",
    "第一行\n第二行",
    "回车\r\n换行\r",
  ),
  fc.record({ text, look: fc.constantFrom("title" as const, "label" as const, "bold" as const) }),
  fc.record({
    number: fc.oneof(
      fc.integer({ min: -1e9, max: 1e9 }).map(String),
      fc.constantFrom("0.1", "-0.5", "12345678901234567890", "1500.50", "0"),
    ),
    format: fc.constantFrom("General", "0", "0.00", "#,##0", "#,##0.00", "yyyy-mm-dd", "0%"),
  }),
);

describe("the writer's files read back", () => {
  it("any sheets the writer writes read back with the same values (fast-check)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            name: fc.string({ maxLength: 40 }),
            rows: fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 6 }),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        expectRoundTrip,
      ),
      { numRuns: 60 },
    );
  });

  it("reads a 2,000-row 黄山 助学名册 as exported", async () => {
    const sheets = rosterSheets(2000);
    await expectRoundTrip(sheets);
  });
});

describe("shared formulas", () => {
  it("are written once for a range and read back moved into each of its cells", async () => {
    const grid = new SheetGrid("核对");
    grid.put("A1", { number: "7", format: "General" });
    grid.share("B2:C4", "$A2*2+$A$1", { look: "label" });
    grid.put("D2", { formula: "SUM($B$2:$B$4)" });
    const bytes = await toXlsx([grid.toSheet()]);
    const xml = sheetXml(grid.toSheet(), new StyleTable());
    const cells = (await readXlsx(bytes)).sheets[0]?.cells;
    expect(cells?.get("B2")?.formula).toBe("$A2*2+$A$1");
    expect(cells?.get("B4")?.formula).toBe("$A4*2+$A$1");
    expect(cells?.get("C3")?.formula).toBe("$A3*2+$A$1");
    expect(cells?.get("D2")?.formula).toBe("SUM($B$2:$B$4)");
    // The formula's text is written once, its other cells name it (ECMA-376 Part 1 §18.3.1.40).
    expect(xml.split("$A2*2").length - 1).toBe(1);
    expect(xml).toMatch(/<c r="C4" s="\d+"><f t="shared" si="0"\/><\/c>/);
  });

  it("stay unread, with every cell of their sheet, in a sheet the reader is told to skip", async () => {
    const checks = new SheetGrid("校验结果");
    checks.share("A1:A3", "$B1=1");
    const form = new SheetGrid("表");
    form.put("A1", "填报单位");
    const book = await readXlsx(
      await toXlsx([form.toSheet(), checks.toSheet()]),
      {},
      { skipSheet: (n) => n === "校验结果" },
    );
    expect(book.sheets.map((s) => [s.name, s.cells.size])).toEqual([
      ["表", 1],
      ["校验结果", 0],
    ]);
  });
});

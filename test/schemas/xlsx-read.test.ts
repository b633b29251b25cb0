import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { isDateFormat } from "../../worker/xlsx/numfmt";
import { shiftFormula } from "../../worker/xlsx/formula-shift";
import { readXlsx } from "../../worker/xlsx/read";
import type { CellValue, ReadWorkbook } from "../../worker/xlsx/workbook";
import { toXlsx } from "../../worker/xlsx/write";
import { exceljsWorkbook, libreOfficeResave } from "../worker/xlsx/fixtures/make";
import { rosterSheets } from "../worker/xlsx/roster-workbook";

/**
 * The Worker's xlsx reader (worker/xlsx/read.ts, tested in workerd under
 * test/worker/xlsx/) against exceljs on the same files, in Node: files exceljs
 * writes now, and the Worker's roster export as today's LibreOffice re-saves
 * it — every cell both read, with the same value.
 */
const EPOCH_1900 = Date.UTC(1899, 11, 30);

/** exceljs's reading of a cell as the reader's value (dates back to serials, formulas to their results). */
function fromExceljs(value: ExcelJS.CellValue): Omit<CellValue, "raw"> | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string") return value === "" ? undefined : { kind: "string", value };
  if (typeof value === "number") return { kind: "number", value };
  if (typeof value === "boolean") return { kind: "boolean", value };
  if (value instanceof Date) return { kind: "number", value: (value.getTime() - EPOCH_1900) / 86_400_000 };
  if ("richText" in value) return { kind: "string", value: value.richText.map((r) => r.text).join("") };
  if ("error" in value) return { kind: "error", value: value.error };
  if ("formula" in value || "sharedFormula" in value) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    return fromExceljs(result as ExcelJS.CellValue) ?? { kind: "string", value: "" };
  }
  throw new Error(`unexpected exceljs value ${JSON.stringify(value)}`);
}

async function expectSameAsExceljs(bytes: Uint8Array): Promise<ReadWorkbook> {
  const mine = await readXlsx(bytes);
  const theirs = new ExcelJS.Workbook();
  await theirs.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  expect(mine.sheets.map((s) => s.name)).toEqual(theirs.worksheets.map((w) => w.name));
  for (const ws of theirs.worksheets) {
    const want = new Map<string, Omit<CellValue, "raw">>();
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.isMerged && cell.master !== cell) return; // exceljs repeats a merge's value in every cell
        const v = fromExceljs(cell.value);
        if (v) want.set(cell.address, v);
      }),
    );
    const got = new Map<string, Omit<CellValue, "raw">>();
    for (const [ref, cell] of mine.sheets.find((s) => s.name === ws.name)?.cells ?? []) {
      const { kind, value } = cell.value;
      got.set(ref, { kind, value } as Omit<CellValue, "raw">);
    }
    expect(got, ws.name).toEqual(want);
  }
  return mine;
}

describe("readXlsx agrees with exceljs", () => {
  it("on a workbook exceljs writes", async () => {
    await expectSameAsExceljs(await exceljsWorkbook());
  });

  it("on the Worker's roster export re-saved by LibreOffice", { timeout: 180_000 }, async () => {
    const resaved = libreOfficeResave(await toXlsx(rosterSheets(200)));
    const wb = await expectSameAsExceljs(resaved);
    expect(wb.sheets[0]?.cells.get("B10")?.value).toEqual({ kind: "string", value: "学生1" });
  });
});

describe("number formats and shared formulas", () => {
  it("tells date formats from number formats as Excel does", () => {
    for (const code of [
      "yyyy-mm-dd",
      "mm-dd-yy",
      'yyyy"年"m"月"d"日"',
      "h:mm",
      "[h]:mm:ss",
      '上午/下午h"时"',
      "yyyy/m/d;@",
    ])
      expect(isDateFormat(code), code).toBe(true);
    for (const code of [
      "General",
      "0.00",
      "#,##0",
      '0.00"万元"',
      "0%",
      "0.00E+00",
      "[Red]0.00",
      '"d"0',
      "@",
      "[$-804]0",
    ])
      expect(isDateFormat(code), code).toBe(false);
  });

  it("moves relative references only, and off the sheet to #REF!", () => {
    expect(shiftFormula("A1+$B$2+C$3+$D4", 1, 1)).toBe("B2+$B$2+D$3+$D5");
    expect(shiftFormula('IF(A1="B2",Sheet1!C3,[@Col1])', 1, 0)).toBe('IF(A2="B2",Sheet1!C4,[@Col1])');
    expect(shiftFormula("A2-A1", -1, 0)).toBe("A1-#REF!");
  });
});

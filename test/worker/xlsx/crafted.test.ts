import { describe, expect, it } from "vitest";
import { shiftFormula } from "../../../worker/xlsx/formula-shift";
import { isDateFormat } from "../../../worker/xlsx/numfmt";
import { readXlsx } from "../../../worker/xlsx/read";
import { XlsxError } from "../../../worker/xlsx/errors";
import { XmlCursor } from "../../../worker/xlsx/xml";
import { zip } from "../../../worker/xlsx/zip";

/**
 * Crafted parts that stay under the size limits but would cost a Worker its
 * CPU or memory: a few KB deflate to a megabyte of one repeated character.
 * Each case runs in milliseconds when the work is linear; with quadratic work
 * (a regular expression backtracking over the whole rest of the text at each
 * position) a megabyte takes hours, and a recursion per comment overflows the stack.
 */
const MB = 1024 * 1024;

function tokens(xml: string): number {
  const cursor = new XmlCursor(xml, "crafted.xml");
  let n = 0;
  while (cursor.next() !== "end") n++;
  return n;
}

describe("crafted XML and formulas", () => {
  it("refuses a start tag of a megabyte without any attribute value in linear time", () => {
    // Not well-formed XML: the one-pass tag reader stops at the first name without `="…"`.
    expect(() => tokens(`<c ${"a".repeat(MB)}></c>`)).toThrow(XlsxError);
    expect(() => tokens(`<c r="A1" ${"x".repeat(MB)} t='s' =/>`)).toThrow(XlsxError);
    const cursor = new XmlCursor(`<c r="A1"  t='s'\n/>`);
    expect(cursor.next()).toBe("open");
    expect(cursor.attrs).toEqual({ r: "A1", t: "s" });
  });

  it("skips a hundred thousand comments and processing instructions without a recursion each", () => {
    expect(tokens(`<a>${"<!---->".repeat(100_000)}${"<?p?>".repeat(100_000)}</a>`)).toBe(2);
  });

  it("looks at a number format of a megabyte of brackets in linear time", () => {
    expect(isDateFormat("[".repeat(MB))).toBe(false);
    expect(isDateFormat(`${"[".repeat(MB)}[h]`)).toBe(true);
  });

  it("shifts a formula of a megabyte of brackets in linear time", () => {
    expect(shiftFormula(`A1&${"[".repeat(MB)}`, 1, 0)).toBe(`A2&${"[".repeat(MB)}`);
    expect(shiftFormula("T[[#This Row],[A1]]+A1", 1, 0)).toBe("T[[#This Row],[A1]]+A2");
  });

  it("refuses a shared formula copied into more text than the reader holds", async () => {
    const enc = new TextEncoder();
    const master = `"${"x".repeat(MB)}"`;
    const copies = Array.from({ length: 100 }, (_, i) => `<c r="A${i + 2}"><f t="shared" si="0"/></c>`).join("");
    const sheet = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><f t="shared" si="0" ref="A1:A101">${master}</f></c></row><row r="2">${copies}</row></sheetData></worksheet>`;
    const parts: Record<string, string> = {
      "[Content_Types].xml": `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
      "_rels/.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="R1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      "xl/workbook.xml": `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rA"/></sheets></workbook>`,
      "xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rA" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/s.xml"/></Relationships>`,
      "xl/worksheets/s.xml": sheet,
    };
    const bytes = await zip(Object.entries(parts).map(([name, text]) => ({ name, data: enc.encode(text) })));
    // The ratio limit would stop this repetitive master first; random text of a megabyte passes it.
    await expect(readXlsx(bytes, { maxFormulaChars: 10 * MB, maxRatio: 100_000 })).rejects.toMatchObject({
      code: "too_large",
    });
  });
});

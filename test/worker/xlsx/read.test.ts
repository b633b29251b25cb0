import { describe, expect, it } from "vitest";
import { readXlsx } from "../../../worker/xlsx/read";
import type { ReadSheet, ReadWorkbook } from "../../../worker/xlsx/workbook";
import exceljsBase64 from "./fixtures/exceljs";
import libreofficeBase64 from "./fixtures/libreoffice";

/**
 * The xlsx reader in the Workers runtime (DecompressionStream, no DOM) on
 * files other programs wrote: exceljs (shared strings, rich text, shared
 * formulas, a table, hidden sheets) and the same file re-saved by LibreOffice
 * (fixtures/make.ts). Its own writer's files: write-read.test.ts.
 */
function bytesOf(base64: string): Uint8Array {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

function sheet(wb: ReadWorkbook, name: string): ReadSheet {
  const found = wb.sheets.find((s) => s.name === name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
}

/** What both programs agree on. */
function expectCommonValues(wb: ReadWorkbook): void {
  const s = sheet(wb, "填报表");
  const v = (ref: string): unknown => s.cells.get(ref)?.value;
  expect(wb.sheets.map((x) => x.name)).toEqual(["填报表", "隐藏", "汇表标识"]);
  expect(wb.date1904).toBe(false);
  expect(v("A1")).toEqual({ kind: "string", value: "学生姓名 & <备注> “引号”" });
  expect(v("B1")).toEqual({ kind: "number", value: 0.1, raw: "0.1" });
  expect(v("C1")).toMatchObject({ kind: "number", value: 341000000000000000 });
  expect(s.cells.get("D1")).toEqual({ value: { kind: "number", value: -12.5, raw: "-12.5" }, format: "#,##0.00" });
  expect(v("A2")).toEqual({ kind: "number", value: 44805, raw: "44805" });
  expect(s.cells.get("A2")?.format).toMatch(/^yyyy\\?-mm\\?-dd$/);
  expect(v("B2")).toEqual({ kind: "boolean", value: true });
  expect(v("C2")).toEqual({ kind: "error", value: "#DIV/0!" });
  expect(s.cells.get("D2")?.format).toBe("0%");
  expect(v("A3")).toEqual({ kind: "string", value: "富文本" });
  expect(s.cells.get("B3")).toMatchObject({ value: { kind: "number", value: 0.2 }, formula: "B1*2" });
  expect(s.cells.get("C3")?.formula).toBe("SUM(B1:B3)");
  expect(v("A5")).toEqual({ kind: "string", value: "  前后空格  " });
  expect(v("E1")).toEqual({ kind: "string", value: "合并" });
  expect(s.cells.has("F1")).toBe(false);
  for (const r of [6, 7, 8]) {
    expect(s.cells.get(`C${r}`)).toMatchObject({ value: { kind: "number", value: r * 10 }, formula: `B${r}*10` });
  }
  expect(s.tables).toEqual([{ name: "名册", ref: "A10:C12", columns: ["学生姓名", "身份证号", "金额"] }]);
  expect(v("B12")).toEqual({ kind: "string", value: "340102200501010022" });
  expect(v("C12")).toEqual({ kind: "number", value: 1500.5, raw: "1500.5" });
  expect(sheet(wb, "隐藏").state).toBe("hidden");
  expect(sheet(wb, "汇表标识").cells.get("B1")?.value).toEqual({ kind: "string", value: "huibiao-form-1" });
}

describe("readXlsx on other programs' files", () => {
  it("reads an exceljs workbook", async () => {
    const wb = await readXlsx(bytesOf(exceljsBase64));
    expectCommonValues(wb);
    const s = sheet(wb, "填报表");
    expect(s.cells.get("C1")?.value).toEqual({ kind: "number", value: 341000000000000000, raw: "341000000000000000" });
    // exceljs writes CR LF as is; XML reads a line end as LF (XML 1.0 §2.11), as Excel does.
    expect(s.cells.get("A4")?.value).toEqual({ kind: "string", value: "第一行\n第二行" });
    // exceljs writes formulas without a result as a bare <f>: the formula is kept, the value is blank text.
    expect(s.cells.get("C3")?.value).toEqual({ kind: "string", value: "" });
    expect(sheet(wb, "汇表标识").state).toBe("veryHidden");
  });

  it("reads the same workbook re-saved by LibreOffice", async () => {
    const wb = await readXlsx(bytesOf(libreofficeBase64));
    expectCommonValues(wb);
    const s = sheet(wb, "填报表");
    // LibreOffice writes its own float text and computes the formula exceljs left without a result.
    expect(s.cells.get("C1")?.value).toEqual({ kind: "number", value: 341000000000000000, raw: "3.41E+017" });
    expect(s.cells.get("C3")?.value).toEqual({ kind: "number", value: 1.3, raw: "1.3" });
    expect(s.cells.get("A4")?.value).toEqual({ kind: "string", value: "第一行\n第二行" });
    // LibreOffice has no "very hidden": the identity sheet comes back merely hidden.
    expect(sheet(wb, "汇表标识").state).toBe("hidden");
  });
});

/**
 * A roster that fills up, in the Office.js adapter on office-addin-mock: the
 * grow is one round trip (unprotect, insert below the table, resize it, format
 * and validate the new rows, protect), and reconnecting finds how far it grew.
 */
import { describe, expect, it } from "vitest";
import { buildLayout, type SheetLayout } from "../../../schemas/layout/form/layout";
import { excelRule } from "../../../addin/excel/office-draw";
import { OfficeWorkbook, PROTECTION } from "../../../addin/excel/office-workbook";
import { createExcelMock, type MockSupport } from "./excel-mock";
import { huangshanRoster } from "../../schemas/fixtures/templates";

const template = huangshanRoster();
const at = (layout: SheetLayout, key: string) => layout.cells.find((c) => c.key === key)?.address as string;

async function rendered(rosterRows = 50, supported?: MockSupport) {
  const layout = buildLayout(template, { rosterRows });
  const excel = createExcelMock(supported);
  const workbook = new OfficeWorkbook(excel.host);
  await workbook.renderForm(layout);
  return { layout, excel, workbook, sheet: excel.sheet(layout.sheet) };
}

describe("OfficeWorkbook.growRosters", () => {
  it("grows the Huangshan roster from 50 to 2,050 rows in one sync and binds the moved layout", async () => {
    const { layout, excel, workbook, sheet } = await rendered();
    const roster = layout.rosters[0]!;
    const end = roster.firstRow + 49;
    const grown = await workbook.growRosters(layout.sheet, { roster: 2050 });
    expect(excel.runs.slice(1)).toEqual([1]);
    expect(grown).toEqual(buildLayout(template, { rosterRows: 2050 }));

    // The 合计 lines move down across the form's columns; the table takes the new rows.
    expect(sheet.inserts).toEqual([{ address: `A${end + 1}:O${end + 2000}`, shift: "Down" }]);
    expect(sheet.resizes).toEqual([{ table: roster.tableName, address: `A${roster.headerRow}:O${end + 2000}` }]);
    const fresh = sheet.ranges.get(`A${end + 1}:O${end + 2000}`);
    expect(fresh?.format.protection.locked).toBe(false);
    const formats = fresh?.numberFormat as string[][];
    expect(formats).toHaveLength(2000);
    expect(formats[0]?.[0]).toBe("0;;;"); // 序号
    expect(formats[1999]?.[2]).toBe("@"); // 身份证号 stays text
    expect(formats[0]?.[11]).toBe("0.00"); // 助学金额

    // Every roster column validates down to the new last row, with its prompt and stop alert.
    const columns = grown.validations.filter((v) => v.range.endsWith(`${end + 2000}`) && v.range.includes(":"));
    expect(columns.length).toBeGreaterThan(5);
    for (const v of columns) {
      const dv = sheet.ranges.get(v.range)?.dataValidation;
      expect(sheet.validationClears).toContain(v.range);
      expect(dv?.rule).toEqual(v.formula ? { custom: { formula: v.formula } } : excelRule(v.rule));
      expect(dv?.errorAlert.message).toBe(v.alert.message);
    }
    expect(sheet.unprotects).toBe(1);
    expect(sheet.protections).toEqual([PROTECTION, PROTECTION]);

    // Row 2,050 has a place now; 合计 moved down, its formula (structured references) unchanged, never written over.
    const result = await workbook.writeValues(layout.sheet, { "roster.r2050.name": "汪小明", total_persons: "2050" });
    expect(result).toEqual({ written: 1, unplaced: [] });
    expect(sheet.ranges.get(`B${end + 2000}`)?.values).toEqual([["汪小明"]]);
    expect(at(grown, "total_persons")).not.toBe(at(layout, "total_persons"));
    expect(sheet.ranges.get(at(grown, "total_persons"))).toBeUndefined();
    expect(excel.runs.slice(1)).toEqual([1, 1]);
  });

  it("moves a note with its cell, so clearing it later finds it", async () => {
    const { layout, workbook, sheet } = await rendered();
    await workbook.markCells(
      layout.sheet,
      [{ cell: "total_persons", severity: "error", note: "与名册人数不一致" }],
      [],
    );
    const grown = await workbook.growRosters(layout.sheet, { roster: 100 });
    await workbook.markCells(layout.sheet, [], ["total_persons"]);
    expect(sheet.notesDeleted).toEqual([at(grown, "total_persons")]);
  });

  it("costs no round trip when the roster has the rows, and says so in zh-CN on an Excel that cannot resize tables", async () => {
    const { layout, excel, workbook } = await rendered();
    expect(await workbook.growRosters(layout.sheet, { roster: 30 })).toBe(layout);
    expect(excel.runs).toHaveLength(1);

    const old = await rendered(50, { notes: true, comments: true, tableResize: false });
    expect(old.workbook.canGrowRosters).toBe(false);
    await expect(old.workbook.growRosters(old.layout.sheet, { roster: 100 })).rejects.toMatchObject({
      code: "unsupported",
      message: expect.stringContaining("不能为名册增加行"),
    });
    expect(old.excel.runs).toHaveLength(1);
  });
});

describe("OfficeWorkbook.attachForm with a roster", () => {
  const layout = buildLayout(template);

  it("binds to the rows the sheet's table has grown to, and grows it to what the layout asks, one sync for the marks and rows", async () => {
    const excel = createExcelMock();
    excel.addSheet(layout.sheet);
    excel.seedTable(layout.sheet, layout.rosters[0]!.tableName, 300, 15);
    const workbook = new OfficeWorkbook(excel.host);
    expect(await workbook.attachForm(layout)).toEqual(buildLayout(template, { rosterRows: 300 }));
    // exists + notes, the table's size, then marks cleared and protection back
    expect(excel.runs).toEqual([3]);
    expect(excel.sheet(layout.sheet).inserts).toEqual([]);

    const asked = buildLayout(template, { rosterRows: 400 });
    expect(await workbook.attachForm(asked)).toEqual(asked);
    expect(excel.runs.slice(1)).toEqual([3]);
    const end = layout.rosters[0]!.firstRow + 299;
    expect(excel.sheet(layout.sheet).inserts).toEqual([{ address: `A${end + 1}:O${end + 100}`, shift: "Down" }]);
  });

  it("says in zh-CN when the roster table is gone instead of writing into the wrong rows", async () => {
    const excel = createExcelMock();
    excel.addSheet(layout.sheet);
    const workbook = new OfficeWorkbook(excel.host);
    await expect(workbook.attachForm(layout)).rejects.toMatchObject({
      code: "roster_missing",
      message: expect.stringContaining("名册表格"),
    });
    await expect(workbook.readValues(layout.sheet)).rejects.toMatchObject({ code: "sheet_not_bound" });
  });

  it("refuses a roster drawn before it had a 序号 column instead of reading every column one to the left", async () => {
    const excel = createExcelMock();
    excel.addSheet(layout.sheet);
    // 14 columns: the template's, as an earlier version of the add-in drew them.
    excel.seedTable(layout.sheet, layout.rosters[0]!.tableName, 300, 14);
    const workbook = new OfficeWorkbook(excel.host);
    await expect(workbook.attachForm(layout)).rejects.toMatchObject({
      code: "roster_missing",
      message: expect.stringContaining("序号"),
    });
    await expect(workbook.readValues(layout.sheet)).rejects.toMatchObject({ code: "sheet_not_bound" });
  });
});

/**
 * A roster that fills up, in the Office.js adapter on the strict fake Excel:
 * the grow is one round trip (unprotect, insert below the table, resize it,
 * format and validate the new rows, the same rows in the marks sheet,
 * protect), and reconnecting finds how far it grew.
 */
import { describe, expect, it } from "vitest";
import { buildLayout, type SheetLayout } from "../../../schemas/layout/form/layout";
import { excelRule } from "../../../addin/excel/office-draw";
import { OfficeWorkbook } from "../../../addin/excel/office-workbook";
import { marksSheetName } from "../../../addin/excel/office-marks";
import { COLORS } from "../../../schemas/layout/colors";
import { a1, parseRange, rangeAddress } from "../../../schemas/layout/address";
import { createStrictExcel } from "./strict/fake-excel";
import type { ProfileName } from "./strict/profiles";
import { huangshanRoster } from "../../schemas/fixtures/templates";

const template = huangshanRoster();
const at = (layout: SheetLayout, key: string) => layout.cells.find((c) => c.key === key)?.address as string;

async function rendered(rosterRows = 50, profile: ProfileName = "windows-1.20") {
  const layout = buildLayout(template, { rosterRows });
  const excel = createStrictExcel(profile);
  const workbook = new OfficeWorkbook(excel.host);
  await workbook.renderForm(layout);
  return { layout, excel, workbook, sheet: excel.sheet(layout.sheet) };
}

describe("OfficeWorkbook.growRosters", () => {
  it("grows the Huangshan roster from 50 to 2,050 rows in one sync and binds the moved layout", async () => {
    const { layout, excel, workbook, sheet } = await rendered();
    const roster = layout.rosters[0]!;
    const end = roster.firstRow + 49;
    excel.seed(layout.sheet, at(layout, "total_persons"), [["50"]]);
    const grown = await workbook.growRosters(layout.sheet, { roster: 2050 });
    expect(excel.runs.slice(1)).toEqual([1]);
    expect(grown).toEqual(buildLayout(template, { rosterRows: 2050 }));

    // The 合计 lines move down across the form's columns; the table takes the new rows.
    expect(excel.values(layout.sheet, at(grown, "total_persons"))).toEqual([[50]]);
    expect(sheet.tables.map((t) => rangeAddress(t.box))).toEqual([`A${roster.headerRow}:N${end + 2000}`]);
    for (const row of [end + 1, end + 2000]) {
      expect(excel.cell(layout.sheet, a1(row, 1)).locked).toBe(false);
      expect(excel.cell(layout.sheet, a1(row, 2)).numberFormat).toBe("@"); // 身份证号 stays text
      expect(excel.cell(layout.sheet, a1(row, 11)).numberFormat).toBe("0.00"); // 助学金额
    }

    // Every roster column validates down to the new last row, with its prompt and stop alert.
    const columns = grown.validations.filter((v) => v.range.endsWith(`${end + 2000}`) && v.range.includes(":"));
    expect(columns.length).toBeGreaterThan(5);
    for (const v of columns) {
      const b = parseRange(v.range);
      const dv = excel.cell(layout.sheet, a1(b.bottom, b.left)).validation;
      expect(dv?.rule).toEqual(v.formula ? { custom: { formula: v.formula } } : excelRule(v.rule));
      expect(dv?.errorAlert?.message).toBe(v.alert.message);
    }
    // Protected again, with undo cleared once for the grow (documented: growing needs unprotect).
    expect(sheet.protection.protected).toBe(true);

    // Row 2,050 has a place now, and 合计 is written where it moved to.
    const result = await workbook.writeValues(layout.sheet, { "roster.r2050.name": "汪小明", total_persons: "2050" });
    expect(result).toEqual({ written: 2, unplaced: [] });
    expect(at(grown, "total_persons")).not.toBe(at(layout, "total_persons"));
    expect(excel.values(layout.sheet, at(grown, "total_persons"))).toEqual([[2050]]);
    expect(excel.runs.slice(1)).toEqual([1, 1]);

    // New rows and moved cells are marked where they are now.
    await workbook.markCells(
      layout.sheet,
      [
        { cell: "roster.r2050.name", severity: "error", note: "必填" },
        { cell: "total_persons", severity: "warning", note: "请核对" },
      ],
      [],
    );
    expect(excel.shownFill(layout.sheet, a1(end + 2000, 1))).toBe(COLORS.error);
    expect(excel.shownFill(layout.sheet, at(grown, "total_persons"))).toBe(COLORS.warning);
    expect(excel.sheet(marksSheetName(layout.sheet)).visibility).toBe("VeryHidden");
  });

  it("moves a mark and its note with the cell, so clearing it later finds it", async () => {
    const { layout, excel, workbook } = await rendered();
    await workbook.markCells(
      layout.sheet,
      [{ cell: "total_persons", severity: "error", note: "与名册人数不一致" }],
      [],
    );
    const grown = await workbook.growRosters(layout.sheet, { roster: 100 });
    expect(excel.shownFill(layout.sheet, at(grown, "total_persons"))).toBe(COLORS.error);
    expect(excel.cell(layout.sheet, at(grown, "total_persons")).note).toBe("【错误】与名册人数不一致");
    await workbook.markCells(layout.sheet, [], ["total_persons"]);
    expect(excel.cell(layout.sheet, at(grown, "total_persons")).note).toBeUndefined();
    expect(excel.shownFill(layout.sheet, at(grown, "total_persons"))).toBe(
      excel.cell(layout.sheet, at(grown, "total_persons")).fill,
    );
  });

  it("costs no round trip when the roster has the rows, and says so in zh-CN on an Excel that cannot resize tables", async () => {
    const { layout, excel, workbook } = await rendered();
    expect(await workbook.growRosters(layout.sheet, { roster: 30 })).toBe(layout);
    expect(excel.runs).toHaveLength(1);

    const old = await rendered(50, "windows-1.10");
    expect(old.workbook.canGrowRosters).toBe(false);
    await expect(old.workbook.growRosters(old.layout.sheet, { roster: 100 })).rejects.toMatchObject({
      code: "unsupported",
      message: expect.stringContaining("不能为名册增加行"),
    });
    expect(old.excel.runs).toHaveLength(1);
    // The CDN office.js has Table.resize; a 1.9 host does not run it.
    expect((await rendered(50, "windows-1.9-cdn")).workbook.canGrowRosters).toBe(false);
  });
});

describe("OfficeWorkbook.attachForm with a roster", () => {
  const layout = buildLayout(template);

  it("binds to the rows the sheet's table has grown to, and grows it to what the layout asks, one sync for the marks and rows", async () => {
    const excel = createStrictExcel("windows-1.20");
    const first = new OfficeWorkbook(excel.host);
    await first.renderForm(buildLayout(template, { rosterRows: 300 }));
    await first.markCells(layout.sheet, [{ cell: "total_persons", severity: "error", note: "旧的" }], []);

    // The pane reopens: a new adapter over the same workbook.
    const workbook = new OfficeWorkbook(excel.host);
    expect(await workbook.attachForm(layout)).toEqual(buildLayout(template, { rosterRows: 300 }));
    // exists, then notes and the table's size, then marks cleared (and rows grown)
    expect(excel.runs.slice(2)).toEqual([3]);
    const grown = buildLayout(template, { rosterRows: 300 });
    expect(excel.cell(layout.sheet, at(grown, "total_persons")).note).toBeUndefined();
    expect(excel.shownFill(layout.sheet, at(grown, "total_persons"))).not.toBe(COLORS.error);

    const asked = buildLayout(template, { rosterRows: 400 });
    expect(await workbook.attachForm(asked)).toEqual(asked);
    expect(excel.runs.slice(3)).toEqual([3]);
    const roster = asked.rosters[0]!;
    expect(excel.tables().map((t) => rangeAddress(t.box))).toEqual([`A${roster.headerRow}:N${roster.firstRow + 399}`]);
    expect(excel.sheet(layout.sheet).protection.protected).toBe(true);
  });

  it("says in zh-CN when the roster table is gone instead of writing into the wrong rows", async () => {
    const excel = createStrictExcel("windows-1.20");
    excel.addSheet(layout.sheet);
    const workbook = new OfficeWorkbook(excel.host);
    await expect(workbook.attachForm(layout)).rejects.toMatchObject({
      code: "roster_missing",
      message: expect.stringContaining("名册表格"),
    });
    await expect(workbook.readValues(layout.sheet)).rejects.toMatchObject({ code: "sheet_not_bound" });
  });
});

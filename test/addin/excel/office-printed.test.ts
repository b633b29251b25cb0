/**
 * 从当前工作表起草 on the strict fake Excel: the active sheet's used range read with
 * its merged areas (ExcelApi 1.13), without them on an older Excel, and refused
 * when it is far larger than a printed form.
 */
import { describe, expect, it } from "vitest";
import { areasOf, MAX_PRINTED_CELLS } from "../../../addin/excel/office-printed";
import { OfficeWorkbook } from "../../../addin/excel/office-workbook";
import { draftFromTable } from "../../../schemas/definition/draft-table";
import { createStrictExcel } from "./strict/fake-excel";
import type { ProfileName } from "./strict/profiles";

/** A printed 附件 as an officer pastes it, from B2: title merged across, a 项目 label merged down two rows. */
function pasted(profile: ProfileName) {
  const excel = createStrictExcel(profile);
  const sheet = excel.addSheet("通知表格");
  excel.seed("通知表格", "B2", [
    ["2014年上海工会金秋助学情况统计表", "", ""],
    ["序号", "项目", "单位"],
    ["1", "2014 年助学活动共筹集资金", "万元"],
    ["", "其中：各级党委政府资助", "万元"],
    ["", "社会捐助", "万元"],
  ]);
  sheet.merges.push({ top: 2, left: 2, bottom: 2, right: 4 });
  excel.user.select("通知表格", "B2");
  return excel;
}

describe("OfficeWorkbook.readPrinted — the printed table in the active sheet", () => {
  it("reads the used range with its merges (ExcelApi 1.13), relative to the range", async () => {
    const excel = pasted("web-1.18");
    const printed = await new OfficeWorkbook(excel.host).readPrinted();
    expect(printed?.cells[0]).toEqual(["2014年上海工会金秋助学情况统计表", null, null]);
    // Excel holds a typed 1 as a number.
    expect(printed?.cells[2]).toEqual([1, "2014 年助学活动共筹集资金", "万元"]);
    expect(printed?.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 2 }]);
    const draft = draftFromTable(printed ?? { cells: [] });
    expect(draft.template.title).toBe("2014年上海工会金秋助学情况统计表");
    expect(draft.template.breakdowns).toHaveLength(1);
  });

  it("reads no merges on an Excel older than 1.13, and nothing from an empty sheet", async () => {
    const excel = pasted("windows-1.10");
    expect((await new OfficeWorkbook(excel.host).readPrinted())?.merges).toEqual([]);
    const empty = createStrictExcel("web-1.18");
    empty.addSheet("空白");
    empty.user.select("空白", "A1");
    expect(await new OfficeWorkbook(empty.host).readPrinted()).toBeNull();
  });

  it("refuses a sheet far larger than a printed form, in words", async () => {
    const excel = createStrictExcel("web-1.18");
    excel.addSheet("大表");
    excel.user.select("大表", "A1");
    excel.seed("大表", "A1", [["x"]]);
    excel.seed("大表", `A${MAX_PRINTED_CELLS + 1}`, [["y", "z"]]);
    await expect(new OfficeWorkbook(excel.host).readPrinted()).rejects.toThrow(/超出一张报表的范围/);
  });

  it("keeps the values when Excel cannot answer the merged areas (past 512 of them)", async () => {
    const excel = pasted("web-1.18");
    const sheet = excel.sheet("通知表格");
    // Pairs of cells merged ten to a row under the table, within its used range.
    for (let i = 0; i < 520; i++) {
      const row = 10 + Math.floor(i / 10);
      sheet.merges.push({ top: row, left: 2 + 2 * (i % 10), bottom: row, right: 3 + 2 * (i % 10) });
    }
    excel.seed("通知表格", "U62", [["注"]]);
    const printed = await new OfficeWorkbook(excel.host).readPrinted();
    expect(printed?.merges).toEqual([]);
    expect(printed?.cells[0]?.[0]).toBe("2014年上海工会金秋助学情况统计表");
  });

  it("reads a title merged wider than the table: Excel answers areas by their top-left cell", async () => {
    const excel = pasted("web-1.18");
    const sheet = excel.sheet("通知表格");
    sheet.merges = [{ top: 2, left: 2, bottom: 2, right: 8 }];
    const printed = await new OfficeWorkbook(excel.host).readPrinted();
    expect(printed?.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 6 }]);
  });

  it("reads every area of a RangeAreas address, quoted sheet names and all", () => {
    expect(areasOf("'上海, 附件2'!$B$3:$E$3,'上海, 附件2'!C5:C6")).toEqual([
      { top: 3, left: 2, bottom: 3, right: 5 },
      { top: 5, left: 3, bottom: 6, right: 3 },
    ]);
    expect(areasOf("Sheet1!A1:B2, Sheet1!D4")).toHaveLength(2);
  });
});

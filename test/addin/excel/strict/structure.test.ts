/**
 * What inserting cells moves, and what a cell shows through a conditional
 * format that reads another sheet (the way a form can be marked without
 * formatting its protected sheet).
 */
import { describe, expect, it } from "vitest";
import { createStrictExcel } from "./fake-excel";

describe("strict fake Excel — structure and shown colours", () => {
  it("moves cells, validation, notes, merges, tables and conditional formats down on insert", async () => {
    const excel = createStrictExcel("web-1.18");
    excel.addSheet("表");
    await excel.host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("表");
      ws.getRange("A1:B1").values = [["姓名", "金额"]];
      ws.tables.add("A1:B3", true).name = "T";
      ws.getRange("A5:B5").merge(false);
      ws.getRange("A5").values = [["合计"]];
      ws.getRange("B6").dataValidation.rule = { wholeNumber: { formula1: 0, operator: "GreaterThan" } };
      ws.notes.add("B6", "注");
      ws.getRange("B6").conditionalFormats.add("Custom").custom.rule.formula = "=B6<0";
      await ctx.sync();
      ws.getRange("A4:B5").insert("Down");
      await ctx.sync();
      // Part of a table may not shift.
      ws.getRange("A2:A3").insert("Down");
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
    });
    const s = excel.sheet("表");
    expect(excel.values("表", "A7")).toEqual([["合计"]]);
    expect(s.merges).toEqual([{ top: 7, left: 1, bottom: 7, right: 2 }]);
    expect(excel.cell("表", "B8")).toMatchObject({ note: "注", validation: expect.anything() });
    expect(s.conditionalFormats[0]?.boxes).toEqual([{ top: 8, left: 2, bottom: 8, right: 2 }]);
    expect(s.tables[0]?.box).toEqual({ top: 1, left: 1, bottom: 3, right: 2 });
  });

  it("shows a conditional format's fill while its formula on another sheet is true", async () => {
    const excel = createStrictExcel("web-1.20");
    excel.addSheet("表");
    excel.addSheet("标记");
    await excel.host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("表");
      ws.getRange("C3:C9").format.fill.color = "#DDEBF7";
      const red = ws.getRange("C3:C9").conditionalFormats.add("Custom");
      red.custom.rule.formula = "='标记'!C3=2";
      red.custom.format.fill.color = "#FFC7CE";
      ctx.workbook.worksheets.getItem("标记").getRange("C5").values = [[2]];
      await ctx.sync();
    });
    expect(excel.shownFill("表", "C5")).toBe("#FFC7CE");
    expect(excel.shownFill("表", "C4")).toBe("#DDEBF7");
  });
});

/**
 * Tables in the strict fake: names unique in the whole workbook (issue 11,
 * item 2: a consolidated sheet and a drill-down of the same roster form both
 * draw `HB_<template>_<section>`), valid names, no tables on a protected
 * sheet, and `Table.resize` only where ExcelApi 1.13 is.
 */
import { describe, expect, it } from "vitest";
import { createStrictExcel } from "./fake-excel";

async function addTable(excel: ReturnType<typeof createStrictExcel>, sheet: string, name: string) {
  await excel.host.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem(sheet);
    ws.getRange("A1:B1").values = [["姓名", "金额"]];
    const t = ws.tables.add("A1:B3", true);
    t.name = name;
    await ctx.sync();
  });
}

describe("strict fake Excel — tables", () => {
  it("refuses a second table of the same name on ANOTHER sheet, after drawing half the sheet", async () => {
    const excel = createStrictExcel("web-1.18");
    excel.addSheet("附件2");
    excel.addSheet("附件2（汇总）");
    await addTable(excel, "附件2", "HB_hs_2022_roster_roster");
    await expect(addTable(excel, "附件2（汇总）", "hb_HS_2022_roster_roster")).rejects.toMatchObject({
      code: "ItemAlreadyExists",
    });
    // The batch is no transaction: the table was added (with Excel's own name) and the headers written.
    expect(excel.tables().map((t) => t.name)).toEqual(["HB_hs_2022_roster_roster", "Table1"]);
    expect(excel.values("附件2（汇总）", "A1:B1")).toEqual([["姓名", "金额"]]);
  });

  it("refuses names Excel refuses", async () => {
    for (const bad of ["A1", "R1C1", "c", "1abc", "有 空格", "a-b"]) {
      const excel = createStrictExcel("web-1.18");
      excel.addSheet("表");
      await expect(addTable(excel, "表", bad)).rejects.toMatchObject({ code: "InvalidArgument" });
    }
    const excel = createStrictExcel("web-1.18");
    excel.addSheet("表");
    await addTable(excel, "表", "名册_2022.v1");
    expect(excel.tables()[0]?.name).toBe("名册_2022.v1");
  });

  it("frees a name when its sheet is deleted, and refuses tables on a protected sheet", async () => {
    const excel = createStrictExcel("web-1.18");
    excel.addSheet("旧");
    excel.addSheet("新");
    await addTable(excel, "旧", "HB_roster");
    await excel.host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("旧").delete();
      ctx.workbook.worksheets.getItem("新").protection.protect();
      await ctx.sync();
    });
    await expect(addTable(excel, "新", "HB_roster")).rejects.toMatchObject({ code: "AccessDenied" });
    await excel.host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("新").protection.unprotect();
      await ctx.sync();
    });
    await addTable(excel, "新", "HB_roster");
    expect(excel.tables().map((t) => [t.sheet.name, t.name])).toEqual([["新", "HB_roster"]]);
  });

  it("resizes a table from ExcelApi 1.13 only; below, the office.js Table has no resize", async () => {
    const excel = createStrictExcel("windows-1.13");
    excel.addSheet("表");
    await addTable(excel, "表", "T");
    await excel.host.run(async (ctx) => {
      const t = ctx.workbook.worksheets.getItem("表").tables.getItem("T");
      t.resize("A1:B10");
      const body = t.getDataBodyRange();
      body.load("rowCount");
      await ctx.sync();
      expect(body.rowCount).toBe(9);
      t.resize("A2:B10");
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    });

    const old = createStrictExcel("windows-1.10");
    old.addSheet("表");
    await addTable(old, "表", "T");
    await old.host.run(async (ctx) => {
      expect("resize" in ctx.workbook.worksheets.getItem("表").tables.getItem("T")).toBe(false);
    });
    // The CDN office.js knows resize; a 1.9 host refuses it at sync.
    const cdn = createStrictExcel("windows-1.9-cdn");
    cdn.addSheet("表");
    await addTable(cdn, "表", "T");
    await expect(
      cdn.host.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("表").tables.getItem("T").resize("A1:B10");
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "ApiNotFound" });
  });
});

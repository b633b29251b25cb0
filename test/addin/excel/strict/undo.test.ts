/**
 * The undo model of the strict fake (issue 11, item 5): from ExcelApi 1.20 only
 * the APIs of Microsoft's "Unsupported APIs" table clear the user's undo
 * stack, each per platform; below 1.20 every add-in write does.
 */
import { describe, expect, it } from "vitest";
import { createStrictExcel } from "./fake-excel";
import type { ProfileName } from "./profiles";

async function session(profile: ProfileName, f: (ws: Excel.Worksheet) => void) {
  const excel = createStrictExcel(profile);
  excel.addSheet("表");
  excel.addSheet("另");
  excel.user.type("表", "A1", "用户输入");
  await excel.host.run(async (ctx) => {
    f(ctx.workbook.worksheets.getItem("表"));
    await ctx.sync();
  });
  return excel;
}

describe("strict fake Excel — undo", () => {
  it("keeps the user's undo through value and format writes on ExcelApi 1.20", async () => {
    const excel = await session("windows-1.20", (ws) => {
      ws.getRange("B1").values = [[1]];
      ws.getRange("B1").format.fill.color = "#FFC7CE";
    });
    expect(excel.undo.clears).toEqual([]);
    expect(excel.undo.depth).toBe(3);
  });

  it("clears it on protect and unprotect, everywhere", async () => {
    for (const profile of ["web-1.20", "windows-1.20"] as const) {
      const excel = await session(profile, (ws) => {
        ws.protection.protect();
        ws.protection.unprotect();
      });
      expect(excel.undo.clears).toEqual(["WorksheetProtection.protect", "WorksheetProtection.unprotect"]);
      expect(excel.undo.depth).toBe(0);
    }
  });

  it("clears it on renaming a sheet on Windows and Mac, not on the web", async () => {
    const rename = (ws: Excel.Worksheet) => (ws.name = "新名");
    expect((await session("web-1.20", rename)).undo.clears).toEqual([]);
    expect((await session("windows-1.20", rename)).undo.clears).toEqual(["Worksheet.name"]);
    expect((await session("mac-1.18", rename)).undo.clears).toEqual(["Worksheet.name"]);
  });

  it("clears it on deleting a sheet", async () => {
    expect((await session("web-1.20", (ws) => ws.delete())).undo.clears).toEqual(["Worksheet.delete"]);
  });

  it("clears it on every add-in write below ExcelApi 1.20, reads excepted", async () => {
    const excel = await session("web-1.18", (ws) => {
      ws.getRange("B1").values = [[1]];
      ws.getRange("B1").load("values");
    });
    expect(excel.undo.clears).toEqual(["Range.values"]);
  });
});

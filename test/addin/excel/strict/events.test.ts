/**
 * Worksheet events in the strict fake, and the user's side: a typed cell
 * raises onChanged with details, a paste raises it without details and
 * replaces validation, fill and number format (issue 11, item 10), a dropdown
 * pick raises nothing on Excel on the web (OfficeDev/office-js #4066, #3888,
 * issue 11 item 9), and the add-in's own writes come back as changes.
 */
import { describe, expect, it } from "vitest";
import { createStrictExcel } from "./fake-excel";
import type { ProfileName } from "./profiles";

async function listening(profile: ProfileName) {
  const excel = createStrictExcel(profile);
  excel.addSheet("表");
  const changes: Record<string, unknown>[] = [];
  const selections: string[] = [];
  await excel.host.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem("表");
    ws.getRange("C3:C5").numberFormat = [["0.00"], ["0.00"], ["0.00"]];
    ws.getRange("C3:C5").format.fill.color = "#DDEBF7";
    ws.getRange("C3:C5").dataValidation.rule = { decimal: { formula1: 0, operator: "GreaterThanOrEqualTo" } };
    ws.getRange("D3").dataValidation.rule = { list: { inCellDropDown: true, source: "男,女" } };
    ws.onChanged.add(async (e) => void changes.push(e as unknown as Record<string, unknown>));
    ws.onSelectionChanged.add(async (e) => void selections.push((e as { address: string }).address));
    await ctx.sync();
  });
  await excel.settle();
  return { excel, changes, selections };
}

describe("strict fake Excel — events and the user", () => {
  it("raises onChanged with details for one typed cell", async () => {
    const { excel, changes } = await listening("web-1.18");
    excel.user.type("表", "C3", "12");
    await excel.settle();
    expect(changes).toEqual([
      expect.objectContaining({
        address: "C3",
        changeType: "RangeEdited",
        triggerSource: "Unknown",
        details: expect.objectContaining({ valueBefore: "", valueAfter: 12 }),
      }),
    ]);
  });

  it("replaces validation, fill and number format on paste, and reports the block without details", async () => {
    const { excel, changes } = await listening("web-1.18");
    excel.user.paste("表", "C3", { values: [["abc"], [5]] });
    await excel.settle();
    expect(changes).toEqual([expect.objectContaining({ address: "C3:C4" })]);
    expect(changes[0]?.details).toBeUndefined();
    expect(excel.cell("表", "C3")).toMatchObject({ value: "abc", numberFormat: "General" });
    expect(excel.cell("表", "C3").fill).toBeUndefined();
    expect(excel.cell("表", "C3").validation).toBeUndefined();
    expect(excel.cell("表", "C5")).toMatchObject({ numberFormat: "0.00", fill: "#DDEBF7" });
  });

  it("raises nothing for a dropdown pick on the web, and onChanged on Windows", async () => {
    const web = await listening("web-1.18");
    expect(web.excel.user.pick("表", "D3", "女")).toBeUndefined();
    await web.excel.settle();
    expect(web.excel.values("表", "D3")).toEqual([["女"]]);
    expect(web.changes).toEqual([]);
    expect(web.excel.user.pick("表", "D3", "其他")).toBe("not-in-list");

    const desktop = await listening("windows-1.20");
    desktop.excel.user.pick("表", "D3", "女");
    await desktop.excel.settle();
    expect(desktop.changes).toEqual([expect.objectContaining({ address: "D3" })]);
  });

  it("reports selections, the user's and the add-in's", async () => {
    const { excel, selections } = await listening("web-1.18");
    excel.user.select("表", "D3");
    await excel.host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("表").getRange("C5").select();
      await ctx.sync();
    });
    await excel.settle();
    expect(selections).toEqual(["D3", "C5"]);
  });

  it("echoes the add-in's own writes, marked as such only from ExcelApi 1.14", async () => {
    const { excel, changes } = await listening("windows-1.9");
    await excel.host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("表").getRange("C4").values = [[3]];
      await ctx.sync();
    });
    await excel.settle();
    expect(changes).toEqual([expect.objectContaining({ address: "C4" })]);
    expect(changes[0]?.triggerSource).toBeUndefined();
  });

  it("stops a handler loop that never settles", async () => {
    const excel = createStrictExcel("windows-1.9");
    excel.addSheet("表");
    await excel.host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("表");
      // A handler that writes back whatever changed: on a host without triggerSource it feeds itself.
      ws.onChanged.add(() =>
        excel.host.run(async (c) => {
          c.workbook.worksheets.getItem("表").getRange("A1").values = [[1]];
          await c.sync();
        }),
      );
      await ctx.sync();
    });
    excel.user.type("表", "A1", "2");
    await expect(excel.settle()).rejects.toThrow(/never settled/);
  });
});

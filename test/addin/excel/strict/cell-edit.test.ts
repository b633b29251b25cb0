/**
 * Cell-edit mode in the strict fake (issue 11, item 3): while the user edits a
 * cell, a batch fails with InvalidOperationInCellEditMode unless its
 * `Excel.run` asked `{ delayForCellEdit: true }` on a host with ExcelApi 1.11,
 * where it waits until the user leaves the cell (RunOptions.delayForCellEdit).
 */
import { describe, expect, it } from "vitest";
import { createStrictExcel } from "./fake-excel";

const write = (excel: ReturnType<typeof createStrictExcel>, value: string, options?: { delayForCellEdit: boolean }) => {
  const batch = async (ctx: Excel.RequestContext) => {
    ctx.workbook.worksheets.getItem("表").getRange("A1").values = [[value]];
    await ctx.sync();
  };
  return options ? excel.host.run(options, batch) : excel.host.run(batch);
};

describe("strict fake Excel — cell-edit mode", () => {
  it("fails a batch that did not ask to wait, and applies none of it", async () => {
    const excel = createStrictExcel("web-1.18");
    excel.addSheet("表");
    excel.user.startEditing();
    await expect(write(excel, "丢")).rejects.toMatchObject({ code: "InvalidOperationInCellEditMode" });
    excel.user.stopEditing();
    expect(excel.values("表", "A1")).toEqual([[""]]);
  });

  it("delays a batch that asked until edit mode ends", async () => {
    const excel = createStrictExcel("web-1.18");
    excel.addSheet("表");
    excel.user.startEditing();
    let done = false;
    const pending = write(excel, "等", { delayForCellEdit: true }).then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(done).toBe(false);
    expect(excel.values("表", "A1")).toEqual([[""]]);
    excel.user.stopEditing();
    await pending;
    expect(excel.values("表", "A1")).toEqual([["等"]]);
    expect(excel.runOptions).toEqual([{ delayForCellEdit: true }]);
  });

  it("ignores delayForCellEdit below ExcelApi 1.11", async () => {
    const excel = createStrictExcel("windows-1.10");
    excel.addSheet("表");
    excel.user.startEditing();
    await expect(write(excel, "丢", { delayForCellEdit: true })).rejects.toMatchObject({
      code: "InvalidOperationInCellEditMode",
    });
  });

  it("types as the user does: edit mode during the keystrokes, the value on Enter", async () => {
    const excel = createStrictExcel("web-1.18");
    excel.addSheet("表");
    expect(excel.user.type("表", "B2", "12.5")).toBeUndefined();
    expect(excel.values("表", "B2")).toEqual([[12.5]]);
    await write(excel, "之后");
  });
});

/**
 * A form's render that fails halfway (issue 11, item 2) on the strict fake:
 * the drawing goes on a temporary sheet swapped in only once drawn and
 * protected, so a failure leaves no half-drawn sheet, and a redraw that fails
 * leaves the sheet it was to replace — values, protection, tables, marks — as it was.
 */
import { describe, expect, it } from "vitest";
import { OfficeWorkbook } from "../../../addin/excel/office-workbook";
import { marksSheetName } from "../../../addin/excel/office-marks";
import { buildLayout } from "../../../schemas/layout/form/layout";
import { huangshanRoster } from "../../schemas/fixtures/templates";
import { sheetNames } from "./officer-strict";
import { createStrictExcel, type StrictExcel } from "./strict/fake-excel";

/** The `nth` sync of the next Excel.run fails after `after` of its commands (those stay applied). */
function failSync(excel: StrictExcel, nth: number, after: number): void {
  const run = excel.host.run.bind(excel.host) as (
    o: Excel.RunOptions,
    b: (c: Excel.RequestContext) => Promise<unknown>,
  ) => Promise<unknown>;
  let armed = true;
  (excel.host as { run: unknown }).run = (
    options: Excel.RunOptions,
    batch: (c: Excel.RequestContext) => Promise<unknown>,
  ) =>
    run(options, (ctx) => {
      if (!armed) return batch(ctx);
      armed = false;
      const sync = ctx.sync.bind(ctx);
      let n = 0;
      ctx.sync = (() => {
        if (++n === nth) excel.failNextSync("InvalidArgument", after);
        return sync();
      }) as typeof ctx.sync;
      return batch(ctx);
    });
}

function setup() {
  const excel = createStrictExcel("web-1.20");
  excel.addSheet("Sheet1");
  const layout = buildLayout(huangshanRoster(), { unitName: "休宁县总工会", rosterRows: 5 });
  return { excel, layout, workbook: new OfficeWorkbook(excel.host) };
}

describe("OfficeWorkbook.renderForm — a drawing that fails halfway", () => {
  it("a first drawing that fails leaves no sheet, no table and no binding", async () => {
    const { excel, layout, workbook } = setup();
    failSync(excel, 2, 40);
    await expect(workbook.renderForm(layout)).rejects.toMatchObject({ code: "InvalidArgument" });
    expect(await sheetNames(excel)).toEqual(["Sheet1"]);
    expect(excel.tables()).toEqual([]);
    await expect(workbook.readValues(layout.sheet)).rejects.toThrow();
  });

  it("a redraw that fails leaves the old sheet with its values, protection, tables and marks; the next redraw works in 2 syncs", async () => {
    const { excel, layout, workbook } = setup();
    await workbook.renderForm(layout);
    const reporter = layout.cells.find((c) => c.key === "header.reporter")!;
    await workbook.writeValues(layout.sheet, { "header.reporter": "汪子涵" });
    await workbook.markCells(layout.sheet, [{ cell: "header.reporter", severity: "error", note: "请核对" }], []);
    const tables = excel.tables().map((t) => t.name);

    failSync(excel, 2, 40);
    await expect(workbook.renderForm(layout)).rejects.toMatchObject({ code: "InvalidArgument" });
    expect(await sheetNames(excel)).toEqual(["Sheet1", layout.sheet, marksSheetName(layout.sheet)]);
    expect(excel.values(layout.sheet, reporter.address)).toEqual([["汪子涵"]]);
    expect(excel.values(marksSheetName(layout.sheet), reporter.address)).toEqual([[2]]);
    expect(excel.sheet(layout.sheet).protection.protected).toBe(true);
    expect(excel.tables().map((t) => t.name)).toEqual(tables);
    // Still bound to the old sheet, which is there.
    expect((await workbook.readValues(layout.sheet))["header.reporter"]).toBe("汪子涵");

    await workbook.renderForm(layout);
    // A roster form drawn again, its tables parked and swapped, still in 2 syncs.
    expect(excel.runs.at(-1)).toBe(2);
    expect(await sheetNames(excel)).toEqual(["Sheet1", marksSheetName(layout.sheet), layout.sheet]);
    expect(excel.values(layout.sheet, reporter.address)).toEqual([[""]]);
    expect(excel.values(marksSheetName(layout.sheet), reporter.address)).toEqual([[""]]);
    expect(excel.tables().map((t) => t.name)).toEqual(tables);
    expect(await new OfficeWorkbook(excel.host).attachForm(layout)).not.toBeNull();
  });
});

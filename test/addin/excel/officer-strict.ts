/** What the officer adapter's tests read off the strict fake besides cells. */
import { rangeAddress } from "../../../schemas/layout/address";
import type { StrictExcel } from "./strict/fake-excel";

/** The workbook's sheets by name, as Excel lists them (one more Excel.run: call it after counting syncs). */
export async function sheetNames(excel: StrictExcel): Promise<string[]> {
  return excel.host.run(async (ctx) => {
    const sheets = ctx.workbook.worksheets;
    sheets.load("items/name");
    await ctx.sync();
    return sheets.items.map((s) => s.name);
  });
}

/**
 * The officer sorts rows `top`…`bottom` (columns `left`…`right`) of a sheet, as
 * Data → Sort does once Excel allowed it (`excel.user.canSort`): row i of the
 * result is row `order[i]` (0-based) of the block. The fake does not model
 * sorting itself; this moves the stored cells.
 */
export function sortRows(
  excel: StrictExcel,
  sheetName: string,
  box: { top: number; bottom: number; left: number; right: number },
  order: readonly number[],
): void {
  if (!excel.user.canSort(sheetName, rangeAddress(box))) {
    throw new Error("Excel refuses this sort");
  }
  const sheet = excel.sheet(sheetName);
  const key = (row: number, col: number) => row * 20_000 + col;
  const moved = order.map((from) =>
    Array.from({ length: box.right - box.left + 1 }, (_, j) => sheet.cells.get(key(box.top + from, box.left + j))),
  );
  moved.forEach((line, i) =>
    line.forEach((cell, j) => {
      const k = key(box.top + i, box.left + j);
      if (cell) sheet.cells.set(k, cell);
      else sheet.cells.delete(k);
    }),
  );
}

/**
 * Dropdown picks with Office.js. Excel on the web raises no `onChanged` when
 * the clerk picks from a data-validation dropdown (OfficeDev/office-js #4066,
 * #3888), so the form's sheet also listens to `onSelectionChanged` (ExcelApi
 * 1.7): when the selection leaves dropdown cells, they are read again (one
 * sync, only then) and reported when they differ from what the adapter last
 * knew (addin/sheet/list-picks.ts). Where Excel does raise the change, the
 * value is known by then and nothing is reported twice.
 */
import { rangeAddress } from "../../schemas/layout/address";
import type { CellKey, CellValue, CellsChangedHandler } from "../sheet/form-workbook";
import type { ListPicks } from "../sheet/list-picks";
import { RUN, type ExcelHost } from "./office-host";
import { toCellValue } from "./office-values";

/** The selection moved to `address`: re-reads the dropdown cells it left and reports a pick. */
export async function selectionLeft(
  host: ExcelHost,
  sheet: string,
  picks: ListPicks,
  address: string,
  handler: CellsChangedHandler,
): Promise<void> {
  const cells = picks.moved(address);
  if (cells.length === 0) return;
  const grid = await host.run(RUN, async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem(sheet);
    const ranges = cells.map((c) =>
      ws.getRange(rangeAddress({ top: c.row, left: c.col, bottom: c.row, right: c.col })),
    );
    for (const r of ranges) r.load("values");
    await ctx.sync();
    return ranges.map((r) => (r.values as unknown[][])[0]?.[0]);
  });
  const read: Record<CellKey, CellValue> = {};
  cells.forEach((c, i) => (read[c.key] = toCellValue(grid[i])));
  const changed = picks.changes(read);
  const keys = Object.keys(changed);
  if (keys.length > 0) handler(keys, changed);
}

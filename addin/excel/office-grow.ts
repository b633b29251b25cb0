/**
 * Growing a roster (名册) with Office.js, queued on the caller's request
 * context so the whole grow is one `context.sync()`. The caller unprotects the
 * sheet around it: a protected sheet cannot grow a table, which is why rosters
 * come with prepared rows at all.
 *
 * The cells below a table move down (inserted across the form's columns only,
 * so the hidden option lists right of the form stay where list sources point),
 * the table is resized over the new rows (ExcelApi 1.13), and the new rows get
 * what `drawForm` gave the first ones: number formats, unlocked cells and the
 * column validations with their prompts and stop alerts. Reconnecting reads
 * how long the tables have grown (`rostersInSheet`).
 */
import { rangeAddress, parseRange } from "../../schemas/layout/address";
import type { RosterLayout, SheetLayout } from "../../schemas/layout/form/layout-types";
import { growthOf, lastRow, withRosterRows } from "../../schemas/layout/form/roster-rows";
import { COLORS } from "../../schemas/layout/colors";
import { applyValidation } from "./office-draw";
import { WorkbookError } from "../sheet/form-workbook";

/** Queues the growth from `before` to `after` (made by `withRosterRows`); no sync. */
export function queueGrowth(ws: Excel.Worksheet, before: SheetLayout, after: SheetLayout): void {
  const growth = growthOf(before, after);
  if (growth.length === 0) return;
  // The bottom roster first: each insert then uses coordinates that nothing above has moved yet.
  for (const { roster, added } of [...growth].reverse()) {
    const end = lastRow(roster);
    ws.getRange(rangeAddress({ top: end + 1, bottom: end + added, left: 1, right: before.columns })).insert("Down");
    ws.tables
      .getItem(roster.tableName)
      .resize(rangeAddress({ top: roster.headerRow, left: roster.left, bottom: end + added, right: roster.right }));
    const fresh = ws.getRange(
      rangeAddress({ top: end + 1, left: roster.left, bottom: end + added, right: roster.right }),
    );
    // Formats before anything is typed: an 18-digit 身份证号 survives only in a "@" cell.
    fresh.numberFormat = Array.from({ length: added }, () => roster.columns.map((c) => c.numberFormat));
    fresh.format.protection.locked = false;
    // The light blue of the rows above (input-areas.ts): Excel's insert would not bring it reliably.
    if (!roster.readOnly) fresh.format.fill.color = COLORS.input;
  }
  // From here on every address is in the grown layout.
  const grown = new Set(growth.map((g) => g.roster.key));
  for (const roster of after.rosters) {
    if (!grown.has(roster.key)) continue;
    for (const v of after.validations) {
      if (!isColumnOf(roster, v.range)) continue;
      // The whole column again, top cell first, so a formula written for the top cell stays right.
      const dv = ws.getRange(v.range).dataValidation;
      dv.clear();
      applyValidation(dv, v);
    }
  }
  // Rows that received moved content (a 合计 line) take their height from it; the new blank rows need nothing.
  after.rosters.forEach((roster, i) => {
    if (!grown.has(roster.key)) return;
    const top = lastRow(roster) + 1;
    const bottom = (after.rosters[i + 1]?.headerRow ?? after.rows + 1) - 1;
    if (top <= bottom) ws.getRange(rangeAddress({ top, left: 1, bottom, right: after.columns })).format.autofitRows();
  });
}

/**
 * `layout` with each roster as long as its table in the sheet is (it may have
 * grown in an earlier session); one sync. A table that is gone is an error:
 * binding the drawn rows to it would write into the wrong lines.
 */
export async function rostersInSheet(
  ctx: Excel.RequestContext,
  ws: Excel.Worksheet,
  layout: SheetLayout,
): Promise<SheetLayout> {
  if (layout.rosters.length === 0) return layout;
  const bodies = layout.rosters.map((l) => {
    const body = ws.tables.getItem(l.tableName).getDataBodyRange();
    body.load("rowCount");
    return body;
  });
  try {
    await ctx.sync();
  } catch {
    throw new WorkbookError(
      "roster_missing",
      `工作表「${layout.sheet}」中的名册表格已被删除或改名，无法接续填报；请把该工作表改名备份后重新打开报表`,
    );
  }
  return withRosterRows(
    layout,
    Object.fromEntries(layout.rosters.map((l, i) => [l.key, bodies[i]?.rowCount ?? l.rowCount])),
  );
}

/** A roster column's validation block: one column, from the first row to the last. */
function isColumnOf(roster: RosterLayout, range: string): boolean {
  const r = parseRange(range);
  return (
    r.left === r.right &&
    r.left >= roster.left &&
    r.left <= roster.right &&
    r.top === roster.firstRow &&
    r.bottom === lastRow(roster)
  );
}

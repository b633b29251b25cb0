/**
 * How a form shows its marks without touching its protected sheet.
 *
 * Formatting a protected sheet is refused even to the add-in, and
 * unprotecting it around each mark clears the clerk's undo stack
 * (`WorksheetProtection.protect`/`unprotect` are in the "Unsupported APIs"
 * table of "Undo support with the Excel JavaScript API"). So the form is drawn
 * once with two conditional formats over every value cell whose formulas read
 * a very hidden, unprotected marks sheet at the same address — 2 paints the
 * cell red, 1 amber (a conditional format may reference another sheet since
 * Excel 2010) — and marking a cell is a value write to that sheet: an API with
 * undo support, allowed whatever the form's protection. Clearing writes a
 * blank, and the cell shows its own fill again.
 *
 * The marks sheet grows with the form: a roster that grows inserts the same
 * rows there, so every mark stays at its cell's address.
 */
import { compactAddresses, rangeAddress } from "../../schemas/layout/address";
import { COLORS } from "../../schemas/layout/colors";
import type { RosterLayout, SheetLayout } from "../../schemas/layout/form/layout-types";
import { growthOf, lastRow } from "../../schemas/layout/form/roster-rows";
import type { MarkSeverity } from "../sheet/form-workbook";

/** The value a mark writes to the marks sheet. */
export const MARK_VALUE: Readonly<Record<MarkSeverity, number>> = { error: 2, warning: 1 };

/** Excel caps a sheet name at 31 characters. */
export function marksSheetName(sheet: string): string {
  return `汇表标记·${sheet}`.slice(0, 31);
}

function quoted(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

/** getRanges() takes a comma-joined address; keep each one short. */
const AREAS_MAX = 240;

/** The form's value cells as multi-area addresses, then each roster's rows as one area. */
export function markAreas(layout: SheetLayout): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const run of compactAddresses(
    layout.cells.map((c) => c.address),
    false,
  )) {
    if (current && current.length + run.length + 1 > AREAS_MAX) {
      chunks.push(current);
      current = "";
    }
    current = current ? `${current},${run}` : run;
  }
  if (current) chunks.push(current);
  return [...chunks, ...layout.rosters.map(rosterArea)];
}

function rosterArea(r: RosterLayout): string {
  return rangeAddress({ top: r.firstRow, left: r.left, bottom: lastRow(r), right: r.right });
}

/** Queues the two mark formats over each area (the sheet must not be protected yet); no sync. */
export function drawMarkFormats(ws: Excel.Worksheet, marksSheet: string, areas: readonly string[]): void {
  for (const areasAddress of areas) {
    // Relative to the first cell of the areas, as Excel shifts a rule's formula over its range.
    const anchor = (areasAddress.split(/[,:]/)[0] as string).trim();
    for (const [severity, fill, font] of [
      ["warning", COLORS.warning, undefined],
      ["error", COLORS.error, COLORS.errorText],
    ] as const) {
      const cf = ws.getRanges(areasAddress).conditionalFormats.add("Custom");
      cf.custom.rule.formula = `=${quoted(marksSheet)}!${anchor}=${MARK_VALUE[severity]}`;
      cf.custom.format.fill.color = fill;
      if (font) cf.custom.format.font.color = font;
    }
  }
}

/** Adds the marks sheet, very hidden: the clerk never sees it, the add-in writes it freely. */
export function addMarksSheet(sheets: Excel.WorksheetCollection, name: string): Excel.Worksheet {
  const marks = sheets.add(name);
  marks.visibility = "VeryHidden";
  return marks;
}

/**
 * A roster grew from `before` to `after` (office-grow.ts): the same rows go
 * into the marks sheet, and the new rows get the mark formats. Queued on the
 * caller's unprotected form sheet; no sync.
 */
export function queueMarksGrowth(
  ws: Excel.Worksheet,
  marks: Excel.Worksheet,
  marksSheet: string,
  before: SheetLayout,
  after: SheetLayout,
): void {
  const growth = growthOf(before, after);
  if (growth.length === 0) return;
  for (const { roster, added } of [...growth].reverse()) {
    const end = lastRow(roster);
    marks.getRange(rangeAddress({ top: end + 1, bottom: end + added, left: 1, right: before.columns })).insert("Down");
  }
  const grown = new Map(growth.map((g) => [g.roster.key, g.added]));
  const fresh = after.rosters
    .filter((r) => grown.has(r.key))
    .map((r) =>
      rangeAddress({ top: lastRow(r) - (grown.get(r.key) ?? 0) + 1, left: r.left, bottom: lastRow(r), right: r.right }),
    );
  drawMarkFormats(ws, marksSheet, fresh);
}

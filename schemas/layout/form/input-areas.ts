/**
 * Where a form shows the light-blue "fill here" colour (`COLORS.input`): every
 * cell the clerk types in — the unlocked template cells and the data rows of
 * each roster — and nowhere else. The one answer for drawing a form, growing a
 * roster, clearing a mark and restoring a cell after a paste, so a roster cell
 * never looks different from its neighbours. Pure.
 *
 * Roster rows sit in an Excel table; a cell's own fill is drawn over the
 * table style (the style is the table's differential formatting, ECMA-376
 * Part 1 §18.8.40 `tableStyle`, which cell formatting overrides), so the
 * colour shows whatever the table style.
 */
import { compactAddresses, rangeAddress } from "../address";
import { COLORS } from "../colors";
import type { LocatedCell } from "./cell-index";
import { lastRow } from "./roster-rows";
import type { SheetLayout } from "./layout-types";

/** The input areas as A1 ranges: unlocked template cells in runs, each roster's data rows as one range. */
export function inputRanges(layout: SheetLayout): string[] {
  const cells = compactAddresses(
    layout.cells.filter((c) => !c.locked).map((c) => c.address),
    false,
  );
  const rosters = layout.rosters
    .filter((l) => !l.readOnly)
    .map((l) => rangeAddress({ top: l.firstRow, left: l.left, bottom: lastRow(l), right: l.right }));
  return [...cells, ...rosters];
}

/** The fill a cell shows without a mark: the input colour where the clerk types, none (null) elsewhere. */
export function restingFill(cell: Pick<LocatedCell, "locked"> | undefined): string | null {
  return cell && !cell.locked ? COLORS.input : null;
}

/**
 * Merging and inserting cells: both refused on a protected sheet, and both
 * held to Excel's table rules — a table cannot overlap merged cells
 * (MergedRangeConflict), and an insert may not shift part of a table
 * ("This operation will cause some cells in a table to shift"). An insert
 * moves everything below it within its columns: cells with their formats,
 * validation and notes, merges, conditional-format ranges and tables.
 */
import { officeError } from "./errors";
import { guard } from "./protection";
import { MAX_COL } from "../../../../schemas/layout/address";
import { changedEvent } from "./events";
import type { Core, PendingEvent } from "./core";
import { cellAt, cellFor, overlaps, shiftCellsDown, type Box } from "./state";
import type { RangeTarget } from "./range-target";

export function mergeCells(t: RangeTarget, across: boolean): void {
  guard(t.sheet, "merge", "Range.merge");
  for (const box of t.boxes) {
    if (t.sheet.tables.some((tb) => overlaps(tb.box, box))) {
      throw officeError("MergedRangeConflict", "A table can't overlap merged cells.", "Range.merge");
    }
    const parts = across
      ? Array.from({ length: box.bottom - box.top + 1 }, (_, i) => ({ ...box, top: box.top + i, bottom: box.top + i }))
      : [box];
    for (const m of parts) {
      t.sheet.merges = t.sheet.merges.filter((old) => !overlaps(old, m));
      t.sheet.merges.push(m);
      // Merging keeps the upper-left value only.
      for (let r = m.top; r <= m.bottom; r++) {
        for (let c = m.left; c <= m.right; c++)
          if ((r !== m.top || c !== m.left) && cellAt(t.sheet, r, c).value !== "") cellFor(t.sheet, r, c).value = "";
      }
    }
  }
}

/** Inserts cells over `t` shifting down; answers the change event Excel raises. */
export function insertCells(core: Core, t: RangeTarget): PendingEvent {
  const box = t.boxes[0] as Box;
  if (t.boxes.length !== 1) throw officeError("InvalidOperation", "Insert works on one area.", "Range.insert");
  const wholeRows = box.left === 1 && box.right === MAX_COL;
  guard(t.sheet, wholeRows ? "insertRows" : "insertCells", "Range.insert");
  const h = box.bottom - box.top + 1;
  const within = (b: Box) => b.left >= box.left && b.right <= box.right;
  const crossesColumns = (b: Box) => b.right >= box.left && b.left <= box.right;
  for (const tb of t.sheet.tables) {
    const moves = tb.box.bottom >= box.top && crossesColumns(tb.box);
    if (moves && !within(tb.box)) {
      throw officeError(
        "InvalidOperation",
        "This operation will cause some cells in a table to shift.",
        "Range.insert",
      );
    }
  }
  for (const m of t.sheet.merges) {
    if (m.bottom >= box.top && crossesColumns(m) && !within(m)) {
      throw officeError("InvalidOperation", "Cannot change part of a merged cell.", "Range.insert");
    }
  }
  const move = (b: Box): Box => {
    if (!within(b) || b.bottom < box.top) return b;
    if (b.top >= box.top) return { ...b, top: b.top + h, bottom: b.bottom + h };
    return { ...b, bottom: b.bottom + h };
  };
  for (const tb of t.sheet.tables) tb.box = move(tb.box);
  t.sheet.merges = t.sheet.merges.map(move);
  for (const cf of t.sheet.conditionalFormats) cf.boxes = cf.boxes.map(move);
  shiftCellsDown(t.sheet, box);
  return changedEvent(core, t.sheet, [box], { byAddin: true, changeType: wholeRows ? "RowInserted" : "CellInserted" });
}

/**
 * Where each roster of an uploaded sheet is: how many rows it has now and in
 * which column each of its columns landed. Rows are read by the table's
 * extent (a clerk may have added rows beyond the prepared ones) or, when the
 * table part is gone (some programs drop it), by the prepared rows and any
 * filled rows right below a roster that ends the sheet. Columns are found by
 * their header names, so their order does not matter.
 */
import { a1, parseCell, parseRange } from "../../../schemas/layout/address";
import type { RosterLayout, SheetLayout } from "../../../schemas/layout/form/layout-types";
import { ApiError } from "../../errors";
import type { ReadSheet } from "../../xlsx/workbook";
import { cellText, sameLabel } from "./cell-text";

/** Data rows each roster has in the file (by roster key). */
export function rosterRowsIn(sheet: ReadSheet, layout: SheetLayout): Record<string, number> {
  const rows: Record<string, number> = {};
  for (const roster of layout.rosters) {
    const table =
      sheet.tables.find((t) => t.name === roster.tableName) ??
      sheet.tables.find((t) => {
        const r = parseRange(t.ref);
        return r.top === roster.headerRow && r.left === roster.left;
      });
    let count = table ? parseRange(table.ref).bottom - roster.headerRow : roster.rowCount;
    if (endsSheet(roster, layout)) count = Math.max(count, filledBelow(sheet, roster) - roster.headerRow);
    if (count > roster.maxRows) {
      throw new ApiError(
        "invalid_values",
        `名册「${roster.title}」最多 ${roster.maxRows} 行，文件中有 ${count} 行：请删去多余的行后再上传`,
        [{ message: `名册「${roster.title}」最多 ${roster.maxRows} 行，文件中有 ${count} 行` }],
      );
    }
    rows[roster.key] = Math.max(1, count);
  }
  return rows;
}

/** Nothing of the layout below the roster: rows typed under it belong to it. */
function endsSheet(roster: RosterLayout, layout: SheetLayout): boolean {
  const last = roster.firstRow + roster.rowCount - 1;
  return ![...layout.texts, ...layout.cells].some((c) => parseCell(c.address).row > last);
}

/** The last row with anything in the roster's columns (the header row when none). */
function filledBelow(sheet: ReadSheet, roster: RosterLayout): number {
  let last = roster.headerRow;
  for (const [address, cell] of sheet.cells) {
    const { row, col } = parseCell(address);
    if (row <= last || col <= roster.left || col > roster.right) continue;
    if (cell.formula === undefined && cellText(cell.value).trim() !== "") last = row;
  }
  return last;
}

/** Column of each roster column (by key) found by its header name; a missing header is a refusal. */
export function rosterColumnsIn(sheet: ReadSheet, roster: RosterLayout): Record<string, number> {
  const out: Record<string, number> = {};
  const used = new Set<number>();
  for (const column of roster.columns) {
    let found: number | undefined;
    // Wide enough for columns the clerk added in between.
    for (let col = 1; col <= roster.right + 30 && found === undefined; col++) {
      if (used.has(col)) continue;
      if (sameLabel(cellText(sheet.cells.get(a1(roster.headerRow, col))?.value), column.label)) found = col;
    }
    if (found === undefined) {
      throw new ApiError(
        "layout_changed",
        `名册「${roster.title}」第 ${roster.headerRow} 行找不到「${column.label}」列：请勿修改或删除名册的列标题`,
        [{ address: a1(roster.headerRow, column.col), message: `缺少「${column.label}」列` }],
      );
    }
    used.add(found);
    out[column.key] = found;
  }
  return out;
}

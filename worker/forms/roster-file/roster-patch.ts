/**
 * The cell changes that put a file's rows into a roster, against the report's
 * current values. Row ids are positions (`r0001` is the first row the form and
 * the add-in show: schemas/layout/form/roster.ts), so the file's first row
 * becomes r0001 and re-importing the same file changes nothing.
 *
 * replace (importing a 名册 means this): the roster becomes the file's rows;
 *   a column the file lacks is left blank, and every other row is emptied —
 *   which erases its key (issue 12) in the save, as deleting a row by hand does.
 * append: the file's rows go after the last row in use.
 */
import { rosterRowId } from "../../../schemas/layout/form/roster";
import { rosterCellOf } from "../roster-cell";
import type { Fields } from "../../reports/merge";
import type { FileRow } from "./file-rows";

export type ImportMode = "replace" | "append";

export interface RosterPatch {
  changes: { cell: string; value: string | null }[];
  /** The row id each file row went to, in file order. */
  rowIds: string[];
  /** The position of the last file row (1-based): the rows the form needs, checked against maxRows. */
  reach: number;
}

/** The position after the last positional row (`r0007` → 7) of the roster in use; 0 when none is. */
function nextPosition(current: Fields, roster: string): number {
  let next = 0;
  for (const key of Object.keys(current)) {
    const at = rosterCellOf(key);
    if (at && at.roster === roster && at.index >= next) next = at.index + 1;
  }
  return next;
}

export function rosterPatch(
  current: Fields,
  roster: { key: string; columns: readonly { key: string }[] },
  rows: readonly FileRow[],
  mode: ImportMode,
): RosterPatch {
  const start = mode === "append" ? nextPosition(current, roster.key) : 0;
  const wanted = new Map<string, string | null>();
  const rowIds = rows.map((row, i) => {
    const id = rosterRowId(start + i);
    for (const c of roster.columns) wanted.set(`${roster.key}.${id}.${c.key}`, row.values.get(c.key) ?? null);
    return id;
  });
  if (mode === "replace") {
    const prefix = `${roster.key}.`;
    for (const key of Object.keys(current)) if (key.startsWith(prefix) && !wanted.has(key)) wanted.set(key, null);
  }
  const changes: RosterPatch["changes"] = [];
  for (const [cell, value] of wanted) if ((current[cell] ?? null) !== value) changes.push({ cell, value });
  return { changes, rowIds, reach: start + rows.length };
}

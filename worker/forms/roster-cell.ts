import { rosterRowId } from "../../schemas/layout/form/roster";

/**
 * `roster.r0051.name` → roster "roster", row index 50, column "name"; undefined
 * for anything else. Only the canonical row id has a place on the sheet (its
 * position, as CellIndex.locate and the add-in read it): `r51` has none. Without
 * split() or a regex per key: a 2,000-row roster has 28,000 of them.
 */
export function rosterCellOf(key: string): { roster: string; index: number; column: string } | undefined {
  const first = key.indexOf(".");
  const second = first < 0 ? -1 : key.indexOf(".", first + 1);
  if (second < 0 || key.indexOf(".", second + 1) >= 0 || key.charCodeAt(first + 1) !== 114 /* r */) return undefined;
  const rowId = key.slice(first + 1, second);
  const index = Number(rowId.slice(1)) - 1;
  if (!Number.isInteger(index) || index < 0 || rosterRowId(index) !== rowId) return undefined;
  return { roster: key.slice(0, first), index, column: key.slice(second + 1) };
}

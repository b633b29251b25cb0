/**
 * Step 4 of an upload: the file as a cell patch from the version it was drawn
 * from. Only cells whose value differs from what the file was drawn with are
 * in it, so what others changed since merges (the file still shows their old
 * values there) and the same file uploaded twice changes nothing the second time.
 */
import type { SheetLayout } from "../../../schemas/layout/form/layout-types";
import { NOTE_PREFIX } from "../../db/reports";
import type { Fields } from "../../reports/merge";
import type { FileValues } from "./file-values";

export interface CellChange {
  cell: string;
  value: string | null;
}

export function patchFrom(file: FileValues, drawn: Fields, layout: SheetLayout): CellChange[] {
  const changes: CellChange[] = [];
  for (const [cell, value] of file) {
    if (value !== (drawn[cell] ?? null)) changes.push({ cell, value });
  }
  // The file holds the whole roster: a drawn roster cell it no longer has (rows the clerk
  // deleted) is emptied, as the pane empties a row a clerk cleared.
  const rosters = layout.rosters.map((r) => `${r.key}.`);
  for (const [cell, value] of Object.entries(drawn)) {
    if (cell.startsWith(NOTE_PREFIX) || file.has(cell) || value === null) continue;
    if (rosters.some((prefix) => cell.startsWith(prefix))) changes.push({ cell, value: null });
  }
  return changes;
}

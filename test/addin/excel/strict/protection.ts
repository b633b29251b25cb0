/**
 * What a protected sheet refuses, to the add-in as to the user. An add-in
 * has no more rights than the user on a protected sheet: Excel checks the
 * sheet's WorksheetProtectionOptions (the "Allow all users of this worksheet
 * to" list of Excel's Protect Sheet dialog) and fails the command with
 * AccessDenied. What needs which allowance:
 * - value and formula writes: only to unlocked cells;
 * - number formats, fills, fonts, alignment: allowFormatCells (even on unlocked cells);
 * - column width, hiding columns: allowFormatColumns; row heights: allowFormatRows;
 * - notes and charts (objects): allowEditObjects;
 * - re-applying an AutoFilter: allowAutoFilter; sorting: allowSort, and never over locked cells;
 * - always refused while protected: changing the locked flag, data validation,
 *   conditional formats, tables, merging and inserting cells, adding an AutoFilter,
 *   and threaded comments (Excel has no allowance for them; the stricter reading
 *   of a behaviour the API reference does not spell out).
 */
import { protectedSheet } from "./errors";
import { cellAt, cellCount, BIG_BOX, cellsOf, type Box, type SheetState } from "./state";

export type Guarded =
  | "values"
  | "formatCells"
  | "formatColumns"
  | "formatRows"
  | "lockCells"
  | "validation"
  | "conditionalFormat"
  | "table"
  | "merge"
  | "insertCells"
  | "insertRows"
  | "editObjects"
  | "comments"
  | "autoFilterApply"
  | "autoFilterReapply"
  | "sort";

const ALLOWANCE: Partial<Record<Guarded, keyof SheetState["protection"]["options"]>> = {
  formatCells: "allowFormatCells",
  formatColumns: "allowFormatColumns",
  formatRows: "allowFormatRows",
  insertRows: "allowInsertRows",
  editObjects: "allowEditObjects",
  autoFilterReapply: "allowAutoFilter",
  sort: "allowSort",
};

/** Throws AccessDenied when the protected sheet refuses `what` (over `boxes` for values and sorting). */
export function guard(sheet: SheetState, what: Guarded, api: string, boxes: readonly Box[] = []): void {
  const p = sheet.protection;
  if (!p.protected) return;
  if (what === "values" || what === "sort") {
    if (what === "sort" && !p.options.allowSort) throw protectedSheet(sheet.name, api);
    if (boxes.some((b) => hasLocked(sheet, b))) throw protectedSheet(sheet.name, api);
    return;
  }
  const allowance = ALLOWANCE[what];
  if (allowance && p.options[allowance]) return;
  throw protectedSheet(sheet.name, api);
}

function hasLocked(sheet: SheetState, box: Box): boolean {
  // A huge box holds unstored (default, locked) cells somewhere.
  if (cellCount(box) > BIG_BOX) return true;
  return cellsOf(box).some(({ row, col }) => cellAt(sheet, row, col).locked);
}

/**
 * Excel's rules for sheets: a name has 1 to 31 characters, none of : \\ / ? * [ ],
 * does not start or end with an apostrophe, and is unique ignoring case
 * (ItemAlreadyExists); the last visible sheet cannot be deleted or hidden.
 */
import { officeError } from "./errors";
import { findSheet, liveSheets, type SheetState, type WorkbookState } from "./state";

export function checkSheetName(book: WorkbookState, name: string, api: string, self?: SheetState): void {
  if (name.length < 1 || name.length > 31 || /[:\\/?*[\]]/.test(name) || /^'|'$/.test(name)) {
    throw officeError("InvalidArgument", `"${name}" is not a valid sheet name.`, api);
  }
  const other = findSheet(book, name);
  if (other && other !== self) throw officeError("ItemAlreadyExists", `A sheet named "${name}" already exists.`, api);
}

export function visibleSheets(book: WorkbookState): SheetState[] {
  return liveSheets(book).filter((s) => s.visibility === "Visible");
}

/**
 * What this Excel can do, detected once per adapter by what the host reports
 * (`isSetSupported`) AND what the loaded office.js has: the npm copy of
 * office.js the add-in once bundled had no `Worksheet.notes` while Excel on the
 * web reported ExcelApi 1.18, so a check of the requirement set alone picked
 * notes and `ws.notes.add` threw (issue 11, item 1). Both the form and the
 * officer adapters read this one module.
 *
 * | feature | ExcelApi | below it |
 * | --- | --- | --- |
 * | notes on marked cells | 1.18 | threaded comments (officer sheets) or the fill alone |
 * | threaded comments | 1.10 | the fill alone |
 * | rosters grow (Table.resize) | 1.13 | the rows drawn at first |
 * | triggerSource in change events | 1.14 | the adapter drops echoes of its own writes |
 * | batches wait for cell-edit mode (delayForCellEdit) | 1.11 | a batch during an edit fails and is retried |
 * | add-in writes join the user's undo (Ctrl+Z) | 1.20 | every add-in write clears the user's undo |
 * | merged areas of a range (getMergedAreasOrNullObject) | 1.13 | a printed table is read without its merges |
 */
import type { ExcelHost } from "./office-host";

export interface ExcelFeatures {
  notes: boolean;
  comments: boolean;
  tableResize: boolean;
  triggerSource: boolean;
  delayForCellEdit: boolean;
  addinUndo: boolean;
  mergedAreas: boolean;
}

/** The ExcelApi requirement set each feature arrived in (Excel JavaScript API reference). */
export const FEATURE_API: Readonly<Record<keyof ExcelFeatures, string>> = {
  notes: "1.18",
  comments: "1.10",
  tableResize: "1.13",
  triggerSource: "1.14",
  delayForCellEdit: "1.11",
  addinUndo: "1.20",
  mergedAreas: "1.13",
};

export type NoteMode = "notes" | "comments" | "none";

export function detectFeatures(host: ExcelHost): ExcelFeatures {
  const has = (feature: keyof ExcelFeatures) => host.isSetSupported("ExcelApi", FEATURE_API[feature]);
  const { Worksheet, Workbook, Table, Range } = host.library;
  return {
    notes: has("notes") && "notes" in Worksheet.prototype,
    comments: has("comments") && "comments" in Workbook.prototype,
    tableResize: has("tableResize") && "resize" in Table.prototype,
    // An event's arguments are plain objects: each event is checked again (office-echoes.ts).
    triggerSource: has("triggerSource"),
    mergedAreas: has("mergedAreas") && "getMergedAreasOrNullObject" in Range.prototype,
    delayForCellEdit: has("delayForCellEdit"),
    addinUndo: has("addinUndo"),
  };
}

/** Where the officer's sheets put a cell's note: notes, else threaded comments, else none. */
export function noteModeOf(f: ExcelFeatures): NoteMode {
  return f.notes ? "notes" : f.comments ? "comments" : "none";
}

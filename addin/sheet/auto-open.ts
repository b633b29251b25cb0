/**
 * Tags the workbook so that Excel opens the task pane by itself whenever the
 * workbook is opened again (Excel's "autoopen" document setting). No Office
 * types here: Office.js implements it in `../excel/auto-open.ts`.
 *
 * The session calls it once a form is on the sheet (drawn or reconnected) and
 * never on the path of an edit: saving document settings clears the clerk's
 * undo history (OfficeDev/office-js #3141), so it is done once per workbook.
 */
export interface AutoOpen {
  /** Never rejects: a workbook that does not reopen its pane still has the ribbon button. */
  tagWorkbook(): Promise<void>;
}

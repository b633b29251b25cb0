/**
 * The workbook as the rest of the add-in sees it. No Office types here: the
 * interface is implemented by Office.js (`../excel/office-workbook.ts`) and by
 * the in-memory workbook (`../memory/memory-workbook.ts`), and everything
 * above it (task pane, validation, sync) is tested against either.
 *
 * A sheet is addressed by name and must first be bound to its layout, by
 * `renderForm` (draw it) or `attachForm` (the pane reloaded over a workbook
 * that already holds the form). Cells are addressed by cell key, never by A1:
 * the layout is the only place that knows where a key lives.
 *
 * Rosters (名册) grow: `growRosters` prepares more rows, and what lies below a
 * roster moves down, so the layout a sheet is bound to changes. Both methods
 * that can change it answer the layout the sheet is bound to now.
 */
import type { PrintedSheet } from "../../schemas/definition/table-sheet";
import type { CellMark } from "../../schemas/layout/form/marks";
import type { CellKey, SheetLayout } from "../../schemas/layout/form/layout-types";

export type { CellKey, SheetLayout } from "../../schemas/layout/form/layout-types";
export { mergeMarks, type CellMark, type MarkSeverity } from "../../schemas/layout/form/marks";

/** What a cell holds as Excel reports it: a number, text, or null when blank. */
export type CellValue = string | number | null;

/**
 * Called after the clerk changed cells — typed, pasted, filled, cleared. A
 * paste bypasses data validation, so `values` may hold anything and must be
 * checked again. Values written through `writeValues` are not reported back.
 */
export type CellsChangedHandler = (cells: CellKey[], values: Record<CellKey, CellValue>) => void;

/**
 * Called with a zh-CN message when changed cells could not be read back from
 * the sheet (the edit is still there and is read again by itself), and with
 * null once everything reported has been read: until then nothing may be
 * shown as saved.
 */
export type UnreadHandler = (message: string | null) => void;

export interface Subscription {
  remove(): Promise<void>;
}

export interface WriteResult {
  written: number;
  /** Keys the layout has no cell for (an unknown key, a roster row beyond the prepared rows). */
  unplaced: CellKey[];
}

export interface FormWorkbook {
  /**
   * Draws the form on a sheet named `layout.sheet`, replacing a sheet of that
   * name (values included — read them first to keep them), and binds the sheet
   * to the layout.
   */
  renderForm(layout: SheetLayout): Promise<void>;
  /**
   * Binds an existing sheet to its layout without redrawing; clears marks.
   * A roster keeps the rows the sheet already has (it may have grown in an
   * earlier session) and grows to the rows `layout` asks for. Answers the
   * layout the sheet is bound to, or null when the sheet is missing.
   */
  attachForm(layout: SheetLayout): Promise<SheetLayout | null>;
  /**
   * Gives rosters more prepared rows — `rows` maps a roster key to the rows it
   * should have at least, capped at its maxRows; a roster never shrinks — with
   * the validation, number formats and unlocked cells of the rows above, in
   * one round trip. Answers the layout the sheet is bound to now.
   */
  growRosters(sheet: string, rows: Readonly<Record<string, number>>): Promise<SheetLayout>;
  hasSheet(name: string): Promise<boolean>;
  /** Every template cell (null when blank) and the non-blank roster cells. */
  readValues(sheet: string): Promise<Record<CellKey, CellValue>>;
  /** Writes canonical text (null clears); bypasses data validation, as a paste would. */
  writeValues(sheet: string, values: Record<CellKey, string | null>): Promise<WriteResult>;
  /** Marks cells with problems and clears the marks of `cleared`, in one round trip. */
  markCells(sheet: string, marks: readonly CellMark[], cleared: readonly CellKey[]): Promise<void>;
  selectCell(sheet: string, cell: CellKey): Promise<void>;
  onCellsChanged(sheet: string, handler: CellsChangedHandler, onUnread?: UnreadHandler): Promise<Subscription>;
  /** The active sheet's values and merges, as a printed table to draft a form from; null when it is empty. */
  readPrinted(): Promise<PrintedSheet | null>;
}

export class WorkbookError extends Error {
  constructor(
    readonly code: "sheet_not_bound" | "sheet_missing" | "unknown_cell" | "roster_missing" | "unsupported",
    message: string,
  ) {
    super(message);
    this.name = "WorkbookError";
  }
}

export function notBound(sheet: string): WorkbookError {
  return new WorkbookError("sheet_not_bound", `工作表「${sheet}」尚未生成表格，请先选择报表并生成`);
}

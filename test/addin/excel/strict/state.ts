/**
 * The workbook the strict fake Excel holds: what Excel itself would store,
 * not what an adapter asked for. Cells carry value, number format, fill,
 * font, alignment, the locked flag, data validation and a note or comment;
 * sheets carry merges, conditional formats, tables, protection, column
 * widths, charts and event handlers. The proxies (range.ts, worksheet.ts)
 * change it only when `context.sync()` runs their queued commands.
 */
import type { RangePos } from "../../../../schemas/layout/address";

export type Box = RangePos;
export type Scalar = string | number | boolean;

export interface Validation {
  rule: Record<string, unknown>;
  ignoreBlanks: boolean;
  prompt?: { showPrompt?: boolean; title?: string; message?: string };
  errorAlert?: { showAlert?: boolean; style?: string; title?: string; message?: string };
}

export interface Cell {
  /** "" when blank, as `range.values` reports it. */
  value: Scalar;
  formula?: string;
  numberFormat: string;
  /** Undefined when the cell has no fill. */
  fill?: string;
  font: { bold?: boolean; color?: string; size?: number };
  /** Alignment, wrap, indent: only stored, never enforced. */
  style: Record<string, unknown>;
  locked: boolean;
  validation?: Validation;
  note?: string;
  comment?: string;
}

export interface ConditionalFormat {
  id: number;
  boxes: Box[];
  type: string;
  formula?: string;
  fill?: string;
  fontColor?: string;
  priority: number;
  /** The cell relative references shift from, once the rule's range was cut (cf-cut.ts). */
  anchor?: { row: number; col: number };
}

export interface TableState {
  id: number;
  name: string;
  sheet: SheetState;
  /** Header row included. */
  box: Box;
  hasHeaders: boolean;
  style?: string;
}

export interface ChartState {
  id: number;
  name: string;
  type: string;
  source: string;
  seriesBy: string;
  title?: string;
  legend: { visible?: boolean; position?: string };
  showPercentage?: boolean;
  seriesName?: string;
  xAxis?: string;
  position?: { from: string; to?: string };
}

export type ChangeHandler = (args: Record<string, unknown>) => unknown;

export interface SheetState {
  id: string;
  name: string;
  deleted: boolean;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  cells: Map<number, Cell>;
  merges: Box[];
  conditionalFormats: ConditionalFormat[];
  tables: TableState[];
  protection: { protected: boolean; options: Required<ProtectionOptions> };
  columns: Map<number, { width?: number; hidden?: boolean }>;
  charts: ChartState[];
  autoFilter?: Box;
  frozen?: string;
  onChanged: ChangeHandler[];
  onSelectionChanged: ChangeHandler[];
}

export interface ProtectionOptions {
  allowAutoFilter?: boolean;
  allowDeleteColumns?: boolean;
  allowDeleteRows?: boolean;
  allowEditObjects?: boolean;
  allowEditScenarios?: boolean;
  allowFormatCells?: boolean;
  allowFormatColumns?: boolean;
  allowFormatRows?: boolean;
  allowInsertColumns?: boolean;
  allowInsertHyperlinks?: boolean;
  allowInsertRows?: boolean;
  allowPivotTables?: boolean;
  allowSort?: boolean;
}

/** `protect()` without options: Excel's dialog defaults (select cells only). */
export const NO_ALLOWANCES: Required<ProtectionOptions> = {
  allowAutoFilter: false,
  allowDeleteColumns: false,
  allowDeleteRows: false,
  allowEditObjects: false,
  allowEditScenarios: false,
  allowFormatCells: false,
  allowFormatColumns: false,
  allowFormatRows: false,
  allowInsertColumns: false,
  allowInsertHyperlinks: false,
  allowInsertRows: false,
  allowPivotTables: false,
  allowSort: false,
};

export interface WorkbookState {
  sheets: SheetState[];
  active?: SheetState;
  selection?: { sheet: SheetState; address: string };
  nextId: number;
}

export function newWorkbook(): WorkbookState {
  return { sheets: [], nextId: 1 };
}

export function newSheet(book: WorkbookState, name: string): SheetState {
  const sheet: SheetState = {
    id: `{sheet-${book.nextId++}}`,
    name,
    deleted: false,
    visibility: "Visible",
    cells: new Map(),
    merges: [],
    conditionalFormats: [],
    tables: [],
    protection: { protected: false, options: { ...NO_ALLOWANCES } },
    columns: new Map(),
    charts: [],
    onChanged: [],
    onSelectionChanged: [],
  };
  book.sheets.push(sheet);
  return sheet;
}

export function liveSheets(book: WorkbookState): SheetState[] {
  return book.sheets.filter((s) => !s.deleted);
}

/** Sheet names compare case-insensitively in Excel. */
export function findSheet(book: WorkbookState, name: string): SheetState | undefined {
  const key = name.toLowerCase();
  return liveSheets(book).find((s) => s.name.toLowerCase() === key);
}

export function allTables(book: WorkbookState): TableState[] {
  return liveSheets(book).flatMap((s) => s.tables);
}

const KEY = 20_000;
const key = (row: number, col: number) => row * KEY + col;

export function blankCell(): Cell {
  return { value: "", numberFormat: "General", font: {}, style: {}, locked: true };
}

/** The cell as Excel shows it (a blank default when nothing was ever set). */
export function cellAt(sheet: SheetState, row: number, col: number): Cell {
  return sheet.cells.get(key(row, col)) ?? blankCell();
}

/** The cell to change, created on first write. */
export function cellFor(sheet: SheetState, row: number, col: number): Cell {
  const k = key(row, col);
  let c = sheet.cells.get(k);
  if (!c) sheet.cells.set(k, (c = blankCell()));
  return c;
}

export function cellsOf(box: Box): { row: number; col: number }[] {
  const out: { row: number; col: number }[] = [];
  for (let row = box.top; row <= box.bottom; row++)
    for (let col = box.left; col <= box.right; col++) out.push({ row, col });
  return out;
}

/** Existing cells inside `box` (whole columns stay cheap: only stored cells are visited). */
export function storedCellsIn(sheet: SheetState, box: Box): { row: number; col: number; cell: Cell }[] {
  const out: { row: number; col: number; cell: Cell }[] = [];
  for (const [k, cell] of sheet.cells) {
    const row = Math.floor(k / KEY);
    const col = k % KEY;
    if (row >= box.top && row <= box.bottom && col >= box.left && col <= box.right) out.push({ row, col, cell });
  }
  return out;
}

export function cellCount(box: Box): number {
  return (box.bottom - box.top + 1) * (box.right - box.left + 1);
}

export function overlaps(a: Box, b: Box): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

export function contains(outer: Box, inner: Box): boolean {
  return (
    outer.top <= inner.top && outer.bottom >= inner.bottom && outer.left <= inner.left && outer.right >= inner.right
  );
}

/** Cells of a whole-column or whole-row box are never enumerated: only the stored ones matter. */
export const BIG_BOX = 2_000_000;

/** Moves the cells at and below `box.top`, within `box`'s columns, down by its height; returns the shift. */
export function shiftCellsDown(sheet: SheetState, box: Box): number {
  const height = box.bottom - box.top + 1;
  const moving = storedCellsIn(sheet, {
    top: box.top,
    left: box.left,
    bottom: Number.MAX_SAFE_INTEGER,
    right: box.right,
  });
  for (const m of moving) sheet.cells.delete(key(m.row, m.col));
  for (const m of moving) sheet.cells.set(key(m.row + height, m.col), m.cell);
  // Inserted cells take the formatting of the cells above them (Excel's "Format Same As Above").
  for (let col = box.left; col <= box.right; col++) {
    const above = box.top > 1 ? sheet.cells.get(key(box.top - 1, col)) : undefined;
    if (!above) continue;
    for (let row = box.top; row <= box.bottom; row++) {
      const c = cellFor(sheet, row, col);
      c.numberFormat = above.numberFormat;
      c.fill = above.fill;
      c.font = { ...above.font };
      c.style = { ...above.style };
      c.locked = above.locked;
    }
  }
  return height;
}

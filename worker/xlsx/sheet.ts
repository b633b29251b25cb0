import { parseCell, parseRange } from "../../schemas/layout/address";
import type { ValueType } from "../../schemas/layout/form/layout-types";
import type { Look } from "../../schemas/layout/looks";

/**
 * What an export is before it is CSV or XLSX: named sheets of cells at their
 * A1 addresses, with the merges and column widths of the layout they were
 * drawn from (schemas/layout/). Numbers carry their canonical decimal text
 * (written as is, never through a float) and their cell's number format;
 * text is always text.
 */

export type { Look };

/**
 * How a cell of a form workbook looks beyond its value: `input` marks a cell the
 * clerk types in (unlocked on a protected sheet, in the input colour), `format`
 * its number format ("@" keeps an 18-digit 身份证号 text even before it is typed).
 */
export interface CellStyle {
  look?: Look;
  format?: string;
  input?: boolean;
}

export type SheetCell =
  | null
  | string
  /** Styled text: a label's look and indent; in a form's input cell, its "@" format. */
  | ({ text: string; indent?: number } & CellStyle)
  /** `shown`: what CSV prints when it is not the number itself (a date-time serial). */
  | ({ number: string; format: string; bold?: boolean; shown?: string } & CellStyle)
  /**
   * A formula without the leading "=", A1 style; the spreadsheet computes it on open (no cached value).
   * `shared`: it is the top-left cell of a shared formula over `ref` (SheetGrid.share).
   */
  | ({ formula: string; shared?: SharedFormula } & CellStyle)
  /** Another cell of shared formula `si`: its formula is the top-left one's, moved here. */
  | ({ sharedWith: number } & CellStyle)
  /** No value, only a style: the blank input cells of a form. */
  | ({ blank: true } & CellStyle);

/**
 * A formula written once for a range (ECMA-376 Part 1 §18.3.1.40, `<f t="shared">`):
 * the other cells name it by `si` in a few bytes and the spreadsheet moves its
 * relative references to each. A 2,000-row roster's row checks are ~20 MB of
 * formula text written cell by cell, a few KB shared.
 */
export interface SharedFormula {
  ref: string;
  si: number;
}

/** A data validation of a sheet (ECMA-376 Part 1 §18.3.1.32), formulas without "=". */
export interface DataValidation {
  sqref: string;
  type: "whole" | "decimal" | "list" | "textLength" | "date" | "custom";
  operator?: "between" | "equal" | "greaterThanOrEqual" | "lessThanOrEqual";
  formula1: string;
  formula2?: string;
  allowBlank: boolean;
  prompt?: { title: string; message: string };
  /** Always the stop style: a rejected value never lands in the cell. */
  error?: { title: string; message: string };
}

/** Conditional formatting by a formula (`cfRule type="expression"`), written for the top-left cell of `sqref`. */
export interface ConditionalFormat {
  /** Space-separated ranges, as `sqref` lists them. */
  sqref: string;
  formula: string;
  severity: "error" | "warning";
}

/** An Excel table (ECMA-376 Part 1 §18.5): `columns` are exactly the texts of its header row. */
export interface SheetTable {
  name: string;
  ref: string;
  columns: string[];
}

export interface Sheet {
  /** Sheet name in the workbook; a section heading in CSV. */
  name: string;
  /** Row-major from A1; a missing or null cell is blank. */
  rows: SheetCell[][];
  /** Column widths in characters, index 0 = column A, when the layout knows them. */
  widths?: number[];
  /** Merged ranges, e.g. `A1:D1`. */
  merges?: string[];
  /** 1-based columns hidden from view (a form's dropdown option lists). */
  hiddenColumns?: number[];
  hidden?: boolean;
  /** Protected without a password: only `input` cells change. */
  protect?: boolean;
  validations?: DataValidation[];
  formats?: ConditionalFormat[];
  tables?: SheetTable[];
}

/** A sheet being filled at the addresses a layout gives. */
export class SheetGrid {
  readonly rows: SheetCell[][] = [];
  readonly merges: string[] = [];
  widths: number[] | undefined;

  constructor(readonly name: string) {}

  /** 1-based row and column, as Excel counts them. */
  set(row: number, col: number, cell: SheetCell): void {
    if (cell === null) return;
    while (this.rows.length < row) this.rows.push([]);
    const line = this.rows[row - 1] as SheetCell[];
    while (line.length < col) line.push(null);
    line[col - 1] = cell;
  }

  /** Cells side by side from column A. */
  line(row: number, cells: readonly SheetCell[]): void {
    cells.forEach((cell, i) => this.set(row, i + 1, cell));
  }

  put(address: string, cell: SheetCell): void {
    const p = parseCell(address);
    this.set(p.row, p.col, cell);
  }

  /**
   * `formula`, written for the top-left cell of `range`, over the whole range as a
   * shared formula: its relative references move with each cell, as when Excel fills down.
   */
  share(range: string, formula: string, style: CellStyle = {}): void {
    const r = parseRange(range);
    const si = this.sharedCount++;
    for (let row = r.top; row <= r.bottom; row++)
      for (let col = r.left; col <= r.right; col++)
        this.set(
          row,
          col,
          row === r.top && col === r.left
            ? { formula, shared: { ref: range, si }, ...style }
            : { sharedWith: si, ...style },
        );
  }

  private sharedCount = 0;

  toSheet(): Sheet {
    const sheet: Sheet = { name: this.name, rows: this.rows };
    if (this.widths) sheet.widths = this.widths;
    if (this.merges.length > 0) sheet.merges = this.merges;
    return sheet;
  }
}

export function text(value: string, look: Look, indent = 0): SheetCell {
  return indent > 0 ? { text: value, look, indent } : { text: value, look };
}

/** A canonical decimal as a number cell; blank stays blank, anything else is text. */
export function num(value: string | null | undefined, format: string, bold = false): SheetCell {
  if (value === undefined || value === null || value === "") return null;
  if (!CANONICAL_NUMBER.test(value)) return bold ? text(value, "bold") : value;
  return bold ? { number: value, format, bold: true } : { number: value, format };
}

/** A report value in a layout's cell: numbers in numeric cells, text (dates too, as stored) elsewhere. */
export function valueCell(value: string | null | undefined, type: ValueType, format: string, bold = false): SheetCell {
  if (value === undefined || value === null || value === "") return null;
  if (type === "integer" || type === "decimal") return num(value, format, bold);
  return bold ? text(value, "bold") : value;
}

/** The text of a cell as written (CSV, widths). */
export function cellText(cell: SheetCell): string {
  if (cell === null) return "";
  if (typeof cell === "string") return cell;
  if ("number" in cell) return cell.shown ?? cell.number;
  return "text" in cell ? cell.text : "";
}

/**
 * Text that a spreadsheet could take for a formula (= + - @, or a leading tab
 * or carriage return, per OWASP "CSV injection") is neutralised.
 */
export function isFormulaLike(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text);
}

/** Canonical decimal text, the only thing written as a number. */
export const CANONICAL_NUMBER = /^-?\d+(\.\d+)?$/;

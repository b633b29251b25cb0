import { parseCell } from "../../schemas/layout/address";
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

export type SheetCell =
  | null
  | string
  | { text: string; look: Look; indent?: number }
  /** `shown`: what CSV prints when it is not the number itself (a date-time serial). */
  | { number: string; format: string; bold?: boolean; shown?: string };

export interface Sheet {
  /** Sheet name in the workbook; a section heading in CSV. */
  name: string;
  /** Row-major from A1; a missing or null cell is blank. */
  rows: SheetCell[][];
  /** Column widths in characters, index 0 = column A, when the layout knows them. */
  widths?: number[];
  /** Merged ranges, e.g. `A1:D1`. */
  merges?: string[];
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
  return "number" in cell ? (cell.shown ?? cell.number) : cell.text;
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

/**
 * A workbook as the xlsx reader (read.ts) gives it: the sheets in order with
 * their cells' values (what a spreadsheet last computed or the clerk typed),
 * their tables and whether they are hidden. Only what an upload needs: no
 * styles beyond a number cell's format (a date typed in Excel is a number
 * formatted as a date), no charts, no comments.
 */

export type CellValue =
  /** `raw`: the number as written in the file (`0.1`, `3.41E+17`), before any float rounding. */
  | { kind: "number"; value: number; raw: string }
  | { kind: "string"; value: string }
  | { kind: "boolean"; value: boolean }
  /** `#DIV/0!`, `#VALUE!` …, as the spreadsheet wrote it. */
  | { kind: "error"; value: string };

export interface ReadCell {
  value: CellValue;
  /** The formula, without "=", when the cell holds one (its `value` is the cached result). */
  formula?: string;
  /** A number cell's number format (`0.00`, `yyyy-mm-dd`, built-in ones by their code), when not General. */
  format?: string;
}

export interface ReadTable {
  name: string;
  /** `A12:F62`, header row included. */
  ref: string;
  /** The header row's names, left to right. */
  columns: string[];
}

export interface ReadSheet {
  name: string;
  state: "visible" | "hidden" | "veryHidden";
  /** By A1 address (`B12`); blank cells are absent. */
  cells: Map<string, ReadCell>;
  tables: ReadTable[];
}

export interface ReadWorkbook {
  sheets: ReadSheet[];
  /** Dates count from 1904-01-01 (old Mac Excel) instead of 1899-12-30. */
  date1904: boolean;
}

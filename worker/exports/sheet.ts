/**
 * What an export is before it is CSV or XLSX: named sheets of rows of cells.
 * Numbers carry their canonical decimal text (written as is, never through a
 * float) and the scale they are printed at; text is always text.
 */
export type SheetCell =
  | null
  | string
  | { text: string; style: "bold" | "title" }
  | { number: string; scale: number; bold?: boolean };

export interface Sheet {
  /** Sheet name in the workbook; a section heading in CSV. */
  name: string;
  rows: SheetCell[][];
  /** Column widths in characters, when the layout knows better than the default. */
  widths?: number[];
}

export function bold(text: string): SheetCell {
  return { text, style: "bold" };
}

export function title(text: string): SheetCell {
  return { text, style: "title" };
}

/** A canonical decimal as a number cell; blank stays blank. */
export function num(value: string | undefined, scale: number, isBold = false): SheetCell {
  if (value === undefined || value === "") return null;
  if (!CANONICAL_NUMBER.test(value)) return value;
  return isBold ? { number: value, scale, bold: true } : { number: value, scale };
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

/**
 * A read cell as the add-in would hand it to the parser: what Office.js
 * `Range.values` gives for the same cell — a number for a number cell (a date
 * is its serial), a string for text, a boolean, and the error's text
 * (`#DIV/0!`) for an error — so `parseCellInput` normalises a file's cell
 * exactly as it normalises a typed one (full-width digits, thousands
 * separators, serial dates, numbers stored as text).
 */
import type { ReadCell } from "../../xlsx/workbook";

/**
 * Serial 0 of the 1904 date system is 1904-01-01, serial 1462 of the 1900 one
 * ("Date systems in Excel", Microsoft support): the parser counts in the 1900 system.
 */
export const DATE_1904_OFFSET = 1462;

export function rawInput(cell: ReadCell | undefined, date1904: boolean, isDate: boolean): unknown {
  if (!cell) return null;
  const v = cell.value;
  switch (v.kind) {
    case "number":
      return date1904 && isDate ? v.value + DATE_1904_OFFSET : v.value;
    case "string":
    case "error":
      return v.value;
    case "boolean":
      return v.value;
  }
}

/** A header cell as text, whatever its kind (a year typed as a number, a TRUE). */
export function cellText(cell: ReadCell | undefined): string {
  if (!cell) return "";
  const v = cell.value;
  return v.kind === "number" ? v.raw : String(v.value);
}

/**
 * A read cell (worker/xlsx/workbook.ts) as the add-in would get it from Excel's
 * `range.values`, so the one cell parser (`parseCellInput`, schemas/cells.ts)
 * sees in an upload exactly what it sees in the pane: numbers as numbers,
 * text as text, TRUE/FALSE as text (addin/excel/office-values.ts), formula
 * errors as their text (`#DIV/0!`, which the parser names as a formula error).
 */
import type { CellValue, ReadCell } from "../../xlsx/workbook";

/**
 * Days from 1899-12-30 to 1904-01-01: a workbook saved with the 1904 date
 * system (old Mac Excel) counts dates from there, and the parser reads 1900
 * serials ("Date systems in Excel", Microsoft support).
 */
export const DATE_1904_OFFSET = 1462;

export function excelValue(cell: ReadCell | undefined, date: boolean, date1904: boolean): string | number | null {
  if (!cell) return null;
  const v = cell.value;
  switch (v.kind) {
    case "number":
      return date && date1904 ? v.value + DATE_1904_OFFSET : v.value;
    case "boolean":
      return v.value ? "TRUE" : "FALSE";
    default:
      return v.value;
  }
}

/** What a cell shows as text, for comparing printed labels (a 序号 may come back as the number 1). */
export function cellText(value: CellValue | undefined): string {
  if (!value) return "";
  switch (value.kind) {
    case "number":
      return value.raw;
    case "boolean":
      return value.value ? "TRUE" : "FALSE";
    default:
      return value.value;
  }
}

/** Labels compare without any kind of space (full-width U+3000, NBSP, line breaks a clerk's wrap left). */
export function sameLabel(a: string, b: string): boolean {
  return squeeze(a) === squeeze(b);
}

function squeeze(s: string): string {
  return s.replace(/[\s\u3000\u00a0\u200b\ufeff]/g, "");
}

/** Values between Excel's `range.values` and the add-in's cell values / canonical text. Pure. */
import type { CellValue } from "../sheet/form-workbook";

export function toCellValue(raw: unknown): CellValue {
  if (raw === undefined || raw === null || raw === "") return null;
  if (typeof raw === "number") return raw;
  if (typeof raw === "boolean") return raw ? "TRUE" : "FALSE";
  return String(raw);
}

const NUMERIC = /^-?\d+(\.\d+)?$/;

/**
 * Canonical text → what `range.values` should receive. Numbers go in as
 * numbers so Excel never reads them with a locale's separators. A "@" cell
 * keeps whatever it receives as text; anywhere else text that starts with "="
 * gets Excel's text prefix, so a synced value never becomes a formula.
 */
export function toExcelInput(value: string | null, type: string, numberFormat: string): string | number {
  if (value === null) return "";
  if ((type === "integer" || type === "decimal") && NUMERIC.test(value)) return Number(value);
  if (numberFormat !== "@" && value.startsWith("=")) return `'${value}`;
  return value;
}

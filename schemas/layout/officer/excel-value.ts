/**
 * A value of the officer's sheets as Excel receives it: numbers as numbers (so
 * no locale reads them with its separators), text as text, and never a
 * formula, whatever a unit typed.
 */
import type { ValueType } from "../form/layout-types";

export function excelValue(text: string | undefined, type: ValueType | string): string | number {
  if (text === undefined || text === "") return "";
  if (type === "integer" || type === "decimal") {
    const n = Number(text);
    return Number.isFinite(n) ? n : text;
  }
  return /^[=+\-@]/.test(text) ? `'${text}` : text;
}

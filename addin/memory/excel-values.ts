/**
 * How Excel turns typed text into a cell value and shows it again, as far as
 * the preview needs it: numbers, dates as serials, "@" cells as text. Pure.
 */
import type { CellRule } from "../../schemas/layout/form/layout-types";
import { dateToSerial, serialToDate } from "../../schemas/time";
import type { CellValue } from "../sheet/form-workbook";

const NUMBER = /^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^[-+]?\.\d+$/;
const DATE = /^(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?$/;

/** Typed text → stored value, as Excel does for a cell with `numberFormat`. */
export function parseTyped(raw: string, numberFormat: string): CellValue {
  if (raw === "") return null;
  if (numberFormat === "@") return raw;
  const text = raw.trim();
  if (NUMBER.test(text)) return Number(text.replace(/,/g, ""));
  const d = DATE.exec(text);
  if (d) {
    const serial = dateToSerial(Number(d[1]), Number(d[2]), Number(d[3]));
    if (serial !== undefined) return serial;
  }
  return raw;
}

/** Stored value → what the cell shows. */
export function display(value: CellValue, numberFormat: string): string {
  if (value === null) return "";
  if (typeof value === "string") return value;
  if (numberFormat === "yyyy-mm-dd") return serialToDate(value);
  const fixed = /^0(?:\.(0+))?$/.exec(numberFormat);
  if (fixed) return value.toFixed(fixed[1]?.length ?? 0);
  return String(value);
}

/** Excel's built-in data-validation check of one value; blanks always pass (ignoreBlanks). */
export function passesRule(rule: CellRule, value: CellValue): boolean {
  if (value === null) return true;
  switch (rule.type) {
    case "wholeNumber":
      return typeof value === "number" && Number.isInteger(value) && inBounds(rule, value);
    case "decimal":
      return typeof value === "number" && inBounds(rule, value) && roundTo(value, rule.scale) === value;
    case "list":
      return rule.options.includes(String(value));
    case "textLength": {
      const n = Array.from(String(value)).length;
      return n >= rule.min && n <= rule.max;
    }
    case "date":
      return typeof value === "number" && value >= 1;
  }
}

function inBounds(rule: { min?: number; max?: number }, v: number): boolean {
  return (rule.min === undefined || v >= rule.min) && (rule.max === undefined || v <= rule.max);
}

function roundTo(v: number, scale: number): number {
  const f = 10 ** scale;
  return Math.round(v * f) / f;
}

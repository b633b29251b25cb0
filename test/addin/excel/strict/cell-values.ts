/**
 * What a cell holds after a value is written into it, as Excel parses input:
 * `range.values` and typing both go through it. Text in a "@" cell stays text;
 * elsewhere numeric text becomes a number ("007" → 7), TRUE/FALSE become
 * booleans (15 significant digits kept), an ISO date becomes its 1900-system serial, a leading apostrophe
 * forces text, and "=…" is a formula (the fake does not calculate: the value
 * reads "" until a test sets one). `null` leaves the cell as it is (Office.js).
 */
import type { Cell, Scalar } from "./state";

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

/** Applies one written value to a cell. */
export function putValue(cell: Cell, input: unknown): void {
  if (input === null || input === undefined) return;
  delete cell.formula;
  if (typeof input === "number" || typeof input === "boolean") {
    cell.value = input;
    return;
  }
  const text = String(input);
  if (text.startsWith("=") && text.length > 1) {
    cell.formula = text;
    cell.value = "";
    return;
  }
  cell.value = parseInput(text, cell.numberFormat);
}

export function parseInput(text: string, numberFormat: string): Scalar {
  if (text.startsWith("'")) return text.slice(1);
  if (numberFormat === "@") return text;
  const trimmed = text.trim();
  if (NUMBER.test(trimmed)) return fifteenDigits(trimmed);
  if (/^(true|false)$/i.test(trimmed)) return trimmed.toUpperCase() === "TRUE";
  const d = ISO_DATE.exec(trimmed);
  if (d) {
    const serial = dateSerial(Number(d[1]), Number(d[2]), Number(d[3]));
    if (serial !== undefined) return serial;
  }
  return text;
}

/**
 * Excel keeps 15 significant digits and "changes digits after the 15th place
 * to zeros": an 18-digit 身份证号 written into a General cell ends in 000.
 */
function fifteenDigits(text: string): number {
  const m = /^([-+]?)0*(\d+)$/.exec(text);
  const digits = m?.[2] ?? "";
  if (digits.length <= 15) return Number(text);
  return Number(`${m?.[1] ?? ""}${digits.slice(0, 15)}${"0".repeat(digits.length - 15)}`);
}

/** Excel 1900 date system (with its phantom 1900-02-29, so serials after February 1900 are +1). */
function dateSerial(year: number, month: number, day: number): number | undefined {
  const t = Date.UTC(year, month - 1, day);
  const check = new Date(t);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return Math.round((t - Date.UTC(1899, 11, 30)) / 86_400_000);
}

/** `range.values` of one cell: what Excel answers ("" for blank). */
export function readValue(cell: Cell): Scalar {
  return cell.value;
}

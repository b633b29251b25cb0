import { replaceUnsafe } from "../../schemas/safe-text";
import { CANONICAL_NUMBER, cellText, isFormulaLike, type Sheet, type SheetCell } from "../xlsx/sheet";

/**
 * CSV for Excel: UTF-8 with a BOM (without it Excel reads Chinese as GBK),
 * CRLF line ends, RFC 4180 quoting. Text that could start a formula gets a
 * leading apostrophe. Each sheet is its grid flattened: one line per row from
 * row 1, one field per column from A (a merged title is its first cell),
 * trailing blanks dropped. Sheets follow one another, each after a blank line
 * and a 【name】 heading (the first sheet needs none).
 *
 * Long digit text (身份证号, 银行卡号) and codes with a leading zero are written
 * `="341002200901010213"`: Excel and WPS open a bare one as a number, which
 * keeps 15 significant digits (3.41002E+17, the rest lost) or drops the zero.
 * The formula yields exactly that text and, being only digits between quotes,
 * runs nothing. Control characters and bidi overrides are never written raw.
 */
export const CSV_BOM = "\uFEFF";

/**
 * Digit-only text Excel would mangle as a number: a leading zero, or 12 digits
 * and more (General format shows those as 1.23457E+11; past 15 the digits are
 * gone for good).
 */
const MANGLED_DIGITS = /^(0\d+|\d{12,})$/;

function field(cell: SheetCell): string {
  if (cell === null) return "";
  // Digits, ".", "-": a number, not a formula.
  if (typeof cell !== "string" && "number" in cell && cell.shown === undefined && CANONICAL_NUMBER.test(cell.number))
    return cell.number;
  let text = replaceUnsafe(cellText(cell));
  if (MANGLED_DIGITS.test(text)) text = `="${text}"`;
  else if (isFormulaLike(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function line(row: readonly SheetCell[] | undefined): string {
  const fields = (row ?? []).map((c) => field(c ?? null));
  while (fields.length > 0 && fields[fields.length - 1] === "") fields.pop();
  return fields.join(",");
}

export function toCsv(sheets: Sheet[]): string {
  const lines: string[] = [];
  sheets.forEach((sheet, i) => {
    if (i > 0) lines.push("", field(`【${sheet.name}】`));
    for (let r = 0; r < sheet.rows.length; r++) lines.push(line(sheet.rows[r]));
  });
  return CSV_BOM + lines.join("\r\n") + "\r\n";
}

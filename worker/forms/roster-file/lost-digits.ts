/**
 * 身份证号 and 银行卡号 that Excel (or a CSV it wrote) holds as a number: a
 * double keeps 15 significant digits, so an 18-digit 身份证号 typed into a General
 * cell is already 341234567890123000 in the file, shown as 3.41235E+17
 * (Microsoft KB 269370, "Last digits are changed to zeros when you type long
 * numbers in cells of Excel": the workaround it gives is formatting the cells as
 * text). Nothing brings the digits back; the clerk has to format the column as
 * text and type them again, which is what the message says.
 */
import type { ColumnInfo } from "../../../schemas/compile";
import { foldWidth, trimSpaces } from "../../../schemas/text";
import type { ReadCell } from "../../xlsx/workbook";

/** `3.41E+17`, `3.41235e17`: how a spreadsheet writes a long number it holds in a text file. */
const SCIENTIFIC = /^[+-]?\d+(?:\.\d+)?e[+-]?\d+$/i;

/** Below 10^15 a whole number is still exact: a short 银行卡号 cell goes on to its Luhn check. */
const EXACT_LIMIT = 1e15;

/** The refusal for a long number already damaged, or undefined when the cell is not one. */
export function lostDigits(column: ColumnInfo, cell: ReadCell | undefined): string | undefined {
  const kind = column.spec.kind;
  if ((kind !== "idcard" && kind !== "bankcard") || !cell) return undefined;
  const v = cell.value;
  let shown: string | undefined;
  if (v.kind === "number") {
    const exact = Number.isSafeInteger(v.value) && v.value >= 0 && v.value < EXACT_LIMIT;
    // A number in a 身份证号 column is never right; a short card number is read as its digits (parseInput).
    if (kind === "idcard" || !exact) shown = v.raw;
  } else if (v.kind === "string") {
    const text = foldWidth(trimSpaces(v.value));
    if (SCIENTIFIC.test(text)) shown = text;
  }
  if (shown === undefined) return undefined;
  return `${column.label}为数字 ${shown.toUpperCase()}，末几位已丢失：请把该列设为文本格式后重新输入`;
}

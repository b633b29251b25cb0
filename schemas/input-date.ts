/**
 * Dates as clerks type them (2022-09-01, 2022/9/1, 2022年9月1日, 20220901) or
 * as Excel hands them over (a 1900-system serial) → canonical YYYY-MM-DD.
 */
import { fail, ok, type InputResult } from "./input-result";
import { foldWidth, shorten } from "./text";
import { formatDate, isValidDate, MAX_EXCEL_SERIAL, PHANTOM_SERIAL, serialToDate } from "./time";

/** 2022-09-01, 2022/9/1, 2022.9.1 — one separator throughout; a time of day is ignored. */
const DATE_SEPARATED = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;
/** 2022年9月1日 (日 or 号 optional). */
const DATE_CHINESE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/;
const DIGITS = /^\d+$/;

const DATE_EXPECTED = "应填写日期（如 2022-09-01）";

export function parseDateText(text: string, where: string): InputResult {
  const s = foldWidth(text);
  const separated = DATE_SEPARATED.exec(s);
  if (separated) return checkDate(Number(separated[1]), Number(separated[3]), Number(separated[4]), text, where);
  const chinese = DATE_CHINESE.exec(s);
  if (chinese) return checkDate(Number(chinese[1]), Number(chinese[2]), Number(chinese[3]), text, where);
  if (DIGITS.test(s)) {
    // 20220901: a common way to type a date, and far beyond any Excel serial.
    if (s.length === 8) {
      return checkDate(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6, 8)), text, where);
    }
    if (s.length <= 7) return parseDateSerial(Number(s), text, where);
  }
  return fail(where, `${DATE_EXPECTED}，“${shorten(text)}” 无法识别`);
}

/**
 * An Excel serial in the 1900 date system. Excel counts a 1900-02-29 that never
 * was (serial 60, kept for Lotus 1-2-3 compatibility): serials 1–59 are
 * January–February 1900, 61 is 1900-03-01. A fraction is a time of day and is
 * dropped.
 */
export function parseDateSerial(n: number, shown: string, where: string): InputResult {
  const serial = Math.floor(n);
  // A bare year typed into a date cell would otherwise become a day in 1905.
  if (serial >= 1900 && serial <= 2099 && serial === n) {
    return fail(where, `应填写完整日期（如 2022-09-01），“${shorten(shown)}” 只有年份`);
  }
  if (!(serial >= 1 && serial <= MAX_EXCEL_SERIAL)) {
    return fail(where, `${DATE_EXPECTED}，“${shorten(shown)}” 无法识别`);
  }
  if (serial === PHANTOM_SERIAL) return fail(where, `的日期序号 60 对应 Excel 中不存在的 1900-02-29`);
  return ok(serialToDate(serial));
}

function checkDate(y: number, m: number, d: number, shown: string, where: string): InputResult {
  if (!isValidDate(y, m, d)) return fail(where, `“${shorten(shown)}” 不是有效日期`);
  if (y < 1900) return fail(where, `的日期应在 1900 年以后，“${shorten(shown)}” 超出范围`);
  return ok(formatDate(y, m, d));
}

/**
 * 居民身份证号 (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit
 * sequence (odd = 男), and a MOD 11-2 check character (0–9 or X).
 *
 * Called for every row of a roster, so it scans char codes instead of using
 * regular expressions or Date objects.
 */

import { chinaToday, isValidDate } from "../time";
import { codePointLength } from "../text";

export type IdCardResult =
  { ok: true; value: string; birthDate: string; gender: "男" | "女" } | { ok: false; reason: string };

/** ISO 7064 MOD 11-2 weights 2^(17-i) mod 11 for the first 17 digits. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character for (sum mod 11) = 0…10. */
const CHECK_CHARS = "10X98765432";

const CODE_0 = 48;
const CODE_X = 88;
const CODE_x = 120;

/**
 * Checks a 身份证号. `today` (YYYY-MM-DD) bounds the birth date; it defaults to
 * the current date in China (UTC+8), since a Worker runs in UTC and the forms
 * are filled in China.
 */
export function checkIdCard(raw: string, today: string = chinaToday()): IdCardResult {
  const s = raw.trim();
  if (s.length !== 18) return { ok: false, reason: `应为 18 位（现为 ${codePointLength(s)} 位）` };

  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const d = s.charCodeAt(i) - CODE_0;
    if (d < 0 || d > 9) return { ok: false, reason: "前 17 位只能是数字" };
    sum += d * (WEIGHTS[i] as number);
  }
  const last = s.charCodeAt(17);
  const lastIsDigit = last >= CODE_0 && last <= CODE_0 + 9;
  if (!lastIsDigit && last !== CODE_X && last !== CODE_x) {
    return { ok: false, reason: "第 18 位应为数字或 X" };
  }

  // The birth date is checked before the check character: a typo inside the
  // date is then reported as what it is rather than as a checksum mismatch.
  const year = digitsAt(s, 6, 4);
  const month = digitsAt(s, 10, 2);
  const day = digitsAt(s, 12, 2);
  if (!isValidDate(year, month, day)) return { ok: false, reason: "出生日期无效" };
  const birthDate = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
  if (year < 1900) return { ok: false, reason: `出生日期 ${birthDate} 早于 1900 年` };
  if (birthDate > today) return { ok: false, reason: `出生日期 ${birthDate} 晚于 ${today}` };

  const expected = CHECK_CHARS.charCodeAt(sum % 11);
  const actual = last === CODE_x ? CODE_X : last;
  if (actual !== expected) return { ok: false, reason: "校验码不正确" };

  const value = last === CODE_x ? `${s.slice(0, 17)}X` : s;
  const gender = (s.charCodeAt(16) - CODE_0) % 2 === 1 ? "男" : "女";
  return { ok: true, value, birthDate, gender };
}

/**
 * Age in whole years at `at` (both YYYY-MM-DD). The birthday counts from its
 * month and day, so someone born on 02-29 turns a year older on 03-01 in
 * non-leap years. Negative when `at` is before the birth date.
 */
export function ageAt(birthDate: string, at: string): number {
  const by = digitsAt(birthDate, 0, 4);
  const bm = digitsAt(birthDate, 5, 2);
  const bd = digitsAt(birthDate, 8, 2);
  const ay = digitsAt(at, 0, 4);
  const am = digitsAt(at, 5, 2);
  const ad = digitsAt(at, 8, 2);
  const reached = am > bm || (am === bm && ad >= bd);
  return ay - by - (reached ? 0 : 1);
}

/** Decimal value of `len` ASCII digits at `start` (caller guarantees digits). */
function digitsAt(s: string, start: number, len: number): number {
  let n = 0;
  for (let i = start; i < start + len; i++) n = n * 10 + (s.charCodeAt(i) - CODE_0);
  return n;
}

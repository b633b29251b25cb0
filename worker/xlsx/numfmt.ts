/**
 * Number formats a cell refers to by id without writing them out: the
 * built-in ones of ECMA-376 Part 1 §18.8.30 (numFmt), with the zh-CN table for
 * ids 27–36 and 50–58 (what Chinese Excel and WPS write for 2022年9月1日 and
 * the like). Id 14 is "the short date of the reader's locale"; the standard
 * spells it `mm-dd-yy`, we give that.
 */
const BUILT_IN: Record<number, string> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "mm-dd-yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: "m/d/yy h:mm",
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: "m-d-yy",
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午h"时"mm"分"',
  35: '上午/下午h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00;(#,##0.00)",
  40: "#,##0.00;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午h"时"mm"分"',
  56: '上午/下午h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

export function builtInFormat(id: number): string | undefined {
  return BUILT_IN[id];
}

/**
 * Whether a number format shows a date or time, as Excel decides it: a date
 * or time token (y m d h s, 上午/下午, AM/PM) outside quoted text, escapes and
 * bracketed colours or locales — `[h]` elapsed hours count. Only the first
 * section is looked at (`yyyy-mm-dd;@`).
 */
export function isDateFormat(code: string): boolean {
  const first = code.split(/(?<!\\);/)[0] ?? "";
  const bare = first
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/_.|\*./g, "")
    // No `[` inside a bracket either: a run of unclosed `[` would be scanned to the end from each one.
    .replace(/\[(?![hms]+\])[^[\]]*\]/gi, "");
  if (/上午|下午|AM\/PM|A\/P/i.test(bare)) return true;
  return /[ymdhs]/i.test(bare.replace(/General|E[+-]/gi, ""));
}

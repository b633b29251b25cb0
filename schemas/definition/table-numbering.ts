/**
 * The numbers federation forms print before their lines: "1." / "１．" / "1、"
 * for an item, "一、" for an item or a chapter, "(1)" / "（1）" / "①" for a
 * sub-item, "4(1)" for the first blank of item 4. The template keeps the number
 * as printed (full-width digits stay full-width) without the separator after it,
 * as the official templates write "1" for a printed "1.".
 */

export interface Numbering {
  /** As printed, without the separator after it: "1", "１", "一", "（1）", "①", "4(1)". */
  printed: string;
  /** top: 1 / 一 / 4(1);  sub: (1) / （一） / ① / 1.1. */
  level: "top" | "sub";
  /** Chinese numerals (一、二、): also how chapters are numbered. */
  chinese: boolean;
  /** The number's value, for readable keys (item1); undefined when unreadable. */
  value?: number;
}

const DIGITS = "0-9０-９";
const HAN = "一二三四五六七八九十";
const CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";

/** Arabic digits, either width, as a number. */
function arabic(text: string): number {
  return Number(text.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10)));
}

/** 一 … 九十九, as forms number their chapters. */
export function chineseNumber(text: string): number | undefined {
  const digit = (ch: string | undefined) => (ch === undefined ? -1 : "零一二三四五六七八九".indexOf(ch));
  if (text === "十") return 10;
  const m = /^([一二三四五六七八九])?十([一二三四五六七八九])?$/.exec(text);
  if (m) return (m[1] ? digit(m[1]) : 1) * 10 + (m[2] ? digit(m[2]) : 0);
  if (text.length === 1 && digit(text) > 0) return digit(text);
  return undefined;
}

interface Pattern {
  re: RegExp;
  read: (m: RegExpExecArray) => Numbering;
}

// Order matters: "4(1)" before "4", "1.1" before "1.".
const PATTERNS: Pattern[] = [
  {
    re: new RegExp(`^([${DIGITS}]{1,3})\\s*([(（]\\s*[${DIGITS}]{1,2}\\s*[)）])`),
    read: (m) => ({ printed: `${m[1]}${m[2]}`, level: "top", chinese: false, value: arabic(m[1] as string) }),
  },
  {
    re: new RegExp(`^[(（]\\s*([${DIGITS}]{1,2}|[${HAN}]{1,3})\\s*[)）]`),
    read: (m) => {
      const inner = m[1] as string;
      const han = /[一-龥]/.test(inner);
      return { printed: m[0], level: "sub", chinese: han, value: han ? chineseNumber(inner) : arabic(inner) };
    },
  },
  {
    re: new RegExp(`^[${CIRCLED}]`),
    read: (m) => ({ printed: m[0], level: "sub", chinese: false, value: CIRCLED.indexOf(m[0]) + 1 }),
  },
  {
    re: new RegExp(`^[${DIGITS}]{1,3}[.．][${DIGITS}]{1,2}(?![${DIGITS}])`),
    read: (m) => ({ printed: m[0], level: "sub", chinese: false }),
  },
  {
    re: new RegExp(`^([${DIGITS}]{1,2})\\s*[)）]`),
    read: (m) => ({ printed: m[0], level: "sub", chinese: false, value: arabic(m[1] as string) }),
  },
  {
    re: new RegExp(`^([${HAN}]{1,3})(?=\\s*[、.．])`),
    read: (m) => ({ printed: m[1] as string, level: "top", chinese: true, value: chineseNumber(m[1] as string) }),
  },
  {
    re: new RegExp(`^([${DIGITS}]{1,3})(?=\\s*[.．、](?![${DIGITS}]))`),
    read: (m) => ({ printed: m[1] as string, level: "top", chinese: false, value: arabic(m[1] as string) }),
  },
];

/** What follows a number before the text: "1." "１．" "一、" "1、" "(1) ". */
const SEPARATOR = /^\s*[.．、，,:：]?\s*/;

/**
 * The number a label starts with, and the label without it. A year is not a
 * number ("2014 年助学活动…" has none): an arabic item number needs its separator.
 */
export function splitNumber(label: string): { no?: Numbering; rest: string } {
  const text = label.trim();
  for (const p of PATTERNS) {
    const m = p.re.exec(text);
    if (!m) continue;
    const rest = text.slice(m[0].length).replace(SEPARATOR, "");
    if (rest === "") continue;
    return { no: p.read(m), rest };
  }
  return { rest: text };
}

/** A 序号 cell: the whole cell is a number ("1", "１．", "一", "(1)", "①", "4(1)"). */
export function readSerial(text: string): Numbering | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  // A bare "1" or "一" reads as the label patterns read "1、" or "一、".
  const padded = /[.．、)）①-⑳]$/.test(t) ? t : `${t}、`;
  for (const p of PATTERNS) {
    const m = p.re.exec(padded);
    if (!m) continue;
    const after = padded.slice(m[0].length);
    if (SEPARATOR.exec(after)?.[0] === after) return p.read(m);
  }
  return undefined;
}

import { foldWidth } from "../text";
import { readUnit, type UnitRead } from "./text-units";

/**
 * The marks of a fill-in-the-blanks text, in order: numbering (`1.`, `4. （1）`, `(2)`),
 * a `其中` lead-in, blanks with their units, sentence separators and the words between.
 * Line breaks stay inside the words: a PDF copy breaks lines in mid-sentence, so a line
 * break alone never ends a label (text-items.ts decides what the words belong to).
 */
export type TextToken =
  /** `1.` / `１．` → top "1", `一、` → top "一"; `4. （1）` → top "4" with sub "1". */
  | { t: "top"; n: string; sub?: string }
  /** `（1）` / `(1)` / `①` on its own → sub "1". */
  | { t: "sub"; n: string }
  /** `其中` at the start of a clause; the words `其中：` follow as a `words` token. */
  | { t: "qizhong" }
  | { t: "blank"; unit: UnitRead }
  /** `；` `;` `，` `,` `。`: the end of a clause. */
  | { t: "sep"; ch: string }
  | { t: "words"; s: string };

/** A blank is two or more underscores, half- or full-width, as Word and PDF print them. */
const BLANK = /[_＿]{2,}/y;
const SEPARATORS = new Set(["；", ";", "，", ",", "。"]);

const CN_NUMERAL = "[一二三四五六七八九十]{1,3}";
/** `1.` but not `1.27` (a decimal in the text); Chinese numerals only with `、`. */
const TOP = new RegExp(`(?:([0-9０-９]{1,3})[.．、](?![0-9０-９])|(${CN_NUMERAL})、)`, "y");
const SUB = new RegExp(`(?:[（(][\\s\\u3000]*([0-9０-９]{1,2}|${CN_NUMERAL})[\\s\\u3000]*[）)]|([①-⑳]))`, "y");
const QIZHONG = /其中[\s\u3000]*[：:]?/y;
const SPACES = /[\s\u3000]*/y;

/** Sticky match at `at`: the scanner walks the text once instead of slicing it per character. */
function matchAt(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

/** `（１）` → "1", `①` → "1", `（二）` → "二". */
function numeral(digits: string | undefined, circled: string | undefined): string {
  if (circled) return String(circled.charCodeAt(0) - 0x2460 + 1);
  return foldWidth(digits ?? "");
}

export function scanText(text: string): TextToken[] {
  const tokens: TextToken[] = [];
  let words = "";
  const flushWords = () => {
    if (words) tokens.push({ t: "words", s: words });
    words = "";
  };
  // Numbering and 其中 count only where a clause starts (or a line, for numbering):
  // 「高校毕业生(含本地和外地生源学生)」 is words, not a sub-number.
  let clauseStart = true;
  let pos = 0;
  while (pos < text.length) {
    const spaces = matchAt(SPACES, text, pos)?.[0] ?? "";
    const lineStart = pos === 0 || text[pos - 1] === "\n" || spaces.includes("\n");
    const at = pos + spaces.length;
    if (clauseStart || lineStart) {
      const top = matchAt(TOP, text, at);
      if (top) {
        flushWords();
        let end = at + top[0].length;
        const gap = matchAt(SPACES, text, end)?.[0] ?? "";
        const sub = matchAt(SUB, text, end + gap.length);
        const n = numeral(top[1] ?? top[2], undefined);
        if (sub) {
          end += gap.length + sub[0].length;
          tokens.push({ t: "top", n, sub: numeral(sub[1], sub[2]) });
        } else tokens.push({ t: "top", n });
        pos = end;
        clauseStart = true;
        continue;
      }
      const sub = matchAt(SUB, text, at);
      if (sub) {
        flushWords();
        tokens.push({ t: "sub", n: numeral(sub[1], sub[2]) });
        pos = at + sub[0].length;
        clauseStart = true;
        continue;
      }
    }
    if (clauseStart) {
      const qizhong = matchAt(QIZHONG, text, at);
      if (qizhong) {
        flushWords();
        tokens.push({ t: "qizhong" });
        // 其中： stays in the label as printed (「其中：各级党委政府资助」) unless numbering follows.
        words = qizhong[0];
        pos = at + qizhong[0].length;
        continue;
      }
    }
    const blank = matchAt(BLANK, text, pos);
    if (blank) {
      flushWords();
      const end = pos + blank[0].length;
      // A unit is a few characters after the blank; PDF copies may break the line first.
      const { unit, length } = readUnit(text.slice(end, end + 40));
      tokens.push({ t: "blank", unit });
      pos = end + length;
      clauseStart = true;
      continue;
    }
    const ch = text[pos] ?? "";
    if (SEPARATORS.has(ch)) {
      flushWords();
      tokens.push({ t: "sep", ch });
      clauseStart = true;
    } else {
      words += ch;
      if (!/[\s\u3000]/.test(ch)) clauseStart = false;
    }
    pos += 1;
  }
  flushWords();
  return tokens;
}

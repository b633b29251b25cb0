import type { ExprError } from "./ast";

export type TokenKind = "number" | "string" | "name" | "op" | "(" | ")" | "," | "." | "end";

export interface Token {
  kind: TokenKind;
  text: string;
  /** 1-based character position. */
  pos: number;
}

/** Operators and their canonical spelling (× ÷ and the full-width forms clerks type). */
const OPERATORS: ReadonlyArray<[string, string]> = [
  ["<=", "<="],
  [">=", ">="],
  ["!=", "!="],
  ["<>", "!="],
  ["==", "="],
  ["&&", "and"],
  ["||", "or"],
  ["≤", "<="],
  ["≥", ">="],
  ["≠", "!="],
  ["+", "+"],
  ["-", "-"],
  ["*", "*"],
  ["/", "/"],
  ["×", "*"],
  ["÷", "/"],
  ["=", "="],
  ["<", "<"],
  [">", ">"],
  ["!", "not"],
  ["（", "("],
  ["）", ")"],
  ["，", ","],
];

const QUOTES: Record<string, string> = { '"': '"', "'": "'", "“": "”" };

function isDigit(ch: string): boolean {
  return ch >= "0" && ch <= "9";
}

function isNameStart(ch: string): boolean {
  return (ch >= "a" && ch <= "z") || (ch >= "A" && ch <= "Z") || ch === "_";
}

/** Splits an expression into tokens; the first unreadable character is an error. */
export function tokenize(src: string): { tokens: Token[] } | { error: ExprError } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i] as string;
    const pos = i + 1;
    if (ch === " " || ch === "\t" || ch === "\n" || ch === "\r" || ch === "\u3000") {
      i++;
      continue;
    }
    if (isDigit(ch)) {
      let j = i;
      while (j < src.length && isDigit(src[j] as string)) j++;
      if (src[j] === "." && isDigit(src[j + 1] ?? "")) {
        j++;
        while (j < src.length && isDigit(src[j] as string)) j++;
      }
      tokens.push({ kind: "number", text: src.slice(i, j), pos });
      i = j;
      continue;
    }
    if (isNameStart(ch)) {
      let j = i;
      while (j < src.length && (isNameStart(src[j] as string) || isDigit(src[j] as string))) j++;
      tokens.push({ kind: "name", text: src.slice(i, j), pos });
      i = j;
      continue;
    }
    const close = QUOTES[ch];
    if (close !== undefined) {
      const end = src.indexOf(close, i + 1);
      if (end < 0) return { error: { pos, message: "字符串缺少结束引号" } };
      tokens.push({ kind: "string", text: src.slice(i + 1, end), pos });
      i = end + 1;
      continue;
    }
    if (ch === "(" || ch === ")" || ch === "," || ch === ".") {
      tokens.push({ kind: ch, text: ch, pos });
      i++;
      continue;
    }
    const op = OPERATORS.find(([spelling]) => src.startsWith(spelling, i));
    if (op) {
      const [spelling, canonical] = op;
      const kind: TokenKind = canonical === "(" || canonical === ")" || canonical === "," ? canonical : "op";
      tokens.push({ kind, text: canonical, pos });
      i += spelling.length;
      continue;
    }
    return { error: { pos, message: `无法识别的字符「${ch}」` } };
  }
  tokens.push({ kind: "end", text: "", pos: src.length + 1 });
  return { tokens };
}

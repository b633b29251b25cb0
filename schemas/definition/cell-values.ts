import { parseDateSerial, parseDateText } from "../input-date";
import { foldWidth, trimSpaces } from "../text";
import { NO, YES, type DefinitionCell } from "./sheets";

/**
 * One definition cell as the template field it holds. An officer types in Excel,
 * so a number may arrive as text (０.５, "1,000"), a date as Excel's serial, 是 as
 * TRUE; each reader answers the value or a zh-CN reason, never throws.
 */
export type CellRead<T> = { ok: true; value: T | undefined } | { ok: false; reason: string };

const ok = <T>(value: T | undefined): CellRead<T> => ({ ok: true, value });
const bad = <T>(reason: string): CellRead<T> => ({ ok: false, reason });

/** Text, trimmed; numbers as written (1 → "1"); blank → undefined. */
export function textOf(cell: DefinitionCell): string | undefined {
  if (cell === null) return undefined;
  const s = typeof cell === "string" ? trimSpaces(cell) : typeof cell === "boolean" ? (cell ? YES : NO) : String(cell);
  return s === "" ? undefined : s;
}

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

export function numberOf(cell: DefinitionCell): CellRead<number> {
  if (typeof cell === "number") return ok(cell);
  const s = textOf(cell);
  if (s === undefined) return ok(undefined);
  const folded = foldWidth(s).replace(/[,，]/g, "");
  return NUMBER.test(folded) ? ok(Number(folded)) : bad(`应填写数字，“${s}” 无法识别`);
}

export function integerOf(cell: DefinitionCell): CellRead<number> {
  const n = numberOf(cell);
  if (!n.ok || n.value === undefined || Number.isInteger(n.value)) return n;
  return bad(`应填写整数，“${textOf(cell)}” 不是整数`);
}

const TRUE_WORDS = new Set([YES, "y", "yes", "true", "√", "✓", "1", "必填", "唯一"]);
const FALSE_WORDS = new Set([NO, "n", "no", "false", "×", "0"]);

/** 是/否 (also TRUE/FALSE, √, 1/0); blank → undefined. */
export function yesNoOf(cell: DefinitionCell): CellRead<boolean> {
  if (typeof cell === "boolean") return ok(cell);
  const s = textOf(cell);
  if (s === undefined) return ok(undefined);
  const word = foldWidth(s).toLowerCase();
  if (TRUE_WORDS.has(word)) return ok(true);
  if (FALSE_WORDS.has(word)) return ok(false);
  return bad(`应填写“${YES}”或“${NO}”，“${s}” 无法识别`);
}

/** A date as YYYY-MM-DD: typed text in any form clerks use, or the serial Excel stores. */
export function dateOf(cell: DefinitionCell): CellRead<string> {
  if (cell === null) return ok(undefined);
  const s = textOf(cell) as string;
  const read = typeof cell === "number" ? parseDateSerial(cell, s, "") : parseDateText(s, "");
  return read.ok ? ok(read.value ?? undefined) : bad(read.message);
}

/** One of the words an officer reads (整数/小数, 错误/警告 …) → its template value. */
export function wordOf<T extends string>(cell: DefinitionCell, words: Record<T, string>): CellRead<T> {
  const s = textOf(cell);
  if (s === undefined) return ok(undefined);
  for (const [value, word] of Object.entries(words) as [T, string][]) if (word === s || value === s) return ok(value);
  return bad(
    `应为${Object.values<string>(words)
      .map((w) => `“${w}”`)
      .join("、")}之一，“${s}” 无法识别`,
  );
}

/** A list typed in one cell: 小学、初中 / a, b / a，b. */
export function listOf(cell: DefinitionCell): string[] {
  const s = textOf(cell);
  return s === undefined ? [] : s.split(/[、,，;；\s]+/).filter((p) => p !== "");
}

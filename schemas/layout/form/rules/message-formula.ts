/**
 * A rule's message as a formula that fills its placeholders exactly as the
 * engine's `interpolate` (schemas/expr/message.ts) does: {left} {right} and
 * {diff} of a top-level comparison, {ref} for a name the expression reads,
 * in a row rule {column} for any column of the row; unknown placeholders stay
 * as written. Values print as `formatValue` prints them: numbers canonical,
 * blank as 空, INVALID as 无效值.
 */
import { canonicalText, quote } from "./excel-text";

const PLACEHOLDER = /\{([^{}]+)\}/g;

/** A value shown in a message: a helper cell and how to print it. */
export interface Shown {
  /** The cell holding the value: "" when blank, an error when invalid or unreadable. */
  cell: string;
  /** Digits after the point for a number; undefined for text. */
  scale?: number;
}

export interface MessageParts {
  /** Top-level comparison: the cells of its two sides and of their difference (numbers only). */
  sides?: { left: Shown; right: Shown; diff?: Shown };
  /** {name}: a name the expression reads, or a column of the row. */
  name(name: string): Shown | undefined;
}

/** How `formatValue` prints a side or a name read by a helper cell. */
export function shownText(s: Shown): string {
  const value = s.scale === undefined ? s.cell : canonicalText(s.cell, s.scale);
  // An error is INVALID (无效值), or a value the spreadsheet cannot read: the line is then not exact anyway.
  return `IF(ISERROR(${s.cell}),"无效值",IF(${s.cell}="","空",${value}))`;
}

export function messageFormula(message: string, parts: MessageParts): string {
  const pieces: string[] = [];
  let at = 0;
  for (const m of message.matchAll(PLACEHOLDER)) {
    const name = m[1] as string;
    const shown = fill(name, parts);
    if (shown === undefined) continue;
    if (m.index > at) pieces.push(quote(message.slice(at, m.index)));
    pieces.push(shown);
    at = m.index + m[0].length;
  }
  if (at < message.length || pieces.length === 0) pieces.push(quote(message.slice(at)));
  return pieces.join("&");
}

function fill(name: string, parts: MessageParts): string | undefined {
  const { sides } = parts;
  if (sides && name === "left") return shownText(sides.left);
  if (sides && name === "right") return shownText(sides.right);
  if (sides && name === "diff") return sides.diff ? shownText(sides.diff) : '""';
  const shown = parts.name(name);
  return shown && shownText(shown);
}

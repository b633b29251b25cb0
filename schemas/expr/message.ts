import * as D from "../decimal";
import type { CompiledExpr, Frame } from "./scope";
import { formatValue, type Value } from "./value";

const PLACEHOLDER = /\{([^{}]+)\}/g;

/**
 * A rule's message with its placeholders filled from the frame: {left} {right}
 * and {diff} (the absolute difference) of a top-level comparison, {ref} for any
 * name the expression reads, and — through `column`, in a row rule — any
 * column of the current row ({name}), so the message says whose row it is.
 * Unknown placeholders stay as written.
 */
export function interpolate(
  message: string,
  expr: CompiledExpr,
  f: Frame,
  column?: (name: string) => Value | undefined,
): string {
  return message.replace(PLACEHOLDER, (whole, name: string) => {
    if (name === "left" && expr.left) return formatValue(expr.left(f));
    if (name === "right" && expr.right) return formatValue(expr.right(f));
    if (name === "diff" && expr.left && expr.right) {
      const l = expr.left(f);
      const r = expr.right(f);
      const a = l === null ? D.ZERO : l;
      const b = r === null ? D.ZERO : r;
      return D.isDecimal(a) && D.isDecimal(b) ? formatValue(D.abs(D.sub(a, b))) : "";
    }
    const read = expr.names.get(name);
    if (read) return formatValue(read(f));
    const v = column?.(name);
    return v === undefined ? whole : formatValue(v);
  });
}

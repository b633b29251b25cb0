/**
 * Comparisons as formulas (formula.ts): conditions with conditions, text with
 * EXACT (the engine is case-sensitive, Excel's "=" is not), numbers by the
 * sign of their difference rounded to the scale, and a quotient by its sign
 * when clearly apart, by cross-multiplication when equal (compareDivision).
 */
import type { BinaryOp } from "../../../expr/ast";
import { asNumber, exact, NotCompiled, num, REL, rounded, type BoolOp, type NumberOp, type Operand } from "./operand";

/** Quotients from here on are left undecided (see compareDivision). */
export const QUOTIENT_LIMIT = 900000;

export const EXCEL_OP: Record<string, string> = { "=": "=", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">=" };
const FLIP: Record<string, string> = { "=": "=", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<=" };

export function compare(op: BinaryOp, l: Operand, r: Operand): BoolOp {
  const x = EXCEL_OP[op] as string;
  if (l.type === "boolean" && r.type === "boolean") {
    const same = op === "=" ? "1,0" : "0,1";
    return { type: "boolean", f: `IF(OR(${l.f}=0.5,${r.f}=0.5),0.5,IF(${l.f}=${r.f},${same}))` };
  }
  if (l.type === "string" && r.type === "string") {
    if (op !== "=" && op !== "!=") throw new NotCompiled("文本的大小比较按字符编码进行，表格无法照样比较");
    return { type: "boolean", f: `IFERROR(IF(EXACT(${l.f},${r.f}),${op === "=" ? "1,0" : "0,1"}),0.5)` };
  }
  const a = asNumber(l);
  const b = asNumber(r);
  if (a.division && b.division) throw new NotCompiled("比较的两边都是除法");
  if (a.division) return compareDivision(op, a.division.x, a.division.y, b);
  if (b.division) return compareDivision(FLIP[op] as BinaryOp, b.division.x, b.division.y, a);
  const scale = Math.max(a.scale, b.scale);
  const bound = a.bound + b.bound;
  exact({ err: a.err + b.err + bound * REL, scale });
  return { type: "boolean", f: `IFERROR(IF(ROUND(${num(a)}-${num(b)},${scale})${x}0,1,0),0.5)` };
}

/**
 * `x / y op c`. The engine rounds x / y to 10 digits (half to even) and
 * compares: when the double difference is clearly apart from 0 (beyond the
 * engine's rounding and the doubles' error) its sign is the answer; when
 * x = c·y exactly (cross-multiplied at the scale) they are equal; otherwise
 * the quotient lies within 10^-10 of c and the rule is left undecided. So is
 * a quotient of 9×10^5 or more: the engine's exact division (decimal/value.ts
 * div) keeps fewer than 10 decimals there, which the tolerance does not cover.
 */
function compareDivision(op: BinaryOp, x: NumberOp, y: NumberOp, c: NumberOp): BoolOp {
  if (c.scale > 10) throw new NotCompiled("与除法结果比较的数值小数位过多");
  const X = rounded(x);
  const Y = rounded(y);
  const C = rounded(c);
  const crossScale = Math.max(x.scale, c.scale + y.scale);
  const crossBound = x.bound + c.bound * y.bound;
  exact({ err: crossBound * 2 * REL, scale: crossScale });
  const d = `(${X}/${Y}-${C})`;
  const tolerance = `(1E-10+1E-14*(ABS(${X}/${Y})+ABS(${C})))`;
  const equal = op === "=" || op === "<=" || op === ">=" ? 1 : 0;
  const x_ = EXCEL_OP[op] as string;
  // The engine keeps a quotient in a safe integer: from about 9×10^5 on it has fewer than
  // 10 decimals (rounded at fewer digits), which this formula does not follow.
  return {
    type: "boolean",
    f: `IFERROR(IF(ABS(${X}/${Y})>=${QUOTIENT_LIMIT},0.5,IF(ABS(${d})>${tolerance},IF(${d}${x_}0,1,0),IF(ROUND(${X}-${C}*${Y},${crossScale})=0,${equal},0.5))),0.5)`,
  };
}

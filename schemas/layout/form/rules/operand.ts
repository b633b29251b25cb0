/**
 * What the rule compiler (formula.ts) works with: an operand is a formula
 * with its type, and for a number its scale, a bound on its magnitude and on
 * the error of its double; and the checks that keep the doubles exact.
 */
export class NotCompiled extends Error {}

/**
 * Relative error of one operation on doubles: half an ulp (1.1e-16), and
 * LibreOffice's subtraction that snaps a difference below 2^-48 of its operands
 * to 0 (rtl::math::approxSub), Excel's 15 significant digits likewise.
 */
export const REL = 4e-15;

export interface NumberOp {
  type: "number";
  /** The formula; "" while a nullable value is blank. */
  f: string;
  /** A bare reference (or an if() of one) is blank as such: null in the engine, 空 in messages. */
  nullable: boolean;
  scale: number;
  bound: number;
  err: number;
  /** Set for x / y: only compared directly (see compareDivision). */
  division?: { x: NumberOp; y: NumberOp };
}
export interface StringOp {
  type: "string";
  f: string;
  /** A 身份证号 column read by cell-reads.ts, for age() and gender(). */
  idcard?: boolean;
}
export interface BoolOp {
  type: "boolean";
  f: string;
}
export type Operand = NumberOp | StringOp | BoolOp;

export interface FormulaEnv {
  /** A name as written (`funds.total`, a row's `amount`); throws NotCompiled when it cannot be read. */
  ref(path: readonly string[]): Operand;
  /** Whether a name is a roster: sum(roster.col …) aggregates it, as the engine decides (functions.ts). */
  isRoster(name: string): boolean;
  referenceDate: string;
}

/** The value of a number with blank as 0, as the engine's arithmetic reads null. */
export function num(op: NumberOp): string {
  return op.nullable ? `IF(${op.f}="",0,${op.f})` : op.f;
}

/** Throws unless a double with error `err` rounds to the exact decimal at `scale`. */
export function exact(op: Pick<NumberOp, "err" | "scale">): void {
  // Below half a unit of the last digit ROUND lands on the exact decimal; keep a margin.
  if (!(op.err <= 0.4 * 10 ** -op.scale)) {
    throw new NotCompiled("计算涉及的数值位数较多，表格的二进制小数不能保证与系统的精确计算一致");
  }
}

/** `ROUND(x, scale)`: the exact decimal of an exact-enough number. */
export function rounded(op: NumberOp): string {
  if (op.division) throw new NotCompiled("除法的结果只能直接用于比较");
  exact(op);
  return `ROUND(${num(op)},${op.scale})`;
}

export function asNumber(op: Operand): NumberOp {
  if (op.type !== "number") throw new NotCompiled("类型不符");
  return op;
}

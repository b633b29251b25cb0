/**
 * A rule's expression (schemas/expr) as one spreadsheet formula that decides
 * exactly what the engine decides, or a NotCompiled with the reason in words.
 *
 * Three-valued logic. The engine's conditions are true, false or INVALID
 * (operators.ts: INVALID propagates, and/or short-circuit around it, a rule
 * only fires on false). Here a condition is a number: 1 true, 0 false, 0.5
 * "cannot be decided" (INVALID, or a value the spreadsheet cannot read
 * exactly: cell-reads.ts). Then `and` is MIN, `or` is MAX and `not` is 1-x —
 * Kleene's logic, which is exactly the engine's short-circuit rule: a side
 * that decides wins whatever the other side is. Number and text values are
 * formulas whose errors stand for INVALID; a comparison turns an error into
 * 0.5 (IFERROR), if() picks its branch with CHOOSE.
 *
 * Exact decimals. The engine computes in exact decimals, a spreadsheet in
 * binary doubles. Every number carries its scale (digits after the point, as
 * the engine's result has them), a bound on its magnitude and a bound on the
 * double's error; a comparison rounds the difference to the scale (ROUND,
 * as sum-rules.ts does), which gives the exact result as long as the error
 * stays below a tenth of the last digit — checked here, at compile time, with
 * cells read only below 10^7 (cell-reads.ts). Division is exact in the engine
 * only up to 10 digits (half to even): a quotient is compared by its sign when
 * it is clearly apart from the other side, by cross-multiplication when it
 * equals it, and is otherwise left undecided.
 *
 * Text compares with EXACT (Excel's "=" ignores case, the engine does not);
 * < and > on text are not written (the engine orders by code unit).
 */
import type { BinaryOp, Expr } from "../../../expr/ast";
import { parseDecimal } from "../../../decimal";
import { ageFormula, genderFormula } from "./cell-reads";
import { quote } from "./excel-text";

export class NotCompiled extends Error {}

/** Quotients from here on are left undecided (see compareDivision). */
export const QUOTIENT_LIMIT = 900000;

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

export function compileCondition(e: Expr, env: FormulaEnv): BoolOp {
  const op = compileNode(e, env);
  if (op.type !== "boolean") throw new NotCompiled("规则不是条件");
  return op;
}

export function compileNode(e: Expr, env: FormulaEnv): Operand {
  switch (e.kind) {
    case "number": {
      const d = parseDecimal(e.text);
      const value = Math.abs(Number(e.text));
      return { type: "number", f: e.text, nullable: false, scale: d ? d.s : 0, bound: value, err: value * REL };
    }
    case "string":
      return { type: "string", f: quote(e.value) };
    case "boolean":
      return { type: "boolean", f: e.value ? "1" : "0" };
    case "ref":
      return env.ref(e.path);
    case "unary": {
      const x = compileNode(e.operand, env);
      if (x.type === "boolean") return { type: "boolean", f: `(1-${x.f})` };
      const n = asNumber(x);
      return { ...n, f: `(-${num(n)})`, nullable: false, division: undefined, err: withDivision(n) };
    }
    case "binary":
      return binary(e, env);
    case "call":
      return call(e, env);
  }
}

function asNumber(op: Operand): NumberOp {
  if (op.type !== "number") throw new NotCompiled("类型不符");
  return op;
}

/** A quotient used in further arithmetic has no error bound: the checks downstream refuse it. */
function withDivision(op: NumberOp): number {
  return op.division ? Infinity : op.err;
}

const EXCEL_OP: Record<string, string> = { "=": "=", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">=" };
const FLIP: Record<string, string> = { "=": "=", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<=" };

function binary(e: Extract<Expr, { kind: "binary" }>, env: FormulaEnv): Operand {
  const l = compileNode(e.left, env);
  const r = compileNode(e.right, env);
  if (e.op === "and" || e.op === "or") {
    return { type: "boolean", f: `${e.op === "and" ? "MIN" : "MAX"}(${l.f},${r.f})` };
  }
  if (e.op in EXCEL_OP) return compare(e.op, l, r);
  const a = asNumber(l);
  const b = asNumber(r);
  const ea = withDivision(a);
  const eb = withDivision(b);
  if (e.op === "/") {
    return {
      type: "number",
      f: `(${num(a)}/${num(b)})`,
      nullable: false,
      scale: 10,
      bound: Infinity,
      err: Infinity,
      division: { x: a, y: b },
    };
  }
  const times = e.op === "*";
  const bound = times ? a.bound * b.bound : a.bound + b.bound;
  const err = times ? ea * b.bound + eb * a.bound + ea * eb + bound * REL : ea + eb + bound * REL;
  return {
    type: "number",
    f: `(${num(a)}${e.op}${num(b)})`,
    nullable: false,
    scale: times ? a.scale + b.scale : Math.max(a.scale, b.scale),
    bound,
    err,
  };
}

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
 * div) overflows there to INVALID, except for quotients with few decimals.
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
  // The engine keeps a quotient's 10 decimals in a safe integer: from about 9×10^5 on it
  // overflows to INVALID unless the quotient has fewer decimals, which doubles cannot tell.
  return {
    type: "boolean",
    f: `IFERROR(IF(ABS(${X}/${Y})>=${QUOTIENT_LIMIT},0.5,IF(ABS(${d})>${tolerance},IF(${d}${x_}0,1,0),IF(ROUND(${X}-${C}*${Y},${crossScale})=0,${equal},0.5))),0.5)`,
  };
}

const NUMERIC = new Set(["sum", "min", "max", "abs", "round"]);

function call(e: Extract<Expr, { kind: "call" }>, env: FormulaEnv): Operand {
  const { name, args } = e;
  if (name === "count" || (name === "sum" && args[0]?.kind === "ref" && env.isRoster(args[0].path[0] as string))) {
    throw new NotCompiled("名册的汇总（count/sum）由上传后的检查计算");
  }
  if (NUMERIC.has(name)) {
    const ops = args.map((a) => asNumber(compileNode(a, env)));
    const first = ops[0] as NumberOp;
    if (name === "abs") return { ...first, f: `ABS(${num(first)})`, nullable: false, err: withDivision(first) };
    if (name === "round") {
      const digits = args[1]?.kind === "number" ? Number(args[1].text) : 0;
      if (first.scale <= digits) return { ...first, f: num(first), nullable: false, err: withDivision(first) };
      const bound = first.bound + 10 ** -digits;
      return {
        type: "number",
        f: `ROUND(${rounded(first)},${digits})`,
        nullable: false,
        scale: digits,
        bound,
        err: bound * REL,
      };
    }
    const scale = Math.max(...ops.map((o) => o.scale));
    const errs = ops.map(withDivision);
    if (name === "sum") {
      const bound = ops.reduce((s, o) => s + o.bound, 0);
      const err = errs.reduce((s, x) => s + x, 0) + bound * REL * ops.length;
      return { type: "number", f: `(${ops.map(num).join("+")})`, nullable: false, scale, bound, err };
    }
    const bound = Math.max(...ops.map((o) => o.bound));
    const err = Math.max(...errs);
    return {
      type: "number",
      f: `${name.toUpperCase()}(${ops.map(num).join(",")})`,
      nullable: false,
      scale,
      bound,
      err,
    };
  }
  switch (name) {
    case "if": {
      const cond = compileCondition(args[0] as Expr, env);
      const a = compileNode(args[1] as Expr, env);
      const b = compileNode(args[2] as Expr, env);
      const pick = (ya: string, no: string, unknown: string) => `CHOOSE(${cond.f}*2+1,${no},${unknown},${ya})`;
      if (a.type === "boolean") return { type: "boolean", f: pick(a.f, b.f, "0.5") };
      if (a.type === "string") return { type: "string", f: pick(a.f, b.f, "NA()") };
      const n = asNumber(b);
      return {
        type: "number",
        f: pick(a.f, n.f, "NA()"),
        nullable: a.nullable || n.nullable,
        scale: Math.max(a.scale, n.scale),
        bound: Math.max(a.bound, n.bound),
        err: Math.max(withDivision(a), withDivision(n)),
      };
    }
    case "isblank": {
      const r = compileNode(args[0] as Expr, env);
      return { type: "boolean", f: `IFERROR(IF(${r.f}="",1,0),0.5)` };
    }
    case "age":
    case "gender": {
      const id = compileNode(args[0] as Expr, env);
      if (id.type !== "string" || !id.idcard) throw new NotCompiled(`${name}() 只能直接用于身份证号列`);
      if (name === "gender") return { type: "string", f: genderFormula(id.f) };
      return {
        type: "number",
        f: ageFormula(id.f, env.referenceDate),
        nullable: false,
        scale: 0,
        bound: 10000,
        err: 0,
      };
    }
    default:
      throw new NotCompiled(`函数 ${name}() 无法写成表格公式`);
  }
}

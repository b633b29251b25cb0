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
 * stays well below half a unit of the last digit — checked at compile time, with
 * cells read only below 10^7 (cell-reads.ts). Division is exact in the engine
 * only up to 10 digits (half to even): a quotient is compared by its sign when
 * it is clearly apart from the other side, by cross-multiplication when it
 * equals it, and is otherwise left undecided.
 *
 * Text compares with EXACT (Excel's "=" ignores case, the engine does not);
 * < and > on text are not written (the engine orders by code unit).
 */
import type { Expr } from "../../../expr/ast";
import { parseDecimal } from "../../../decimal";
import { ageFormula, genderFormula } from "./cell-reads";
import { compare, EXCEL_OP } from "./compare";
import { quote } from "./excel-text";
import {
  asNumber,
  NotCompiled,
  num,
  REL,
  rounded,
  type BoolOp,
  type FormulaEnv,
  type NumberOp,
  type Operand,
} from "./operand";

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

/** A quotient used in further arithmetic has no error bound: the checks downstream refuse it. */
function withDivision(op: NumberOp): number {
  return op.division ? Infinity : op.err;
}

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

const NUMERIC = new Set(["sum", "min", "max", "abs", "round"]);

/** Why a rule reading prev() is checked on upload: the file holds this round's values only. */
export const PREV_NOT_IN_FILE = "规则与上一轮已审核的数值比较（prev），表格中没有上一轮的数值";

function call(e: Extract<Expr, { kind: "call" }>, env: FormulaEnv): Operand {
  const { name, args } = e;
  if (name === "prev") throw new NotCompiled(PREV_NOT_IN_FILE);
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

import * as D from "../decimal";
import { COMPARISON_OPS, type Expr } from "./ast";
import { CompileError, expectType, type Compiler, type Typed } from "./context";
import { INVALID, TYPE_NAMES, type Value, type ValueType } from "./value";

/**
 * Arithmetic, comparison and logic: `+ - * /` on exact decimals, `= != < <= > >=`
 * on values of one type, `and`/`or`/`not` on conditions. A blank is 0 in
 * arithmetic and "" as text, as in Excel; INVALID propagates.
 */

export function num(v: Value): D.Decimal | typeof INVALID {
  if (v === null) return D.ZERO;
  if (v === INVALID || typeof v !== "object") return INVALID;
  return v;
}

function text(v: Value): string | typeof INVALID {
  if (v === null) return "";
  return typeof v === "string" ? v : INVALID;
}

/** Wraps decimal arithmetic so overflow becomes INVALID instead of an exception. */
function arith(fn: (a: D.Decimal, b: D.Decimal) => D.Decimal | null): (a: Value, b: Value) => Value {
  return (a, b) => {
    const x = num(a);
    const y = num(b);
    if (x === INVALID || y === INVALID) return INVALID;
    try {
      return fn(x, y) ?? INVALID;
    } catch {
      return INVALID;
    }
  };
}

export const ARITH: Record<"+" | "-" | "*" | "/", (a: Value, b: Value) => Value> = {
  "+": arith(D.add),
  "-": arith(D.sub),
  "*": arith(D.mul),
  "/": arith(D.div),
};

export function compareValues(a: Value, b: Value, type: ValueType): number | typeof INVALID {
  if (a === INVALID || b === INVALID) return INVALID;
  if (type === "number") {
    const x = num(a);
    const y = num(b);
    return x === INVALID || y === INVALID ? INVALID : D.compare(x, y);
  }
  if (type === "boolean") return a === b ? 0 : 1;
  const x = text(a);
  const y = text(b);
  if (x === INVALID || y === INVALID) return INVALID;
  return x < y ? -1 : x > y ? 1 : 0;
}

const COMPARE: Record<string, (c: number) => boolean> = {
  "=": (c) => c === 0,
  "!=": (c) => c !== 0,
  "<": (c) => c < 0,
  "<=": (c) => c <= 0,
  ">": (c) => c > 0,
  ">=": (c) => c >= 0,
};

export function compileUnary(c: Compiler, e: Extract<Expr, { kind: "unary" }>): Typed {
  const x = c.compile(e.operand);
  if (e.op === "not") {
    expectType(e.operand, x, "boolean", "not 后面");
    return {
      type: "boolean",
      run: (f) => {
        const v = x.run(f);
        return v === INVALID ? INVALID : !v;
      },
    };
  }
  expectType(e.operand, x, "number", "负号后面");
  return {
    type: "number",
    run: (f) => {
      const v = num(x.run(f));
      return v === INVALID ? INVALID : D.negate(v);
    },
  };
}

export function compileBinary(c: Compiler, e: Extract<Expr, { kind: "binary" }>): Typed {
  const l = c.compile(e.left);
  const r = c.compile(e.right);
  const op = e.op;
  if (op === "and" || op === "or") {
    expectType(e.left, l, "boolean", `「${op}」左边`);
    expectType(e.right, r, "boolean", `「${op}」右边`);
    const isAnd = op === "and";
    // Short-circuit like a clerk reads it; INVALID only matters when it decides.
    return {
      type: "boolean",
      run: (f) => {
        const a = l.run(f);
        if (a === !isAnd) return a;
        const b = r.run(f);
        if (b === !isAnd) return b;
        return a === INVALID || b === INVALID ? INVALID : isAnd;
      },
    };
  }
  if (COMPARISON_OPS.has(op)) {
    if (l.type !== r.type) {
      throw new CompileError(e.pos, `「${op}」两边类型不同：${TYPE_NAMES[l.type]} 与 ${TYPE_NAMES[r.type]}`);
    }
    if (l.type === "boolean" && op !== "=" && op !== "!=") {
      throw new CompileError(e.pos, `条件只能用 = 或 != 比较`);
    }
    if (e === c.root) c.sides = { left: l.run, right: r.run };
    const test = COMPARE[op] as (c: number) => boolean;
    const type = l.type;
    return {
      type: "boolean",
      run: (f) => {
        const v = compareValues(l.run(f), r.run(f), type);
        return v === INVALID ? INVALID : test(v);
      },
    };
  }
  expectType(e.left, l, "number", `「${op}」左边`);
  expectType(e.right, r, "number", `「${op}」右边`);
  const fn = ARITH[op as "+" | "-" | "*" | "/"];
  return { type: "number", run: (f) => fn(l.run(f), r.run(f)) };
}

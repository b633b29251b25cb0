import { ageAt, checkIdCard } from "../checks/idcard";
import * as D from "../decimal";
import type { Expr } from "./ast";
import { CompileError, expectType, type Compiler, type Typed } from "./context";
import { ARITH, compareValues, num } from "./operators";
import { compilePrev } from "./prev";
import { compileAggregate, compileRef } from "./references";
import type { Run } from "./scope";
import { INVALID, TYPE_NAMES, type Value } from "./value";

/**
 * The functions of the rule language: count/sum over a roster (references.ts),
 * sum/min/max/abs/round of numbers, if, isblank, age/gender of a 身份证号, and
 * prev() of last round's approved value (prev.ts).
 */

const NUMERIC_FUNCTIONS = new Set(["sum", "min", "max", "abs", "round"]);

export function compileCall(c: Compiler, e: Extract<Expr, { kind: "call" }>): Typed {
  const name = e.name;
  const args = e.args;
  const arity = (min: number, max: number) => {
    if (args.length < min || args.length > max) {
      const want = min === max ? `${min}` : max === Infinity ? `至少 ${min}` : `${min} 或 ${max}`;
      throw new CompileError(e.pos, `${name}() 需要 ${want} 个参数`);
    }
  };
  if (name === "count") return compileAggregate(c, e, "count");
  // sum(roster.amount …) always aggregates; a row's own value is written bare.
  if (name === "sum" && args[0]?.kind === "ref" && c.scope.roster(args[0].path[0] as string)) {
    return compileAggregate(c, e, "sum");
  }
  if (NUMERIC_FUNCTIONS.has(name)) {
    arity(1, name === "abs" ? 1 : name === "round" ? 2 : Infinity);
    return name === "round" ? round(c, args) : numeric(c, name, args);
  }
  switch (name) {
    case "if": {
      arity(3, 3);
      const [cond, a, b] = args.map((x) => c.compile(x)) as [Typed, Typed, Typed];
      expectType(args[0] as Expr, cond, "boolean", "if() 的条件");
      if (a.type !== b.type) {
        throw new CompileError(e.pos, `if() 两个分支的类型应一致：${TYPE_NAMES[a.type]} 与 ${TYPE_NAMES[b.type]}`);
      }
      return {
        type: a.type,
        run: (f) => {
          const v = cond.run(f);
          return v === INVALID ? INVALID : v === true ? a.run(f) : b.run(f);
        },
      };
    }
    case "prev":
      return compilePrev(c, e, "unknown");
    case "isblank": {
      arity(1, 1);
      const arg = args[0] as Expr;
      const isPrev = arg.kind === "call" && arg.name === "prev";
      if (arg.kind !== "ref" && !isPrev) throw new CompileError(arg.pos, "isblank() 的参数应为字段或 prev(字段)");
      const r = isPrev ? compilePrev(c, arg, "blank") : compileRef(c, arg as Extract<Expr, { kind: "ref" }>);
      return {
        type: "boolean",
        run: (f) => {
          const v = r.run(f);
          return v === INVALID ? INVALID : v === null || v === "";
        },
      };
    }
    case "age":
    case "gender": {
      arity(1, 1);
      const x = c.compile(args[0] as Expr);
      expectType(args[0] as Expr, x, "string", `${name}() 的参数`);
      const isAge = name === "age";
      return {
        type: isAge ? "number" : "string",
        run: (f) => {
          const v = x.run(f);
          if (typeof v !== "string") return INVALID;
          // The reference date bounds the birth date and spares a clock read per row.
          const id = checkIdCard(v, f.referenceDate);
          if (!id.ok) return INVALID;
          return isAge ? D.fromInteger(ageAt(id.birthDate, f.referenceDate)) : id.gender;
        },
      };
    }
    default:
      throw new CompileError(e.pos, `未知函数 ${name}()`);
  }
}

/** round(x[, digits]): digits a literal 0–6, half away from zero. */
function round(c: Compiler, args: Expr[]): Typed {
  const x = c.compile(args[0] as Expr);
  expectType(args[0] as Expr, x, "number", "round() 的第一个参数");
  const digitsExpr = args[1];
  const digits = digitsExpr?.kind === "number" ? Number(digitsExpr.text) : 0;
  if (digitsExpr && (digitsExpr.kind !== "number" || !Number.isInteger(digits) || digits > 6)) {
    throw new CompileError(digitsExpr.pos, "round() 的小数位数应为 0 到 6 的整数");
  }
  return {
    type: "number",
    run: (f) => {
      const v = num(x.run(f));
      return v === INVALID ? INVALID : D.round(v, digits);
    },
  };
}

/** sum, min and max of their arguments, and abs. */
function numeric(c: Compiler, name: string, args: Expr[]): Typed {
  const runs = args.map((a, i) => {
    const compiled = c.compile(a);
    expectType(a, compiled, "number", `${name}() 的第 ${i + 1} 个参数`);
    return compiled.run;
  });
  if (name === "abs") {
    const x = runs[0] as Run;
    return {
      type: "number",
      run: (f) => {
        const v = num(x(f));
        return v === INVALID ? INVALID : D.abs(v);
      },
    };
  }
  const pick =
    name === "sum"
      ? ARITH["+"]
      : (a: Value, b: Value): Value => {
          const order = compareValues(a, b, "number");
          if (order === INVALID) return INVALID;
          return (name === "min" ? order <= 0 : order >= 0) ? num(a) : num(b);
        };
  return {
    type: "number",
    run: (f) => {
      let acc: Value = num((runs[0] as Run)(f));
      for (let i = 1; i < runs.length && acc !== INVALID; i++) acc = pick(acc, (runs[i] as Run)(f));
      return acc;
    },
  };
}

import * as D from "../decimal";
import { ageAt, checkIdCard } from "../checks/idcard";
import { COMPARISON_OPS, type Expr, type ExprError } from "./ast";
import { parseExpression } from "./parser";
import { INVALID, TYPE_NAMES, type Value, type ValueType } from "./value";

/** What an expression reads at run time. Indexes are assigned by the template compiler. */
export interface Frame {
  /** Template-level cells (items, grid cells, header fields) by index. */
  cells: Value[];
  /** Roster rows by list index: row id → values by column index. */
  lists: Map<string, Value[]>[];
  /** The current roster row (row rules and aggregate conditions). */
  row: Value[] | null;
  /** Date at which ages are computed, YYYY-MM-DD. */
  referenceDate: string;
}

export interface CellBinding {
  index: number;
  key: string;
  type: ValueType;
}

export interface ListBinding {
  index: number;
  key: string;
  columns: ReadonlyMap<string, { index: number; type: ValueType }>;
}

/** Names an expression may use; provided by the template compiler. */
export interface Scope {
  cell(path: readonly string[]): CellBinding | undefined;
  list(name: string): ListBinding | undefined;
  /** In a roster's row rules: bare column keys mean this list's current row. */
  rowList?: ListBinding;
}

type Run = (f: Frame) => Value;

export interface CompiledExpr {
  type: ValueType;
  run: Run;
  /** For a top-level comparison: its two sides, for {left} {right} {diff}. */
  left?: Run;
  right?: Run;
  /** Template cells read, in order of first appearance. */
  cells: number[];
  /** Current-row columns read, in order of first appearance. */
  rowColumns: number[];
  /** Lists aggregated over. */
  lists: number[];
  /** Readers for {ref} interpolation, keyed by the reference as written. */
  names: Map<string, Run>;
}

class CompileError extends Error {
  constructor(readonly pos: number, message: string) {
    super(message);
  }
}

const NUMERIC_FUNCTIONS = new Set(["sum", "min", "max", "abs", "round"]);

function num(v: Value): D.Decimal | typeof INVALID {
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

const ARITH: Record<"+" | "-" | "*" | "/", (a: Value, b: Value) => Value> = {
  "+": arith(D.add),
  "-": arith(D.sub),
  "*": arith(D.mul),
  "/": arith(D.div),
};

function compareValues(a: Value, b: Value, type: ValueType): number | typeof INVALID {
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

/**
 * Parses, type-checks and compiles an expression into closures over a Frame.
 * Compiling to closures (not `eval`) keeps evaluation close to hand-written speed.
 */
export function compileExpression(
  src: string,
  scope: Scope,
  want?: ValueType,
): { ok: true; compiled: CompiledExpr } | { ok: false; error: ExprError } {
  const parsed = parseExpression(src);
  if (!parsed.ok) return parsed;
  const cells: number[] = [];
  const rowColumns: number[] = [];
  const lists: number[] = [];
  const names = new Map<string, Run>();
  /** The list whose rows an aggregate condition is iterating. */
  let iterating: ListBinding | undefined;
  const rootExpr = parsed.expr;
  /** The two sides of a top-level comparison, for {left} {right} {diff}. */
  let sides: { left: Run; right: Run } | undefined;

  const note = (arr: number[], i: number) => {
    if (!arr.includes(i)) arr.push(i);
  };

  interface Typed {
    type: ValueType;
    run: Run;
  }

  function ref(e: Extract<Expr, { kind: "ref" }>): Typed {
    const { path } = e;
    const written = path.join(".");
    let typed: Typed | undefined;
    const rowColumn = (list: ListBinding, col: string): Typed | undefined => {
      const c = list.columns.get(col);
      if (!c) return undefined;
      if (list.key === scope.rowList?.key) note(rowColumns, c.index);
      const i = c.index;
      return { type: c.type, run: (f) => (f.row ? (f.row[i] ?? null) : INVALID) };
    };
    if (path.length === 1 && scope.rowList) typed = rowColumn(scope.rowList, path[0] as string);
    const list = typed ? undefined : scope.list(path[0] as string);
    if (!typed && list) {
      const current = list.key === iterating?.key || list.key === scope.rowList?.key;
      if (path.length !== 2) {
        throw new CompileError(e.pos, `名册 ${list.key} 只能用在 count() 中，或写成 ${list.key}.列名`);
      }
      typed = rowColumn(list, path[1] as string);
      if (!typed) throw new CompileError(e.pos, `未知字段 ${written}`);
      if (!current) {
        throw new CompileError(e.pos, `名册列 ${written} 只能用在 sum()/count() 中或本名册的行规则里`);
      }
    }
    if (!typed) {
      const cell = scope.cell(path);
      if (!cell) throw new CompileError(e.pos, `未知字段 ${written}`);
      note(cells, cell.index);
      const i = cell.index;
      typed = { type: cell.type, run: (f) => f.cells[i] ?? null };
    }
    names.set(written, typed.run);
    return typed;
  }

  function expectType(e: Expr, got: Typed, type: ValueType, what: string): void {
    if (got.type !== type) {
      throw new CompileError(e.pos, `${what}应为${TYPE_NAMES[type]}，实际是${TYPE_NAMES[got.type]}`);
    }
  }

  function listArg(e: Expr, fn: string, column: boolean): { list: ListBinding; col?: number } {
    const bad = column
      ? `${fn}() 的第一个参数应为名册列，例如 roster.amount`
      : `${fn}() 的第一个参数应为名册，例如 roster`;
    if (e.kind !== "ref") throw new CompileError(e.pos, bad);
    const list = scope.list(e.path[0] as string);
    if (!list) throw new CompileError(e.pos, scope.cell(e.path) ? bad : `未知字段 ${e.path.join(".")}`);
    if (!column) {
      if (e.path.length !== 1) throw new CompileError(e.pos, bad);
      return { list };
    }
    const c = e.path.length === 2 ? list.columns.get(e.path[1] as string) : undefined;
    if (!c) throw new CompileError(e.pos, e.path.length === 2 ? `未知字段 ${e.path.join(".")}` : bad);
    if (c.type !== "number") throw new CompileError(e.pos, `${fn}() 只能汇总数值列，${e.path.join(".")} 是${TYPE_NAMES[c.type]}`);
    return { list, col: c.index };
  }

  /** count(list[, cond]) and sum(list.col[, cond]) iterate the roster rows. */
  function aggregate(e: Extract<Expr, { kind: "call" }>, fn: "sum" | "count"): Typed {
    const [first, condExpr, ...extra] = e.args;
    if (!first || extra.length > 0) throw new CompileError(e.pos, `${fn}() 需要 1 或 2 个参数`);
    const { list, col } = listArg(first, fn, fn === "sum");
    note(lists, list.index);
    let cond: Run | undefined;
    if (condExpr) {
      const outer = iterating;
      iterating = list;
      const c = compile(condExpr);
      iterating = outer;
      expectType(condExpr, c, "boolean", `${fn}() 的条件`);
      cond = c.run;
    }
    const li = list.index;
    return {
      type: "number",
      run: (f) => {
        const rows = f.lists[li];
        if (!rows) return INVALID;
        const saved = f.row;
        let total: D.Decimal = D.ZERO;
        let n = 0;
        try {
          for (const row of rows.values()) {
            if (cond) {
              f.row = row;
              const ok = cond(f);
              if (ok === INVALID) return INVALID;
              if (ok !== true) continue;
            }
            if (col === undefined) {
              n++;
              continue;
            }
            const v = num(row[col] ?? null);
            if (v === INVALID) return INVALID;
            total = D.add(total, v);
          }
        } catch {
          return INVALID;
        } finally {
          f.row = saved;
        }
        return col === undefined ? D.fromInteger(n) : total;
      },
    };
  }

  function call(e: Extract<Expr, { kind: "call" }>): Typed {
    const name = e.name;
    const args = e.args;
    const arity = (min: number, max: number) => {
      if (args.length < min || args.length > max) {
        const want = min === max ? `${min}` : max === Infinity ? `至少 ${min}` : `${min} 或 ${max}`;
        throw new CompileError(e.pos, `${name}() 需要 ${want} 个参数`);
      }
    };
    if (name === "count") return aggregate(e, "count");
    // sum(roster.amount …) always aggregates; a row's own value is written bare.
    if (name === "sum" && args[0]?.kind === "ref" && scope.list(args[0].path[0] as string)) {
      return aggregate(e, "sum");
    }
    if (NUMERIC_FUNCTIONS.has(name)) {
      arity(1, name === "abs" ? 1 : name === "round" ? 2 : Infinity);
      if (name === "round") {
        const x = compile(args[0] as Expr);
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
      const runs = args.map((a, i) => {
        const c = compile(a);
        expectType(a, c, "number", `${name}() 的第 ${i + 1} 个参数`);
        return c.run;
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
              const c = compareValues(a, b, "number");
              if (c === INVALID) return INVALID;
              return (name === "min" ? c <= 0 : c >= 0) ? num(a) : num(b);
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
    switch (name) {
      case "if": {
        arity(3, 3);
        const [c, a, b] = args.map(compile) as [Typed, Typed, Typed];
        expectType(args[0] as Expr, c, "boolean", "if() 的条件");
        if (a.type !== b.type) {
          throw new CompileError(e.pos, `if() 两个分支的类型应一致：${TYPE_NAMES[a.type]} 与 ${TYPE_NAMES[b.type]}`);
        }
        return {
          type: a.type,
          run: (f) => {
            const v = c.run(f);
            return v === INVALID ? INVALID : v === true ? a.run(f) : b.run(f);
          },
        };
      }
      case "isblank": {
        arity(1, 1);
        const arg = args[0] as Expr;
        if (arg.kind !== "ref") throw new CompileError(arg.pos, "isblank() 的参数应为字段");
        const r = ref(arg);
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
        const x = compile(args[0] as Expr);
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

  function binary(e: Extract<Expr, { kind: "binary" }>): Typed {
    const l = compile(e.left);
    const r = compile(e.right);
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
      if (e === rootExpr) sides = { left: l.run, right: r.run };
      const test = COMPARE[op] as (c: number) => boolean;
      const type = l.type;
      return {
        type: "boolean",
        run: (f) => {
          const c = compareValues(l.run(f), r.run(f), type);
          return c === INVALID ? INVALID : test(c);
        },
      };
    }
    expectType(e.left, l, "number", `「${op}」左边`);
    expectType(e.right, r, "number", `「${op}」右边`);
    const fn = ARITH[op as "+" | "-" | "*" | "/"];
    return { type: "number", run: (f) => fn(l.run(f), r.run(f)) };
  }

  function compile(e: Expr): Typed {
    switch (e.kind) {
      case "number": {
        const d = D.parseDecimal(e.text);
        if (!d) throw new CompileError(e.pos, `数值 ${e.text} 位数过多`);
        return { type: "number", run: () => d };
      }
      case "string": {
        const v = e.value;
        return { type: "string", run: () => v };
      }
      case "boolean": {
        const v = e.value;
        return { type: "boolean", run: () => v };
      }
      case "ref":
        return ref(e);
      case "call":
        return call(e);
      case "unary": {
        const x = compile(e.operand);
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
      case "binary":
        return binary(e);
    }
  }

  try {
    const top = compile(rootExpr);
    if (want && top.type !== want) {
      throw new CompileError(rootExpr.pos, `表达式的结果应为${TYPE_NAMES[want]}，实际是${TYPE_NAMES[top.type]}`);
    }
    return { ok: true, compiled: { ...top, ...sides, cells, rowColumns, lists, names } };
  } catch (e) {
    if (e instanceof CompileError) return { ok: false, error: { pos: e.pos, message: e.message } };
    throw e;
  }
}

import * as D from "../decimal";
import type { Expr } from "./ast";
import { CompileError, expectType, note, type Compiler, type Typed } from "./context";
import { num } from "./operators";
import type { RosterBinding, Run } from "./scope";
import { INVALID, TYPE_NAMES } from "./value";

/**
 * References and roster aggregates: a name is a template cell (`funds.total`),
 * a column of the current roster row (in row rules and aggregate conditions),
 * or — only inside count()/sum() — a roster or one of its columns.
 */

export function compileRef(c: Compiler, e: Extract<Expr, { kind: "ref" }>): Typed {
  const { scope } = c;
  const { path } = e;
  const written = path.join(".");
  let typed: Typed | undefined;
  const rowColumn = (roster: RosterBinding, col: string): Typed | undefined => {
    const column = roster.columns.get(col);
    if (!column) return undefined;
    if (roster.key === scope.rowRoster?.key) note(c.rowColumns, column.index);
    const i = column.index;
    return { type: column.type, run: (f) => (f.row ? (f.row[i] ?? null) : INVALID) };
  };
  if (path.length === 1 && scope.rowRoster) typed = rowColumn(scope.rowRoster, path[0] as string);
  const roster = typed ? undefined : scope.roster(path[0] as string);
  if (!typed && roster) {
    const current = roster.key === c.iterating?.key || roster.key === scope.rowRoster?.key;
    if (path.length !== 2) {
      throw new CompileError(e.pos, `名册 ${roster.key} 只能用在 count() 中，或写成 ${roster.key}.列名`);
    }
    typed = rowColumn(roster, path[1] as string);
    if (!typed) throw new CompileError(e.pos, `未知字段 ${written}`);
    if (!current) {
      throw new CompileError(e.pos, `名册列 ${written} 只能用在 sum()/count() 中或本名册的行规则里`);
    }
  }
  if (!typed) {
    const cell = scope.cell(path);
    if (!cell) throw new CompileError(e.pos, `未知字段 ${written}`);
    note(c.cells, cell.index);
    const i = cell.index;
    typed = { type: cell.type, run: (f) => f.cells[i] ?? null };
  }
  c.names.set(written, typed.run);
  return typed;
}

function rosterArg(c: Compiler, e: Expr, fn: string, column: boolean): { roster: RosterBinding; col?: number } {
  const bad = column
    ? `${fn}() 的第一个参数应为名册列，例如 roster.amount`
    : `${fn}() 的第一个参数应为名册，例如 roster`;
  if (e.kind !== "ref") throw new CompileError(e.pos, bad);
  const roster = c.scope.roster(e.path[0] as string);
  if (!roster) throw new CompileError(e.pos, c.scope.cell(e.path) ? bad : `未知字段 ${e.path.join(".")}`);
  if (!column) {
    if (e.path.length !== 1) throw new CompileError(e.pos, bad);
    return { roster };
  }
  const col = e.path.length === 2 ? roster.columns.get(e.path[1] as string) : undefined;
  if (!col) throw new CompileError(e.pos, e.path.length === 2 ? `未知字段 ${e.path.join(".")}` : bad);
  if (col.type !== "number")
    throw new CompileError(e.pos, `${fn}() 只能汇总数值列，${e.path.join(".")} 是${TYPE_NAMES[col.type]}`);
  return { roster, col: col.index };
}

/** count(roster[, cond]) and sum(roster.col[, cond]) iterate the roster rows. */
export function compileAggregate(c: Compiler, e: Extract<Expr, { kind: "call" }>, fn: "sum" | "count"): Typed {
  const [first, condExpr, ...extra] = e.args;
  if (!first || extra.length > 0) throw new CompileError(e.pos, `${fn}() 需要 1 或 2 个参数`);
  const { roster, col } = rosterArg(c, first, fn, fn === "sum");
  note(c.rosters, roster.index);
  let cond: Run | undefined;
  if (condExpr) {
    const outer = c.iterating;
    c.iterating = roster;
    const compiled = c.compile(condExpr);
    c.iterating = outer;
    expectType(condExpr, compiled, "boolean", `${fn}() 的条件`);
    cond = compiled.run;
  }
  const li = roster.index;
  return {
    type: "number",
    run: (f) => {
      const rows = f.rosters[li];
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

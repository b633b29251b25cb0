import type { Expr } from "./ast";
import { CompileError, note, type Compiler, type Typed } from "./context";
import { INVALID } from "./value";

/**
 * `prev(x)`: the unit's approved value of item or grid cell `x` in the previous
 * round of the same form (schemas/previous.ts maps renamed and merged keys).
 *
 * Blank semantics. A previous value may be missing: the form's first round, a
 * unit whose report last round was not approved, a cell left blank then, or a
 * key the old version did not have. `isblank(prev(x))` is then true. Anywhere
 * else a missing previous value is *not known* rather than 0: arithmetic and
 * comparisons on it cannot be decided (INVALID, as for an unreadable cell), so
 * a rule such as `raised <= prev(raised) * 1.5` never fires without last year's
 * number — treating it as 0 would make every growth rule fire on a form's first
 * round. `and`, `or` and `if()` decide around it as around any undecided value;
 * `if(isblank(prev(x)), 0, prev(x))` reads it as 0 where that is meant.
 */
export function compilePrev(c: Compiler, e: Extract<Expr, { kind: "call" }>, blankAs: "unknown" | "blank"): Typed {
  const { scope } = c;
  if (e.args.length !== 1) throw new CompileError(e.pos, "prev() 需要 1 个参数");
  if (!scope.previous) throw new CompileError(e.pos, "prev() 只能用在规则中：计算项不能读取上一轮的数值");
  const arg = e.args[0] as Expr;
  const notCell = "prev() 的参数应为表内的项目或表格单元格，例如 prev(raised)";
  if (arg.kind !== "ref") throw new CompileError(arg.pos, notCell);
  const written = arg.path.join(".");
  const first = arg.path[0] as string;
  if ((arg.path.length === 1 && scope.rowRoster?.columns.has(first)) || scope.roster(first)) {
    throw new CompileError(arg.pos, `prev() 只能读取项目或表格单元格上一轮的数值，不能用于名册（${written}）`);
  }
  const cell = scope.previous(arg.path);
  if (!cell) {
    if (scope.cell(arg.path)) throw new CompileError(arg.pos, `prev() 只能读取项目或表格单元格，${written} 不是`);
    throw new CompileError(arg.pos, `未知字段 ${written}`);
  }
  note(c.previous, cell.index);
  const i = cell.index;
  const read = (f: Parameters<Typed["run"]>[0]) => f.previous?.[i] ?? null;
  // {prev(x)} in a message shows last round's value, 空 when there is none.
  c.names.set(`prev(${written})`, read);
  if (blankAs === "blank") return { type: cell.type, run: read };
  return {
    type: cell.type,
    run: (f) => {
      const v = read(f);
      return v === null ? INVALID : v;
    },
  };
}

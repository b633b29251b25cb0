/**
 * Computed items (`calc`) as Excel formulas, where one computes exactly what
 * the engine computes: the rows of a roster, or the sum of one of its columns,
 * over the rows whose columns equal given texts —
 *
 *   count(students)                          =COUNTIF(T[序号],">0")
 *   count(students, students.source = "x")   =COUNTIFS(T[资金来源],"=x")
 *   sum(students.amount, …)                  =ROUND(SUMIFS(T[助学金额],T[资金来源],"=x"),2)
 *
 * References are structured (the roster's table and a column's header), so
 * they cover every row the table grows by without being rewritten. Anything
 * else (arithmetic, other comparisons, or, not) has no formula: the add-in
 * writes the engine's value instead.
 */
import type { Expr } from "../../expr/ast";
import { parseExpression } from "../../expr/parser";
import type { CalcFormula, RosterLayout } from "./layout-types";
import { SERIAL_HEADER } from "./serial";

/** The formula of `source` over `rosters`, or undefined when none computes the same. */
export function compileCalcFormula(
  source: string,
  rosters: readonly RosterLayout[],
  scale: number,
): CalcFormula | undefined {
  const parsed = parseExpression(source);
  if (!parsed.ok) return undefined;
  const e = parsed.expr;
  if (e.kind !== "call" || (e.name !== "count" && e.name !== "sum") || e.args.length < 1 || e.args.length > 2) {
    return undefined;
  }
  const [first, cond] = e.args as [Expr, Expr | undefined];
  if (first.kind !== "ref") return undefined;
  const roster = rosters.find((l) => l.key === first.path[0]);
  if (!roster) return undefined;
  const kind = e.name;
  const summed = kind === "sum" ? columnOf(roster, first.path) : undefined;
  if (kind === "sum" ? !summed : first.path.length !== 1) return undefined;
  const where = cond ? criteria(cond, roster) : [];
  if (!where) return undefined;

  const t = roster.tableName;
  const ref = (label: string) => structuredRef(t, label);
  const label = (key: string) => roster.columns.find((c) => c.key === key)?.label as string;
  const pairs = where.map((w) => `${ref(label(w.column))},${criterion(w.equals)}`).join(",");
  let excel: string;
  if (kind === "count") {
    // Filled rows are those with a 序号 (serial.ts): the same rows the engine counts.
    excel = where.length === 0 ? `=COUNTIF(${ref(SERIAL_HEADER)},">0")` : `=COUNTIFS(${pairs})`;
  } else {
    const column = ref(summed?.label as string);
    // Cells hold binary doubles: rounding to the item's scale gives the engine's exact sum.
    excel = where.length === 0 ? `=ROUND(SUM(${column}),${scale})` : `=ROUND(SUMIFS(${column},${pairs}),${scale})`;
  }
  return { kind, roster: roster.key, ...(summed ? { column: summed.key } : {}), where, scale, excel };
}

function columnOf(roster: RosterLayout, path: readonly string[]) {
  return path.length === 2 ? roster.columns.find((c) => c.key === path[1]) : undefined;
}

/**
 * `a = "x" and b = "y"` as criteria. Declined: an empty text (COUNTIFS would
 * match the blank cells of rows the engine does not have), and text with
 * letters in a column that is not a dropdown (COUNTIFS ignores case, the
 * engine does not).
 */
function criteria(e: Expr, roster: RosterLayout): CalcFormula["where"] | undefined {
  if (e.kind === "binary" && e.op === "and") {
    const left = criteria(e.left, roster);
    const right = criteria(e.right, roster);
    return left && right ? [...left, ...right] : undefined;
  }
  if (e.kind !== "binary" || e.op !== "=") return undefined;
  const [ref, text] = e.left.kind === "ref" ? [e.left, e.right] : [e.right, e.left];
  if (ref.kind !== "ref" || text.kind !== "string" || ref.path[0] !== roster.key) return undefined;
  const column = columnOf(roster, ref.path);
  if (!column || text.value === "") return undefined;
  if (column.valueType !== "enum" && text.value.toLowerCase() !== text.value.toUpperCase()) return undefined;
  return [{ column: column.key, equals: text.value }];
}

/** `"=text"`: equal to the text, with COUNTIFS's wildcards (* ? ~) taken literally and quotes doubled. */
export function criterion(text: string): string {
  return `"=${text.replace(/[*?~]/g, "~$&").replace(/"/g, '""')}"`;
}

/** Characters that make Excel want a column name in double brackets; [ ] # ' are also escaped with '. */
const SPECIAL = /[\s,:.[\]#'"{}$^&*+=\-<>/]/;

/** `T[序号]`, or `T[[金额'[元']]]` for a header Excel needs escaped. */
export function structuredRef(table: string, header: string): string {
  if (!SPECIAL.test(header)) return `${table}[${header}]`;
  return `${table}[[${header.replace(/['[\]#]/g, "'$&")}]]`;
}

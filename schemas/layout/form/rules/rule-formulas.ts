/**
 * One rule as the formulas of its line: the state (1 holds, 0 broken, 0.5
 * cannot be decided: formula.ts), the cells of its two sides when the message
 * shows {left} {right} {diff}, and the message (message-formula.ts).
 */
import { COMPARISON_OPS, type Expr } from "../../../expr/ast";
import { parseExpression } from "../../../expr/parser";
import { compileCondition, compileNode } from "./formula";
import { exact, NotCompiled, REL, rounded, type FormulaEnv, type Operand } from "./operand";
import { messageFormula, type Shown } from "./message-formula";

/** Excel's limit on a formula is 8,192 characters; stay clear of it. */
const FORMULA_MAX = 8000;

export interface SideCells {
  left: string;
  right: string;
  diff: string;
}

/** What a message placeholder shows: a name the rule reads; in a row rule, any column of the row. */
export interface ShownNames {
  name(name: string): Shown;
  column?(name: string): Shown | undefined;
}

export interface RuleFormulas {
  state: string;
  /** Formulas for the side cells, when the message shows them. */
  sides?: { left: string; right: string; diff?: string };
  message: string;
  /** Names the expression reads, as written. */
  names: string[];
}

export function ruleFormulas(
  source: string,
  message: string,
  env: FormulaEnv,
  shown: ShownNames,
  sideCells: () => SideCells,
): RuleFormulas {
  const parsed = parseExpression(source);
  if (!parsed.ok) throw new NotCompiled("规则无法解析");
  const root = parsed.expr;
  const names = refsOf(root);
  const state = compileCondition(root, env).f;
  const usesSides = /\{(left|right|diff)\}/.test(message);
  let sides: RuleFormulas["sides"];
  let shownSides: { left: Shown; right: Shown; diff?: Shown } | undefined;
  if (root.kind === "binary" && COMPARISON_OPS.has(root.op) && usesSides) {
    const cells = sideCells();
    const l = compileNode(root.left, env);
    const r = compileNode(root.right, env);
    sides = { left: sideFormula(l), right: sideFormula(r) };
    shownSides = { left: { cell: cells.left, scale: scaleOf(l) }, right: { cell: cells.right, scale: scaleOf(r) } };
    if (l.type === "number" && r.type === "number") {
      const scale = Math.max(l.scale, r.scale);
      exact({ err: (l.bound + r.bound) * 2 * REL, scale });
      const v = (c: string) => `IF(${c}="",0,${c})`;
      sides.diff = `ROUND(ABS(${v(cells.left)}-${v(cells.right)}),${scale})`;
      shownSides.diff = { cell: cells.diff, scale };
    }
  }
  const text = messageFormula(message, {
    sides: shownSides,
    name: (name) => (names.includes(name) ? shown.name(name) : shown.column?.(name)),
  });
  const formulas = [state, text, sides?.left ?? "", sides?.right ?? "", sides?.diff ?? ""];
  if (formulas.some((f) => f.length > FORMULA_MAX)) throw new NotCompiled("写成表格公式过长");
  return { state, sides, message: text, names };
}

/** A side as the engine holds it: blank stays blank (空 in the message), a number its exact decimal. */
function sideFormula(op: Operand): string {
  if (op.type === "boolean") throw new NotCompiled("比较的两边是条件");
  if (op.type === "string") return op.f;
  if (op.division) throw new NotCompiled("提示中的 {left}/{right} 是除法的结果，表格写不出系统保留十位小数的商");
  return op.nullable ? `IF(${op.f}="","",${rounded(op)})` : rounded(op);
}

function scaleOf(op: Operand): number | undefined {
  return op.type === "number" ? op.scale : undefined;
}

/** Every name written in the expression (the engine's `names`, expr/references.ts). */
function refsOf(e: Expr, out: string[] = []): string[] {
  switch (e.kind) {
    case "ref": {
      const written = e.path.join(".");
      if (!out.includes(written)) out.push(written);
      break;
    }
    case "unary":
      refsOf(e.operand, out);
      break;
    case "binary":
      refsOf(e.left, out);
      refsOf(e.right, out);
      break;
    case "call":
      for (const a of e.args) refsOf(a, out);
      break;
    default:
      break;
  }
  return out;
}

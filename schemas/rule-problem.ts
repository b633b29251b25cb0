import type { CompiledRule, CompiledTemplate, RosterInfo } from "./compile";
import type { Frame } from "./expr/compile";
import { interpolate } from "./expr/message";
import type { Value } from "./expr/value";
import type { Problem } from "./problem";

/** The row a row rule is checked on. */
export interface RowAt {
  rowId: string;
  row: Value[];
  roster: RosterInfo;
}

/**
 * One rule on the frame's values (`at`: on one roster row): the problem it
 * raises, or undefined while it holds or cannot be decided. The problem marks
 * the row's cells first, then the template cells the rule reads, then those
 * whose previous value it reads (prev()).
 */
export function ruleProblem(
  compiled: CompiledTemplate,
  f: Frame,
  rule: CompiledRule,
  at: RowAt | null,
): Problem | undefined {
  f.row = at ? at.row : null;
  try {
    if (rule.expr.run(f) !== false) return undefined;
    const cells = rule.expr.cells.map((i) => compiled.cells[i]?.key as string);
    // A rule on last round's value of a cell points at that cell as well.
    for (const i of rule.expr.previous) {
      const key = compiled.cells[i]?.key as string;
      if (!cells.includes(key)) cells.push(key);
    }
    if (at) {
      const rowCells = rule.expr.rowColumns.map((c) => `${at.roster.key}.${at.rowId}.${at.roster.columns[c]?.key}`);
      cells.unshift(...rowCells);
    }
    const p: Problem = {
      id: at ? `${rule.id}@${at.rowId}` : rule.id,
      ruleId: rule.id,
      severity: rule.severity,
      cells,
      message: render(f, rule, at),
    };
    if (at) p.row = at.rowId;
    return p;
  } finally {
    f.row = null;
  }
}

/** The rule's message with its placeholders filled (expr/message.ts); in a row rule any column of the row may be named. */
function render(f: Frame, rule: CompiledRule, at: RowAt | null): string {
  if (!at) return interpolate(rule.message, rule.expr, f);
  return interpolate(rule.message, rule.expr, f, (name) => {
    const column = at.roster.columnByKey.get(name);
    return column ? (at.row[column.index] ?? null) : undefined;
  });
}

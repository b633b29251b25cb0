import type { Consolidation } from "../../schemas/api/consolidation";
import { compileTemplate, type CompiledTemplate } from "../../schemas/compile";
import type { Section, Template } from "../../schemas/template";
import { compiledOf } from "../../schemas/cells";
import { Validator } from "../../schemas/validate";

/**
 * The template as it applies to sums: bounds and required-ness are about one
 * unit's entry (a total of 30 units may exceed one unit's maximum), so they are
 * dropped; rules stay as written. A computed item that counts or sums a roster
 * is a plain item here: the totals have no rows, its sum over the units is its
 * total. A computed item over other items is computed again from their totals
 * (an average of the totals, not a sum of averages).
 */
const totalsTemplates = new WeakMap<Template, { compiled: CompiledTemplate; ruleIds: Set<string> }>();

function totalsTemplate(template: Template): { compiled: CompiledTemplate; ruleIds: Set<string> } {
  let hit = totalsTemplates.get(template);
  if (hit) return hit;
  const loosen = <T extends { min?: number; max?: number; required: boolean }>(f: T): T => ({
    ...f,
    min: undefined,
    max: undefined,
    required: false,
  });
  const overRows = new Set(
    compiledOf(template)
      .calcs.filter((c) => c.expr.rosters.length > 0)
      .map((c) => c.cell.key),
  );
  const sections: Section[] = template.sections.map((s) => {
    if (s.kind === "items") {
      return { ...s, items: s.items.map((i) => ({ ...loosen(i), calc: overRows.has(i.key) ? undefined : i.calc })) };
    }
    if (s.kind === "grid") return { ...s, rows: s.rows.map(loosen) };
    return s;
  });
  const result = compileTemplate({ ...template, header: template.header.map(loosen), sections });
  if (!result.ok) throw new Error(`totals template of ${template.id}: ${result.issues[0]?.message}`);
  // Rules that count or sum a roster cannot be judged on totals without every row.
  const ruleIds = new Set(result.compiled.rules.filter((r) => r.expr.rosters.length === 0).map((r) => r.id));
  hit = { compiled: result.compiled, ruleIds };
  totalsTemplates.set(template, hit);
  return hit;
}

/**
 * The totals with the computed items over other items computed from them, and
 * the template's rules re-run on those: breakdowns, grid totals and authored rules
 * (prev() reading the sum of the included units' last-round values).
 */
export function checkTotals(
  template: Template,
  summed: Record<string, string>,
  /** What prev() reads on the totals: the sums of the units' last-round values (reports/previous.ts). */
  previous?: Record<string, string>,
): { totals: Record<string, string>; problems: Consolidation["problems"] } {
  const { compiled, ruleIds } = totalsTemplate(template);
  const validator = new Validator(compiled, summed, { previous });
  const totals = { ...summed };
  for (const calc of compiled.calcs) {
    const value = validator.value(calc.cell.key);
    if (value === undefined) delete totals[calc.cell.key];
    else totals[calc.cell.key] = value;
  }
  const problems = validator
    .problems()
    .filter((p) => ruleIds.has(p.ruleId))
    .map((p) => ({ id: p.id, ruleId: p.ruleId, severity: p.severity, cells: p.cells, message: p.message }));
  return { totals, problems };
}

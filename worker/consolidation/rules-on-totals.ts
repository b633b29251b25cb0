import type { Consolidation } from "../../schemas/api/consolidation";
import { compileTemplate, type CompiledTemplate } from "../../schemas/compile";
import type { Section, Template } from "../../schemas/template";
import { validate } from "../../schemas/validate";

/**
 * The template as it applies to sums: bounds and required-ness are about one
 * unit's entry (a total of 30 units may exceed one unit's maximum), so they are
 * dropped; rules stay as written.
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
  const sections: Section[] = template.sections.map((s) => {
    if (s.kind === "items") return { ...s, items: s.items.map(loosen) };
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

/** The template's rules re-run on the totals: breakdowns, grid totals and authored rules. */
export function problemsOnTotals(template: Template, totals: Record<string, string>): Consolidation["problems"] {
  const { compiled, ruleIds } = totalsTemplate(template);
  return validate(compiled, totals)
    .filter((p) => ruleIds.has(p.ruleId))
    .map((p) => ({ id: p.id, ruleId: p.ruleId, severity: p.severity, cells: p.cells, message: p.message }));
}

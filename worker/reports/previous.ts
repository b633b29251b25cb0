import { compiledOf } from "../../schemas/cells";
import { readsPrevious } from "../../schemas/compile";
import { ExactSum } from "../../schemas/decimal";
import { mapPrevious } from "../../schemas/previous";
import type { ReportStatus } from "../../schemas/api/reports";
import type { CellValues, Template } from "../../schemas/template";
import { readPrevious, type PreviousCell } from "../db/previous";
import { loadTemplate } from "../db/templates";

/**
 * What prev() reads on the server: a unit's approved values of the previous
 * round of the same form (db/previous.ts says which round), mapped to the keys
 * of this round's template version through each later version's `previous`
 * (schemas/previous.ts). Loaded only for templates whose rules read prev().
 */

/**
 * The versions to map through, ascending: from the one a value was reported in
 * to `template`'s. A value reported in a later version than this one (an old
 * round reopened) is read by the same keys.
 */
export async function templateChain(
  db: D1Database,
  template: Template,
  from: number,
  versions: readonly number[],
): Promise<Template[]> {
  if (from === template.version) return [template];
  const load = async (version: number) => {
    const t = await loadTemplate(db, template.id, version);
    if (!t) throw new Error(`template ${template.id}@${version} is missing`);
    return t;
  };
  if (from > template.version) return [await load(from)];
  const between = versions.filter((v) => v >= from && v < template.version);
  return [...(await Promise.all(between.map(load))), template];
}

/** Last round's values per unit, mapped to `template`'s keys. */
async function mapped(
  db: D1Database,
  template: Template,
  read: { cells: PreviousCell[]; versions: number[] },
): Promise<Map<string, CellValues>> {
  const byUnit = new Map<string, { version: number; values: CellValues }>();
  for (const c of read.cells) {
    let u = byUnit.get(c.unit);
    if (!u) byUnit.set(c.unit, (u = { version: c.version, values: {} }));
    if (c.cell !== null && c.value !== null) u.values[c.cell] = c.value;
  }
  const chains = new Map<number, Promise<Template[]>>();
  const out = new Map<string, CellValues>();
  for (const [unit, u] of byUnit) {
    let chain = chains.get(u.version);
    if (!chain) chains.set(u.version, (chain = templateChain(db, template, u.version, read.versions)));
    out.set(unit, mapPrevious(await chain, u.values));
  }
  return out;
}

/**
 * A report's previous values, as its check takes them ({} when the unit has
 * none), or undefined when no rule of the template reads prev() (nothing read).
 */
export async function previousOf(
  db: D1Database,
  report: { template_id: string; due_date: string; unit: string },
  template: Template,
): Promise<CellValues | undefined> {
  if (!readsPrevious(compiledOf(template))) return undefined;
  const read = await readPrevious(db, {
    templateId: report.template_id,
    dueDate: report.due_date,
    units: { unit: report.unit },
  });
  return (await mapped(db, template, read)).get(report.unit) ?? {};
}

/**
 * For a consolidation: each included unit's previous values, and their exact
 * sums per cell — what prev() reads in the rules re-run on the totals. The sums
 * compare like with like: they are known only when every included unit has a
 * previous report (its blank cells add nothing, as in any sum); while one unit
 * has none (new, or not approved last round), last round's total of the same
 * units is not known and the totals' prev() is blank. Undefined when no rule reads prev().
 */
export async function previousOfSubtree(
  db: D1Database,
  a: { template: Template; round: string; dueDate: string; unitPath: string; statuses: readonly ReportStatus[] },
): Promise<{ byUnit: Map<string, CellValues>; totals: CellValues } | undefined> {
  const compiled = compiledOf(a.template);
  if (!readsPrevious(compiled)) return undefined;
  const read = await readPrevious(db, {
    templateId: a.template.id,
    dueDate: a.dueDate,
    units: { round: a.round, unitPath: a.unitPath, statuses: a.statuses },
  });
  const byUnit = await mapped(db, a.template, read);
  if (read.asked.some((unit) => !byUnit.has(unit))) return { byUnit, totals: {} };
  const sums = new Map<string, ExactSum>();
  for (const values of byUnit.values()) {
    for (const [cell, value] of Object.entries(values)) {
      let sum = sums.get(cell);
      if (!sum) {
        const spec = compiled.cellByKey.get(cell)?.spec;
        sum = new ExactSum(spec?.kind === "integer" || spec?.kind === "decimal" ? spec.scale : 0);
        sums.set(cell, sum);
      }
      sum.add(value);
    }
  }
  const totals: CellValues = {};
  for (const [cell, sum] of sums) if (sum.count > 0) totals[cell] = sum.text();
  return { byUnit, totals };
}

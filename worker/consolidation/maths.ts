import type { Consolidation, IncludeToken, UnitStatus } from "../../schemas/api/consolidation";
import { compiledOf } from "../../schemas/cells";
import { ExactSum, fromMillionths } from "../../schemas/decimal";
import { numericCells } from "../../schemas/layout/officer/matrix-sheet";
import type { Template } from "../../schemas/template";
import type { ConsolidationRows, SubtreeReport } from "../db/consolidation-reads";
import { completeness, unitStatus } from "./completeness";
import { rosterTotals } from "./rosters";
import { notesOf } from "./notes";
import { checkTotals } from "./rules-on-totals";

/**
 * Consolidation maths over the rows read by db/consolidation-reads.ts: exact sums of
 * canonical decimal text (never floating point) and the per-unit matrix here;
 * the completeness of the subtree (completeness.ts), the rosters (rosters.ts),
 * the template rules re-run on the totals (rules-on-totals.ts) and the
 * 上报说明 of every unit (notes.ts) beside it.
 */
export interface ConsolidationInput {
  template: Template;
  round: { id: string; period: string; dueDate: string };
  unit: { code: string; name: string };
  include: IncludeToken[];
  rows: ConsolidationRows;
  /** Whether the answer carries the per-unit matrix. */
  matrix: boolean;
  now: Date;
  /**
   * For rules that read prev() (reports/previous.ts): each included unit's last-round
   * values and their sums, what prev() reads on the totals. Absent: no rule reads prev().
   */
  previous?: { byUnit: ReadonlyMap<string, Record<string, string>>; totals: Record<string, string> } | undefined;
}

/**
 * The cells of the matrix, in form order: the rows of the officer's matrix
 * sheet (`numericCells`, the one definition), so `matrix.cells` and the sheet
 * drawn from it always agree. Header fields are text and rosters are not cells.
 */
export function matrixKeys(template: Template): string[] {
  return numericCells(template).map((r) => r.cell);
}

/** The consolidation, and every reporting unit of the subtree (the status sheet of an export). */
export function consolidate(input: ConsolidationInput): { body: Consolidation; units: UnitStatus[] } {
  const { template, rows, now } = input;
  const compiled = compiledOf(template);
  const statuses = new Set<string>(input.include);
  const byId = new Map<number, SubtreeReport>();
  for (const r of rows.reports) byId.set(r.id, r);

  const all = rows.reports.map((r) => unitStatus(r, input.round.dueDate, now));
  const included = rows.reports
    .map((r, i) => [r, all[i] as UnitStatus] as const)
    .filter(([r]) => statuses.has(r.status));

  const keys = matrixKeys(template);
  const totals: Record<string, string> = {};
  let matrix: string[][] | null = null;
  if (rows.sums) {
    // Summed inside D1 in millionths (db/consolidation-reads.ts).
    for (const r of rows.sums) if (r.n > 0 && r.m !== null) totals[r.cell] = fromMillionths(BigInt(r.m));
  } else {
    const m: string[][] = keys.map(() => new Array<string>(included.length).fill(""));
    const sums = keys.map((key) => {
      const spec = compiled.cellByKey.get(key)?.spec;
      return new ExactSum(spec?.kind === "integer" || spec?.kind === "decimal" ? spec.scale : 0);
    });
    included.forEach(([r], j) => {
      if (!r.v) return;
      const values = r.v.split(",");
      for (let i = 0; i < keys.length; i++) {
        const text = values[i];
        // Stored values are canonical; anything else is not a number to add.
        if (text && (sums[i] as ExactSum).add(text)) (m[i] as string[])[j] = text;
      }
    });
    keys.forEach((key, i) => {
      const sum = sums[i] as ExactSum;
      if (sum.count > 0) totals[key] = sum.text();
    });
    if (input.matrix) matrix = m;
  }

  const checked = checkTotals(template, totals, input.previous?.totals);
  const body: Consolidation = {
    round: input.round.id,
    template: { id: template.id, version: template.version, title: template.title },
    period: input.round.period,
    dueDate: input.round.dueDate,
    unit: input.unit,
    include: input.include,
    generatedAt: now.toISOString(),
    completeness: completeness(all, rows.statusCounts),
    totals: checked.totals,
    matrix: matrix && { units: included.map(([, s]) => s), cells: keys, rows: matrix },
    rosters: rosterTotals(compiled, rows, byId, input.include.includes("rows")),
    problems: checked.problems,
    notes: notesOf(template, rows, byId, statuses, input.previous?.byUnit),
  };
  return { body, units: all };
}

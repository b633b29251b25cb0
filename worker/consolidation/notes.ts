import type { ConsolidatedNote } from "../../schemas/api/consolidation";
import type { Problem } from "../../schemas/problem";
import type { Template } from "../../schemas/template";
import { validate } from "../../schemas/validate";
import type { ConsolidationRows, SubtreeReport } from "../db/consolidation-reads";

/**
 * Every 上报说明 of the included reports, with the warning it explains
 * recomputed on that unit's values (null when it no longer fires).
 */
export function notesOf(
  template: Template,
  rows: ConsolidationRows,
  byId: Map<number, SubtreeReport>,
  statuses: Set<string>,
  /** Each unit's last-round values, for rules that read prev() (reports/previous.ts). */
  previous?: ReadonlyMap<string, Record<string, string>>,
): ConsolidatedNote[] {
  const values = new Map<number, Record<string, string>>();
  for (const c of rows.noteCells) {
    let v = values.get(c.id);
    if (!v) values.set(c.id, (v = {}));
    v[c.cell] = c.value;
  }
  const out: ConsolidatedNote[] = [];
  for (const [id, r] of byId) {
    if (!statuses.has(r.status) || r.notes === "{}") continue;
    const notes = JSON.parse(r.notes) as Record<string, string>;
    const entries = Object.entries(notes);
    if (entries.length === 0) continue;
    const problems = new Map<string, Problem>();
    const last = previous ? (previous.get(r.unit) ?? {}) : undefined;
    for (const p of validate(template, values.get(id) ?? {}, last)) problems.set(p.id, p);
    for (const [problemId, text] of entries) {
      const p = problems.get(problemId);
      out.push({
        unit: r.unit,
        unitName: r.name,
        status: r.status,
        problemId,
        text,
        message: p?.message ?? null,
        severity: p?.severity ?? null,
      });
    }
  }
  return out;
}

import type {
  Completeness,
  Consolidation,
  ConsolidatedNote,
  IncludeToken,
  ListTotals,
  UnitStatus,
} from "../../schemas/api/consolidation";
import type { ReportStatus } from "../../schemas/api/reports";
import { compiledOf } from "../../schemas/cells";
import { compileTemplate, type CompiledTemplate } from "../../schemas/compile";
import { ExactSum, fromMillionths } from "../../schemas/decimal";
import type { Problem } from "../../schemas/problem";
import { compareRowIds } from "../../schemas/rows";
import type { Section, Template } from "../../schemas/template";
import { isLate } from "../../schemas/time";
import { validate } from "../../schemas/validate";
import type { ConsolidationRows, SubtreeReport } from "../db/consolidation-reads";

/**
 * Consolidation maths over the rows read by db/consolidation-reads.ts: exact sums of
 * canonical decimal text (never floating point), the per-unit matrix, the
 * completeness of the subtree, the template rules re-run on the totals and the
 * 上报说明 of every unit.
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
}

/** The consolidation, and every reporting unit of the subtree (the status sheet of an export). */
export function consolidate(input: ConsolidationInput): { body: Consolidation; units: UnitStatus[] } {
  const { template, rows, now } = input;
  const compiled = compiledOf(template);
  const statuses = new Set<string>(input.include);
  const byId = new Map<number, SubtreeReport>();
  for (const r of rows.reports) byId.set(r.id, r);

  const all = rows.reports.map((r) => unitStatus(r, input.round.dueDate, now));
  const included = rows.reports.map((r, i) => [r, all[i] as UnitStatus] as const).filter(([r]) => statuses.has(r.status));

  // Matrix rows are the numeric template cells in form order (see matrixCells).
  const numeric = matrixCells(compiled);
  const totals: Record<string, string> = {};
  let matrix: string[][] | null = null;
  if (rows.sums) {
    // Summed inside D1 in millionths (db/consolidation-reads.ts).
    for (const r of rows.sums) if (r.n > 0 && r.m !== null) totals[r.cell] = fromMillionths(BigInt(r.m));
  } else {
    const m: string[][] = numeric.map(() => new Array<string>(included.length).fill(""));
    const sums = numeric.map((c) => new ExactSum(c.spec.kind === "integer" || c.spec.kind === "decimal" ? c.spec.scale : 0));
    included.forEach(([r], j) => {
      if (!r.v) return;
      const values = r.v.split(",");
      for (let i = 0; i < numeric.length; i++) {
        const text = values[i];
        // Stored values are canonical; anything else is not a number to add.
        if (text && (sums[i] as ExactSum).add(text)) (m[i] as string[])[j] = text;
      }
    });
    numeric.forEach((c, i) => {
      const sum = sums[i] as ExactSum;
      if (sum.count > 0) totals[c.key] = sum.text();
    });
    if (input.matrix) matrix = m;
  }

  const body: Consolidation = {
    round: input.round.id,
    template: { id: template.id, version: template.version, title: template.title },
    period: input.round.period,
    dueDate: input.round.dueDate,
    unit: input.unit,
    include: input.include,
    generatedAt: now.toISOString(),
    completeness: completeness(all, rows.statusCounts),
    totals,
    matrix: matrix && { units: included.map(([, s]) => s), cells: numeric.map((c) => c.key), rows: matrix },
    lists: listTotals(compiled, rows, byId, input.include.includes("rows")),
    problems: problemsOnTotals(template, totals),
    notes: notesOf(template, rows, byId, statuses),
  };
  return { body, units: all };
}

/** The cells of the matrix, in form order: items and grid cells (header fields are text). */
export function matrixCells(compiled: CompiledTemplate): CompiledTemplate["cells"] {
  return compiled.cells.filter((c) => c.kind !== "header");
}

function unitStatus(r: SubtreeReport, dueDate: string, now: Date): UnitStatus {
  const handedIn = r.status === "submitted" || r.status === "approved";
  return {
    code: r.unit,
    name: r.name,
    status: r.status,
    late: handedIn ? r.late === 1 : isLate(dueDate, now),
    submittedAt: r.submitted_at,
    errors: r.errors,
    warnings: r.warnings,
    unexplained: r.unexplained,
  };
}

/**
 * `listed` are every unit of the subtree, or (with `counts`) at least every
 * unit not handed in or late: the lists are complete either way.
 */
function completeness(listed: UnitStatus[], counts: ConsolidationRows["statusCounts"]): Completeness {
  const byStatus: Record<ReportStatus, number> = { draft: 0, submitted: 0, returned: 0, approved: 0 };
  if (counts) for (const c of counts) byStatus[c.status] = c.n;
  else for (const u of listed) byStatus[u.status]++;
  const lateUnits = listed.filter((u) => u.late);
  return {
    expected: byStatus.draft + byStatus.submitted + byStatus.returned + byStatus.approved,
    reported: byStatus.submitted + byStatus.approved,
    byStatus,
    late: lateUnits.length,
    lateUnits,
    missing: listed.filter((u) => u.status === "draft" || u.status === "returned"),
  };
}

function listTotals(
  compiled: CompiledTemplate,
  rows: ConsolidationRows,
  byId: Map<number, SubtreeReport>,
  withRows: boolean,
): ListTotals[] {
  return compiled.lists.map((list) => {
    const scales = new Map(
      list.columns.filter((c) => c.type === "number").map((c) => [c.key, c.spec.kind === "money" || c.spec.kind === "integer" ? c.spec.scale : 0]),
    );
    const perUnit = new Map<number, { rows: number; sums: Map<string, ExactSum> }>();
    const entry = (id: number) => {
      let e = perUnit.get(id);
      if (!e) perUnit.set(id, (e = { rows: 0, sums: new Map() }));
      return e;
    };
    for (const r of rows.rosterRows) if (r.list === list.key) entry(r.id).rows = r.n;
    for (const r of rows.rosterColumns) {
      const scale = scales.get(r.col);
      if (r.list !== list.key || scale === undefined) continue;
      const e = entry(r.id);
      let sum = e.sums.get(r.col);
      if (!sum) e.sums.set(r.col, (sum = new ExactSum(scale)));
      for (const text of r.v.split(",")) sum.add(text);
    }
    const overall = new Map([...scales].map(([col, scale]) => [col, new ExactSum(scale)]));
    let count = 0;
    const byUnit: ListTotals["byUnit"] = [];
    // Units in tree order (the order the reports were read in).
    for (const [id, report] of byId) {
      const e = perUnit.get(id);
      if (!e) continue;
      count += e.rows;
      const totals: Record<string, string> = {};
      for (const col of list.columns) {
        const sum = e.sums.get(col.key);
        if (!sum || sum.count === 0) continue;
        totals[col.key] = sum.text();
        overall.get(col.key)?.add(totals[col.key] as string);
      }
      byUnit.push({ unit: report.unit, rows: e.rows, totals });
    }
    const totals: Record<string, string> = {};
    for (const [col, sum] of overall) if (sum.count > 0) totals[col] = sum.text();
    const out: ListTotals = { key: list.key, title: list.title, rows: count, totals, byUnit };
    if (withRows) out.rowValues = rosterRows(list.key, rows, byId);
    return out;
  });
}

function rosterRows(listKey: string, rows: ConsolidationRows, byId: Map<number, SubtreeReport>): NonNullable<ListTotals["rowValues"]> {
  const grouped = new Map<number, Map<string, Record<string, string>>>();
  const prefix = `${listKey}.`;
  for (const c of rows.rosterCells) {
    if (!c.cell.startsWith(prefix)) continue;
    const last = c.cell.lastIndexOf(".");
    const rowId = c.cell.slice(prefix.length, last);
    let unit = grouped.get(c.id);
    if (!unit) grouped.set(c.id, (unit = new Map()));
    let row = unit.get(rowId);
    if (!row) unit.set(rowId, (row = {}));
    row[c.cell.slice(last + 1)] = c.value;
  }
  const out: NonNullable<ListTotals["rowValues"]> = [];
  for (const [id, report] of byId) {
    const unit = grouped.get(id);
    if (!unit) continue;
    for (const rowId of [...unit.keys()].sort(compareRowIds)) {
      out.push({ unit: report.unit, rowId, values: unit.get(rowId) as Record<string, string> });
    }
  }
  return out;
}

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
  const ruleIds = new Set(result.compiled.rules.filter((r) => r.expr.lists.length === 0).map((r) => r.id));
  hit = { compiled: result.compiled, ruleIds };
  totalsTemplates.set(template, hit);
  return hit;
}

function problemsOnTotals(template: Template, totals: Record<string, string>): Consolidation["problems"] {
  const { compiled, ruleIds } = totalsTemplate(template);
  return validate(compiled, totals)
    .filter((p) => ruleIds.has(p.ruleId))
    .map((p) => ({ id: p.id, ruleId: p.ruleId, severity: p.severity, cells: p.cells, message: p.message }));
}

function notesOf(
  template: Template,
  rows: ConsolidationRows,
  byId: Map<number, SubtreeReport>,
  statuses: Set<string>,
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
    for (const p of validate(template, values.get(id) ?? {})) problems.set(p.id, p);
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

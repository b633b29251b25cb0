/**
 * What the officer's sheets are drawn from: one consolidation of a round at a
 * node of the unit tree (the city, or a district with its own sub-units).
 * Pure data, no Office, no DOM.
 *
 * The API answer (`GET /rounds/:id/consolidated`, schemas/api/consolidation.ts)
 * is mapped to this shape in `officerViewOf` only, so a change of the wire
 * format touches one function.
 */
import { DEFAULT_INCLUDE, type Consolidation, type ConsolidatedQuery, type UnitStatus } from "../../api/consolidation";
import type { ReportStatus } from "../../api/reports";
import type { Problem } from "../../problem";
import type { Template } from "../../template";
import { validate } from "../../validate";
import type { CrossUnitDuplicate } from "../../api/duplicates";

export interface OfficerUnit {
  code: string;
  name: string;
  /** Every unit of a round has a report (a draft until it reports): schemas/status.ts. */
  status: ReportStatus;
  late: boolean;
  /** ISO 8601 instant, null while not submitted. */
  submittedAt: string | null;
  /** The rules on the unit's values as of its last save; null = never saved (blank cell). */
  errors: number | null;
  warnings: number | null;
  /** Number of 上报说明 the unit wrote. */
  notes: number;
}

/** One 上报说明: a unit explains a warning it could not fix. */
export interface ExplanationNote {
  unit: string;
  unitName: string;
  problemId: string;
  /** Cells the explained problem marks; the first one carries the note. */
  cells?: string[];
  text: string;
  /** The warning it answers, as it reads on the unit's values; null once it no longer fires. */
  message?: string | null;
}

/** One submitted roster (名册) row, with the unit that reported it. */
export interface OfficerRosterRow {
  unit: string;
  unitName: string;
  /** The row's id in its unit's report (`r0001`…): rows keep their unit's order. */
  rowId: string;
  /** Column key → canonical text (blank cells absent). */
  values: Record<string, string>;
}

/** A roster of the form with every row the included reports hold, in unit (tree) then row order. */
export interface OfficerRoster {
  key: string;
  rows: OfficerRosterRow[];
}

export interface OfficerView {
  round: string;
  unit: { code: string; name: string };
  template: Template;
  /** cell key → canonical text, summed over the node's subtree. */
  totals: Record<string, string>;
  units: OfficerUnit[];
  matrix: {
    /** Numeric cell keys, in form order. */
    cells: string[];
    /** unit code → cell key → canonical text (blank cells absent). */
    values: Record<string, Record<string, string>>;
  };
  /** The template's rules re-run on the totals. */
  problems: Problem[];
  notes: ExplanationNote[];
  /** Roster rows of the included reports; empty rosters when the answer carries no rows (asked without `rows`). */
  rosters: OfficerRoster[];
  /** 跨单位重复 (duplicates-list.ts); absent from servers before issue 12. */
  duplicates?: CrossUnitDuplicate[];
}

/** A unit of the consolidation (`UnitStatus`) as a row of the officer's sheets, with the number of 上报说明 it wrote. */
export function officerUnit(u: UnitStatus, notes: number): OfficerUnit {
  return {
    code: u.code,
    name: u.name,
    status: u.status,
    late: u.late,
    submittedAt: u.submittedAt,
    errors: u.errors,
    warnings: u.warnings,
    notes,
  };
}

/**
 * What the officer's sheets ask the Worker for at `node`: the submitted and
 * approved reports, and for a roster form every roster row too (the
 * consolidated sheet lists them with their unit).
 */
export function consolidationQuery(template: Template, node: string): ConsolidatedQuery {
  return template.sections.some((s) => s.kind === "roster")
    ? { unit: node, include: `${DEFAULT_INCLUDE},rows` }
    : { unit: node };
}

/**
 * The one place that knows the wire format (`Consolidation`, schemas/api/consolidation.ts).
 * Every expected unit is a row: the matrix's units (the included statuses),
 * then the units not handed in, then late ones not seen yet. Error and warning
 * counts are the Worker's, as of each unit's last save (blank: never saved).
 */
export function officerViewOf(answer: Consolidation, template: Template): OfficerView {
  // The pane always asks for the matrix; an answer without one (?matrix=false) has no unit columns.
  const matrix = answer.matrix ?? { units: [], cells: [], rows: [] };
  const notesOf = new Map<string, Consolidation["notes"]>();
  for (const n of answer.notes) notesOf.set(n.unit, [...(notesOf.get(n.unit) ?? []), n]);
  const seen = new Map<string, OfficerUnit>();
  const all = [...matrix.units, ...answer.completeness.missing, ...answer.completeness.lateUnits];
  for (const u of all) {
    if (seen.has(u.code)) continue;
    seen.set(u.code, officerUnit(u, notesOf.get(u.code)?.length ?? 0));
  }
  const values: Record<string, Record<string, string>> = {};
  matrix.units.forEach((u, j) => {
    const v: Record<string, string> = {};
    matrix.cells.forEach((cell, i) => {
      const text = matrix.rows[i]?.[j];
      if (text !== undefined && text !== "") v[cell] = text;
    });
    values[u.code] = v;
  });
  return {
    round: answer.round,
    unit: { code: answer.unit.code, name: answer.unit.name },
    template,
    totals: answer.totals,
    units: [...seen.values()],
    matrix: { cells: matrix.cells, values },
    problems: answer.problems,
    rosters: answer.rosters.map((r) => ({
      key: r.key,
      rows: (r.rowValues ?? []).map((row) => ({
        unit: row.unit,
        unitName: seen.get(row.unit)?.name ?? row.unit,
        rowId: row.rowId,
        values: row.values,
      })),
    })),
    duplicates: answer.duplicates ?? [],
    notes: answer.notes.map((n) => ({
      unit: n.unit,
      unitName: n.unitName,
      problemId: n.problemId,
      text: n.text,
      message: n.message,
    })),
  };
}

/**
 * The consolidation names the warning a 上报说明 explains, not its cells; the
 * warning fired on the unit's own values, so it is found there (the matrix
 * holds every numeric cell the rules read) and the note lands on its cell.
 * The officer's pane and the Worker's export place them alike.
 */
export function placeNotes(template: Template, view: OfficerView): OfficerView["notes"] {
  const problemsOf = new Map<string, Map<string, string[]>>();
  return view.notes.map((n) => {
    let byId = problemsOf.get(n.unit);
    if (!byId) {
      byId = new Map(validate(template, view.matrix.values[n.unit] ?? {}).map((p) => [p.id, p.cells]));
      problemsOf.set(n.unit, byId);
    }
    return { ...n, cells: byId.get(n.problemId) ?? n.cells };
  });
}

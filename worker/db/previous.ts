import type { ReportStatus } from "../../schemas/api/reports";
import { subtreeRange } from "./scope";

/**
 * The reads behind prev() (worker/reports/previous.ts): for each unit, its
 * report in the previous round of the same form — the latest round with the same
 * template id (any version) due before this one in which the unit's report is
 * final: approved, or submitted in a round that has been locked (nothing can
 * change it any more). Only items and grid cells are read: header fields and
 * roster cells (keys with two dots) have no previous value.
 */
export interface PreviousCell {
  unit: string;
  /** The template version of the round the value was reported in. */
  version: number;
  /** null: the unit's previous report holds no item or grid cell (a row that only says it exists). */
  cell: string | null;
  value: string | null;
}

/** A report counts as last round's value when it is final: approved, or submitted in a locked round. */
const FINAL = `(p.status = 'approved' OR (r.status = 'locked' AND p.status = 'submitted'))`;

/**
 * `units`: one unit, or the units of a round's subtree whose status is one of
 * `statuses` (a consolidation's included reports; `asked` lists them). With the
 * cells, in the same batch, the published versions of the template id
 * (ascending), to map old keys version by version.
 */
export async function readPrevious(
  db: D1Database,
  a: {
    templateId: string;
    /** This round's due date: the previous round is due strictly before. */
    dueDate: string;
    units: { unit: string } | { round: string; unitPath: string; statuses: readonly ReportStatus[] };
  },
): Promise<{ cells: PreviousCell[]; versions: number[]; asked: string[] }> {
  const cte = (units: string) => `WITH here AS (${units}),
    latest AS (
      SELECT p.id, p.unit, r.template_version AS version,
             ROW_NUMBER() OVER (PARTITION BY p.unit ORDER BY r.due_date DESC, r.created_at DESC, r.id DESC) AS k
        FROM reports p JOIN rounds r ON r.id = p.round_id
       WHERE p.unit IN (SELECT unit FROM here) AND r.template_id = ?1 AND r.due_date < ?2 AND ${FINAL})`;
  const cells = `SELECT l.unit, l.version, c.cell, c.value FROM latest l
      LEFT JOIN report_cells c ON c.report_id = l.id AND c.cell NOT LIKE '%.%.%' AND c.cell NOT LIKE 'header.%'
     WHERE l.k = 1`;
  const versions = db.prepare("SELECT version FROM templates WHERE id = ? ORDER BY version").bind(a.templateId);
  if ("unit" in a.units) {
    const [found, v] = await db.batch([
      db.prepare(`${cte("SELECT ?3 AS unit")} ${cells}`).bind(a.templateId, a.dueDate, a.units.unit),
      versions,
    ]);
    return { cells: rowsOf<PreviousCell>(found), versions: versionsOf(v), asked: [a.units.unit] };
  }
  const [from, to] = subtreeRange(a.units.unitPath);
  const here = `SELECT p.unit FROM reports p JOIN units u ON u.code = p.unit
     WHERE p.round_id = ?3 AND u.path >= ?4 AND u.path < ?5 AND p.status IN (SELECT value FROM json_each(?6))`;
  const params = [a.templateId, a.dueDate, a.units.round, from, to, JSON.stringify(a.units.statuses)];
  const [found, v, asked] = await db.batch([
    db.prepare(`${cte(here)} ${cells}`).bind(...params),
    versions,
    db.prepare(`${cte(here)} SELECT unit FROM here`).bind(...params),
  ]);
  return {
    cells: rowsOf<PreviousCell>(found),
    versions: versionsOf(v),
    asked: rowsOf<{ unit: string }>(asked).map((r) => r.unit),
  };
}

function rowsOf<T>(result: D1Result | undefined): T[] {
  return (result?.results ?? []) as T[];
}

function versionsOf(result: D1Result | undefined): number[] {
  return rowsOf<{ version: number }>(result).map((r) => r.version);
}

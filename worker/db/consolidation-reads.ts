import type { ReportStatus } from "../../schemas/api/reports";
import { subtreeRange } from "./scope";
import { unitOrderCte } from "./units";

/**
 * The reads behind a consolidation, as one batch (one consistent snapshot, one
 * round trip). Cell keys tell template cells from roster cells without the
 * template: `item`, `row.col`, `header.x`, and `roster.rowId.col` (two dots).
 */
export interface SubtreeReport {
  id: number;
  unit: string;
  name: string;
  status: ReportStatus;
  late: number;
  submitted_at: string | null;
  notes: string;
  /** Problem counts of the current values as of the last save (NULL: not checked yet). */
  errors: number | null;
  warnings: number | null;
  unexplained: number | null;
  /**
   * Included reports only: the values of the requested cells in their order,
   * joined by "," with "" for a blank cell (canonical numbers hold no ",").
   */
  v: string | null;
}

export interface ConsolidationRows {
  /**
   * With the matrix every report of the subtree; without, only those not handed
   * in, late, or with 上报说明 — `statusCounts` counts them all.
   */
  reports: SubtreeReport[];
  statusCounts: { status: ReportStatus; n: number }[] | null;
  /**
   * Without the matrix: per cell, the exact sum in millionths as decimal text
   * (`report_cells.num`, summed by SQLite in 64-bit integers), the number of
   * values `n` and how many of them have a `num` (`k`; k < n: not all plain
   * decimals, the caller sums that cell from the values instead).
   */
  sums: { cell: string; m: string | null; n: number; k: number }[] | null;
  /** Per included report and roster: the number of rows. */
  rosterRows: { id: number; roster: string; n: number }[];
  /** Per included report, roster and column: the column's values joined by ",". */
  rosterColumns: { id: number; roster: string; col: string; v: string }[];
  /** Roster cells of included reports, only when rows were asked for. */
  rosterCells: { id: number; cell: string; value: string }[];
  /** Every cell of included reports that carry 上报说明, to recompute the warnings. */
  noteCells: { id: number; cell: string; value: string }[];
}

const SUBTREE = `FROM reports p JOIN units u ON u.code = p.unit
 WHERE p.round_id = ?1 AND u.path >= ?2 AND u.path < ?3`;
/** The subtree's reports, to list in the official printed order (db/units.ts): the matrix columns, the status sheet. */
const ORDERED_SUBTREE = `FROM unit_order o JOIN reports p ON p.round_id = ?1 AND p.unit = o.code JOIN units u ON u.code = p.unit
 WHERE u.path >= ?2 AND u.path < ?3`;
const ORDER = unitOrderCte("path = ?2");
const INCLUDED = `${SUBTREE} AND p.status IN (SELECT value FROM json_each(?4))`;
/** "roster.rowId." of a roster cell key: everything up to its last ".". */
const ROW_PREFIX = "rtrim(c.cell, replace(c.cell, '.', ''))";

/**
 * Reads a subtree in one batch. `cells` are the numeric template cells, in the
 * order the matrix lists them: each included report's values come back as one
 * positional string — the cheapest shape to move 3,000 × 60 values out of D1
 * (row per value is ~10× slower, "key:value" pairs ~2×; see bench/worker.bench.ts).
 */
export async function readConsolidation(
  db: D1Database,
  a: {
    round: string;
    unitPath: string;
    statuses: ReportStatus[];
    cells: string[];
    matrix: boolean;
    hasRosters: boolean;
    rows: boolean;
  },
): Promise<ConsolidationRows> {
  const [from, to] = subtreeRange(a.unitPath);
  const params = [a.round, from, to, JSON.stringify(a.statuses)];
  const cells = JSON.stringify(a.cells);
  const statements: D1PreparedStatement[] = [];
  const at: Partial<Record<keyof ConsolidationRows, number>> = {};
  const add = (name: keyof ConsolidationRows, sql: string, ...bound: unknown[]) => {
    at[name] = statements.push(db.prepare(sql).bind(...bound)) - 1;
  };

  if (a.matrix) {
    add(
      "reports",
      `${ORDER} SELECT p.id, p.unit, u.name, p.status, p.late, p.submitted_at, p.notes, p.errors, p.warnings, p.unexplained,
              CASE WHEN p.status IN (SELECT value FROM json_each(?4)) THEN
                (SELECT group_concat(coalesce(c.value, ''), ',' ORDER BY k.key)
                   FROM json_each(?5) k LEFT JOIN report_cells c ON c.report_id = p.id AND c.cell = k.value)
              END AS v
       ${ORDERED_SUBTREE} ORDER BY o.k`,
      ...params,
      cells,
    );
  } else {
    // Without the matrix the answer names only the units completeness lists
    // (not handed in, late) and those with 上报说明; the rest are counted.
    add(
      "reports",
      `${ORDER} SELECT p.id, p.unit, u.name, p.status, p.late, p.submitted_at, p.notes, p.errors, p.warnings, p.unexplained, NULL AS v
       ${ORDERED_SUBTREE} AND (p.status IN ('draft', 'returned') OR p.late = 1 OR p.notes <> '{}') ORDER BY o.k`,
      ...params.slice(0, 3),
    );
    add("statusCounts", `SELECT p.status, COUNT(*) AS n ${SUBTREE} GROUP BY p.status`, ...params.slice(0, 3));
    // Exact without floating point: `num` is the value in millionths (migration 0003).
    // A sum past 64 bits makes SQLite raise "integer overflow"; the caller falls back.
    // The cell filter goes in HAVING: per group it is ~60 lookups, per row 180,000.
    add(
      "sums",
      `SELECT c.cell, CAST(SUM(c.num) AS TEXT) AS m, COUNT(*) AS n, COUNT(c.num) AS k
         FROM report_cells c WHERE c.report_id IN (SELECT p.id ${INCLUDED})
        GROUP BY c.cell HAVING c.cell IN (SELECT value FROM json_each(?5))`,
      ...params,
      cells,
    );
  }
  add(
    "noteCells",
    `SELECT c.report_id AS id, c.cell, c.value FROM report_cells c WHERE c.report_id IN (SELECT p.id ${INCLUDED} AND p.notes <> '{}')`,
    ...params,
  );
  if (a.hasRosters) {
    add(
      "rosterRows",
      `SELECT c.report_id AS id, substr(c.cell, 1, instr(c.cell, '.') - 1) AS roster, COUNT(DISTINCT ${ROW_PREFIX}) AS n
         FROM report_cells c WHERE c.report_id IN (SELECT p.id ${INCLUDED}) AND c.cell LIKE '%.%.%'
        GROUP BY c.report_id, roster`,
      ...params,
    );
    add(
      "rosterColumns",
      `SELECT c.report_id AS id, substr(c.cell, 1, instr(c.cell, '.') - 1) AS roster,
              substr(c.cell, length(${ROW_PREFIX}) + 1) AS col, group_concat(c.value, ',') AS v
         FROM report_cells c WHERE c.report_id IN (SELECT p.id ${INCLUDED}) AND c.cell LIKE '%.%.%'
          AND c.value GLOB '*[0-9]*' AND NOT c.value GLOB '*[^0-9.-]*'
        GROUP BY c.report_id, roster, col`,
      ...params,
    );
    if (a.rows) {
      add(
        "rosterCells",
        `SELECT c.report_id AS id, c.cell, c.value FROM report_cells c WHERE c.report_id IN (SELECT p.id ${INCLUDED}) AND c.cell LIKE '%.%.%'`,
        ...params,
      );
    }
  }
  const results = await db.batch(statements);
  const rows = <T>(name: keyof ConsolidationRows): T[] => {
    const i = at[name];
    return i === undefined ? [] : ((results[i]?.results ?? []) as T[]);
  };
  return {
    reports: rows("reports"),
    statusCounts: a.matrix ? null : rows("statusCounts"),
    sums: a.matrix ? null : rows("sums"),
    noteCells: rows("noteCells"),
    rosterRows: rows("rosterRows"),
    rosterColumns: rows("rosterColumns"),
    rosterCells: rows("rosterCells"),
  };
}

import type { ReportStatus } from "../../schemas/api/reports";
import { subtreeRange } from "../scope";
import { unitOrderCte } from "./units";

/**
 * The reads behind a consolidation, as one batch (one consistent snapshot, one
 * round trip). Cell keys tell template cells from roster cells without the
 * template: `item`, `row.col`, `header.x`, and `list.rowId.col` (two dots).
 */
export interface SubtreeReport {
  id: number;
  unit: string;
  name: string;
  status: ReportStatus;
  late: number;
  submitted_at: string | null;
  notes: string;
  /**
   * Included reports only: the values of the requested cells in their order,
   * joined by "," with "" for a blank cell (canonical numbers hold no ",").
   */
  v: string | null;
}

export interface ConsolidationRows {
  reports: SubtreeReport[];
  /**
   * Without the matrix: per cell, the exact sum as integer part + millionths
   * (scales never exceed 6), summed by SQLite in 64-bit integers.
   */
  sums: { cell: string; i: number; f: number; n: number }[] | null;
  /** Per included report and roster: the number of rows. */
  rosterRows: { id: number; list: string; n: number }[];
  /** Per included report, roster and column: the column's values joined by ",". */
  rosterColumns: { id: number; list: string; col: string; v: string }[];
  /** Roster cells of included reports, only when rows were asked for. */
  rosterCells: { id: number; cell: string; value: string }[];
  /** Every cell of included reports that carry 上报说明, to recompute the warnings. */
  noteCells: { id: number; cell: string; value: string }[];
}

const SUBTREE = `FROM reports p JOIN units u ON u.code = p.unit
 WHERE p.round_id = ?1 AND u.path >= ?2 AND u.path < ?3`;
/** The subtree's reports in the official printed order (db/units.ts): the matrix columns, the status sheet. */
const ORDERED_SUBTREE = `FROM unit_order o JOIN reports p ON p.round_id = ?1 AND p.unit = o.code JOIN units u ON u.code = p.unit
 WHERE u.path >= ?2 AND u.path < ?3 ORDER BY o.k`;
const ORDER = unitOrderCte("path = ?2");
const INCLUDED = `${SUBTREE} AND p.status IN (SELECT value FROM json_each(?4))`;
/** "list.rowId." of a roster cell key: everything up to its last ".". */
const ROW_PREFIX = "rtrim(c.cell, replace(c.cell, '.', ''))";

/**
 * Reads a subtree in one batch. `cells` are the numeric template cells, in the
 * order the matrix lists them: each included report's values come back as one
 * positional string — the cheapest shape to move 3,000 × 60 values out of D1
 * (row per value is ~10× slower, "key:value" pairs ~2×; see bench/worker.bench.ts).
 */
export async function readConsolidation(
  db: D1Database,
  a: { round: string; unitPath: string; statuses: ReportStatus[]; cells: string[]; matrix: boolean; hasLists: boolean; rows: boolean },
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
      `${ORDER} SELECT p.id, p.unit, u.name, p.status, p.late, p.submitted_at, p.notes,
              CASE WHEN p.status IN (SELECT value FROM json_each(?4)) THEN
                (SELECT group_concat(coalesce(c.value, ''), ',' ORDER BY k.key)
                   FROM json_each(?5) k LEFT JOIN report_cells c ON c.report_id = p.id AND c.cell = k.value)
              END AS v
       ${ORDERED_SUBTREE}`,
      ...params,
      cells,
    );
  } else {
    add(
      "reports",
      `${ORDER} SELECT p.id, p.unit, u.name, p.status, p.late, p.submitted_at, p.notes, NULL AS v ${ORDERED_SUBTREE}`,
      ...params.slice(0, 3),
    );
    // Exact without floating point: CAST keeps the integer prefix ("-12.5" → -12),
    // the fraction is read as millionths carrying the value's sign.
    add(
      "sums",
      `SELECT c.cell, SUM(CAST(c.value AS INTEGER)) AS i,
              SUM(CASE WHEN instr(c.value, '.') > 0
                  THEN (CASE WHEN substr(c.value, 1, 1) = '-' THEN -1 ELSE 1 END)
                       * CAST(substr(substr(c.value, instr(c.value, '.') + 1) || '000000', 1, 6) AS INTEGER)
                  ELSE 0 END) AS f,
              COUNT(*) AS n
         FROM report_cells c WHERE c.report_id IN (SELECT p.id ${INCLUDED}) AND c.cell IN (SELECT value FROM json_each(?5))
        GROUP BY c.cell`,
      ...params,
      cells,
    );
  }
  add("noteCells", `SELECT c.report_id AS id, c.cell, c.value FROM report_cells c WHERE c.report_id IN (SELECT p.id ${INCLUDED} AND p.notes <> '{}')`, ...params);
  if (a.hasLists) {
    add(
      "rosterRows",
      `SELECT c.report_id AS id, substr(c.cell, 1, instr(c.cell, '.') - 1) AS list, COUNT(DISTINCT ${ROW_PREFIX}) AS n
         FROM report_cells c WHERE c.report_id IN (SELECT p.id ${INCLUDED}) AND c.cell LIKE '%.%.%'
        GROUP BY c.report_id, list`,
      ...params,
    );
    add(
      "rosterColumns",
      `SELECT c.report_id AS id, substr(c.cell, 1, instr(c.cell, '.') - 1) AS list,
              substr(c.cell, length(${ROW_PREFIX}) + 1) AS col, group_concat(c.value, ',') AS v
         FROM report_cells c WHERE c.report_id IN (SELECT p.id ${INCLUDED}) AND c.cell LIKE '%.%.%'
          AND c.value GLOB '*[0-9]*' AND NOT c.value GLOB '*[^0-9.-]*'
        GROUP BY c.report_id, list, col`,
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
    sums: a.matrix ? null : rows("sums"),
    noteCells: rows("noteCells"),
    rosterRows: rows("rosterRows"),
    rosterColumns: rows("rosterColumns"),
    rosterCells: rows("rosterCells"),
  };
}

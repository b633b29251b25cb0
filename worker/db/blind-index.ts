/**
 * The blind index of sensitive values (migration 0006, worker/pii/): its writes,
 * part of a save's guarded batch, and the two duplicate look-ups — a report's
 * cells held by another unit the same year (the filler's warning) and a subtree's
 * duplicates (the consolidation). Nothing here reads report_cells: the index alone
 * finds duplicates, whatever the stored values are (ciphertext).
 */
import type { IndexPlan } from "../pii/index-plan";
import { STAMPED_REPORT, jsonChunks } from "./batch";
import { subtreeRange } from "./scope";
import { unitOrderCte } from "./units";

/** The year a round belongs to (see migration 0006), of the round bound at its `?`. */
export const ROUND_YEAR = `(SELECT CASE WHEN substr(period, 1, 4) GLOB '[0-9][0-9][0-9][0-9]' THEN substr(period, 1, 4)
  ELSE substr(due_date, 1, 4) END FROM rounds WHERE id = ?)`;

/** Where the entries belong. */
export interface IndexTarget {
  reportId: number;
  round: string;
  unit: string;
  unitPath: string;
}

/** The index changes of a save, each statement guarded by the save's stamp (db/batch.ts). */
export function indexStatements(
  db: D1Database,
  t: IndexTarget,
  plan: IndexPlan,
  stamp: readonly [number, string],
): D1PreparedStatement[] {
  const statements: D1PreparedStatement[] = [];
  const rows = plan.set.map((e) => [e.cell, e.roster, e.rowId, e.col, e.kind, e.label, e.hmac, e.mask]);
  for (const chunk of jsonChunks(rows)) {
    statements.push(
      db
        .prepare(
          `INSERT INTO blind_index (report_id, cell, round_id, unit, unit_path, year, roster, row_id, col, kind, label, hmac, mask)
           SELECT ?, e.value ->> 0, ?, ?, ?, ${ROUND_YEAR}, e.value ->> 1, e.value ->> 2, e.value ->> 3, e.value ->> 4,
                  e.value ->> 5, e.value ->> 6, e.value ->> 7
             FROM json_each(?) e WHERE ${STAMPED_REPORT}
           ON CONFLICT (report_id, cell) DO UPDATE SET hmac = excluded.hmac, mask = excluded.mask,
                  kind = excluded.kind, label = excluded.label`,
        )
        .bind(t.reportId, t.round, t.unit, t.unitPath, t.round, chunk, ...stamp),
    );
  }
  for (const chunk of jsonChunks(plan.cleared)) {
    statements.push(
      db
        .prepare(
          `DELETE FROM blind_index WHERE report_id = ? AND cell IN (SELECT value FROM json_each(?)) AND ${STAMPED_REPORT}`,
        )
        .bind(t.reportId, chunk, ...stamp),
    );
  }
  return statements;
}

/** A report's sensitive cells whose value another unit holds in a round of the same year. */
export interface HeldElsewhere {
  cell: string;
  kind: string;
}

const HELD_ELSEWHERE = `SELECT b.cell, b.kind FROM blind_index b
  WHERE b.report_id = %REPORT% AND EXISTS (
    SELECT 1 FROM blind_index o WHERE o.year = b.year AND o.hmac = b.hmac AND o.unit <> b.unit)
  ORDER BY b.cell`;

/** `HeldElsewhere` rows of a report by id (e.g. last in a save's batch, after the index writes). */
export function heldElsewhereById(db: D1Database, reportId: number): D1PreparedStatement {
  return db.prepare(HELD_ELSEWHERE.replace("%REPORT%", "?")).bind(reportId);
}

/** `HeldElsewhere` rows of a report by round and unit (e.g. in a GET's read batch). */
export function heldElsewhereOf(db: D1Database, round: string, unit: string): D1PreparedStatement {
  return db
    .prepare(HELD_ELSEWHERE.replace("%REPORT%", "(SELECT id FROM reports WHERE round_id = ? AND unit = ?)"))
    .bind(round, unit);
}

/** One occurrence of a value that two or more units hold (a consolidation's 跨单位重复). */
export interface DuplicateRow {
  /** Groups the occurrences of one value; never leaves the Worker. */
  hmac: string;
  kind: string;
  label: string;
  mask: string;
  round_id: string;
  period: string;
  unit: string;
  unit_name: string;
  status: string;
  roster: string | null;
  row_id: string | null;
  col: string;
  /** 1 when a unit outside the subtree holds the value too. */
  outside: number;
}

/**
 * The duplicates a consolidation of `unitPath`'s subtree lists: values held in a
 * round of `round`'s year by two units of the subtree, or by one unit of it and a
 * unit outside it, at least one occurrence being in `round`. Occurrences come in the
 * official printed order of their units (db/units.ts), then round. Only occurrences inside
 * the subtree come back: a reviewer learns that an outside unit holds the value,
 * never which. Every status counts (a draft pays twice as surely as a submitted report).
 */
export async function subtreeDuplicates(db: D1Database, round: string, unitPath: string): Promise<DuplicateRow[]> {
  const [from, to] = subtreeRange(unitPath);
  const { results } = await db
    .prepare(
      // `multi`: the year's values two or more units hold (one pass over the year, grouped by
      // value); of those, the ones with an occurrence inside the subtree in this round. A unit
      // outside holds the value when the year counts more units than the subtree does.
      `${unitOrderCte("path = ?2")}, y AS (SELECT ${ROUND_YEAR.replace("?", "?1")} AS year),
       multi AS (SELECT b.hmac, COUNT(DISTINCT b.unit) AS n FROM blind_index b, y WHERE b.year = y.year
                  GROUP BY b.hmac HAVING n > 1),
       inside AS (SELECT b.* FROM multi m JOIN blind_index b ON b.hmac = m.hmac, y
                   WHERE b.year = y.year AND b.unit_path >= ?2 AND b.unit_path < ?3),
       dup AS (SELECT i.hmac, m.n > COUNT(DISTINCT i.unit) AS outside FROM inside i JOIN multi m ON m.hmac = i.hmac
                GROUP BY i.hmac HAVING MAX(i.round_id = ?1) = 1)
       SELECT i.hmac, i.kind, i.label, i.mask, i.round_id, r.period, i.unit, u.name AS unit_name, p.status,
              i.roster, i.row_id, i.col, d.outside
         FROM inside i JOIN dup d ON d.hmac = i.hmac JOIN units u ON u.code = i.unit JOIN unit_order o ON o.code = i.unit
         JOIN reports p ON p.id = i.report_id JOIN rounds r ON r.id = i.round_id
        ORDER BY i.hmac, o.k, r.created_at, i.round_id, i.row_id, i.cell`,
    )
    .bind(round, from, to)
    .all<DuplicateRow>();
  return results;
}

/**
 * Reading reports: one report as a consistent snapshot (row, values, notes and
 * the change log a merge needs), a round's list, and the stored shape as the
 * merge's field map. The guarded writes are in report-writes.ts.
 */
import type { ReportStatus, ReportSummary } from "../../schemas/api/reports";
import type { Caller } from "../env";
import type { FieldChange, Fields } from "../reports/merge";
import { rowKeysStatement, type RowKeyRecord } from "../pii/report-keys";
import { roundKeyStatement, type RoundKeyRecord } from "../pii/round-keys";
import { visiblePaths } from "./scope";
import { callerOrderSeed, unitOrderCte } from "./units";

/** 上报说明 live among the merge fields under this prefix (problem ids may contain ":"). */
export const NOTE_PREFIX = "note:";

export interface ReportRow {
  id: number;
  round_id: string;
  unit: string;
  unit_name: string;
  unit_path: string;
  status: ReportStatus;
  version: number;
  notes: string;
  late: number;
  return_reason: string | null;
  submitted_at: string | null;
  updated_at: string | null;
  /** Stamp of the last guarded write (db/batch.ts); null until the first. */
  write_id: string | null;
  /** Hash of the report's last audit entry (integrity/chain.ts), null before the first hashed one. */
  last_hash: string | null;
  round_status: "open" | "locked";
  due_date: string;
  template_id: string;
  template_version: number;
}

/** A consistent read of one report: its row, current values and notes, and the changes after `since`. */
export interface ReportSnapshot {
  row: ReportRow;
  values: Fields;
  notes: Fields;
  changes: FieldChange[];
  /** The stored keys of its sealed values (worker/pii), read in the same batch. */
  pii: { roundKey: RoundKeyRecord | null; rowKeys: RowKeyRecord[] };
}

const SELECT_REPORT = `SELECT p.id, p.round_id, p.unit, u.name AS unit_name, u.path AS unit_path, p.status,
       p.version, p.notes, p.late, p.return_reason, p.submitted_at, p.updated_at, p.write_id,
       (SELECT a.hash FROM audit a WHERE a.report_id = p.id ORDER BY a.version DESC LIMIT 1) AS last_hash,
       r.status AS round_status, r.due_date, r.template_id, r.template_version
  FROM reports p JOIN rounds r ON r.id = p.round_id JOIN units u ON u.code = p.unit`;

const REPORT_ID = "(SELECT id FROM reports WHERE round_id = ? AND unit = ?)";

/** The unit path of a round's report, or null: who may touch it, known before anything heavier is read. */
export async function reportUnitPath(db: D1Database, round: string, unit: string): Promise<string | null> {
  return db
    .prepare("SELECT u.path FROM reports p JOIN units u ON u.code = p.unit WHERE p.round_id = ? AND p.unit = ?")
    .bind(round, unit)
    .first<string>("path");
}

/** A version of a report: who wrote it, and whether it was the save of an uploaded form file. */
export interface Writer {
  version: number;
  tokenId: number | null;
  imported: boolean;
}

/** Who wrote each version of a report after `since` up to `upTo`, in order: an import tells its caller's own earlier files apart. */
export async function writersSince(
  db: D1Database,
  round: string,
  unit: string,
  since: number,
  upTo: number,
): Promise<Writer[]> {
  const { results } = await db
    .prepare(
      `SELECT version, token_id AS tokenId, json_extract(detail, '$.source') = 'import' AS imported
         FROM audit WHERE report_id = ${REPORT_ID} AND version > ? AND version <= ? ORDER BY id`,
    )
    .bind(round, unit, since, upTo)
    .all<{ version: number; tokenId: number | null; imported: number | null }>();
  return results.map((r) => ({ version: r.version, tokenId: r.tokenId, imported: r.imported === 1 }));
}

/**
 * Reads a report in one batch (a D1 batch is a transaction, so the version,
 * values and change log agree). `since` = null skips the change log.
 */
export async function readReport(
  db: D1Database,
  round: string,
  unit: string,
  since: number | null,
): Promise<ReportSnapshot | null> {
  return (await readReportWith(db, round, unit, since, [])).snapshot;
}

/**
 * `readReport` with more statements in the same batch, run before the report's
 * own (a save looks up its bearer token and Idempotency-Key this way: one round
 * trip instead of three). `extra[i]` are the rows of `extras[i]`.
 */
export async function readReportWith(
  db: D1Database,
  round: string,
  unit: string,
  since: number | null,
  extras: readonly D1PreparedStatement[],
): Promise<{ snapshot: ReportSnapshot | null; extra: unknown[][] }> {
  const statements = [
    ...extras,
    db.prepare(`${SELECT_REPORT} WHERE p.round_id = ? AND p.unit = ?`).bind(round, unit),
    db.prepare(`SELECT cell, value FROM report_cells WHERE report_id = ${REPORT_ID}`).bind(round, unit),
    roundKeyStatement(db, round),
    rowKeysStatement(db, round, unit),
  ];
  if (since !== null) {
    statements.push(
      db
        .prepare(`SELECT version, cell, old, new FROM audit_cells WHERE report_id = ${REPORT_ID} AND version > ?`)
        .bind(round, unit, since),
    );
  }
  const results = await db.batch(statements);
  const extraRows = results.slice(0, extras.length).map((r) => r.results ?? []);
  const [head, cells, roundKey, rowKeys, changes] = results.slice(extras.length);
  const row = (head?.results[0] as ReportRow | undefined) ?? null;
  if (!row) return { snapshot: null, extra: extraRows };
  const values: Fields = {};
  for (const c of (cells?.results ?? []) as { cell: string; value: string }[]) values[c.cell] = c.value;
  const snapshot = {
    row,
    values,
    notes: JSON.parse(row.notes) as Fields,
    changes: (since !== null ? (changes?.results ?? []) : []) as FieldChange[],
    pii: {
      roundKey: (roundKey?.results[0] as RoundKeyRecord | undefined) ?? null,
      rowKeys: (rowKeys?.results ?? []) as RowKeyRecord[],
    },
  };
  return { snapshot, extra: extraRows };
}

/** Cells and notes as one field map, the shape the merge works on. */
export function fieldsOf(s: { values: Fields; notes: Fields }): Fields {
  const out: Fields = { ...s.values };
  for (const [id, text] of Object.entries(s.notes)) out[NOTE_PREFIX + id] = text;
  return out;
}

export function splitFields(fields: Fields): { values: Fields; notes: Fields } {
  const values: Fields = {};
  const notes: Fields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (key.startsWith(NOTE_PREFIX)) notes[key.slice(NOTE_PREFIX.length)] = value;
    else values[key] = value;
  }
  return { values, notes };
}

export function toSummary(row: ReportRow): ReportSummary {
  return {
    round: row.round_id,
    unit: row.unit,
    unitName: row.unit_name,
    status: row.status,
    version: row.version,
    late: row.late === 1,
    submittedAt: row.submitted_at,
    updatedAt: row.updated_at,
  };
}

/** The round's reports the caller sees, units in the official printed order. */
export async function listReports(db: D1Database, caller: Caller, round: string): Promise<ReportSummary[]> {
  const seed = callerOrderSeed(caller);
  const scope = visiblePaths(caller, "u.path");
  const { results } = await db
    .prepare(
      `${unitOrderCte(seed.sql)} ${SELECT_REPORT} JOIN unit_order o ON o.code = p.unit
        WHERE p.round_id = ? AND ${scope.sql} ORDER BY o.k`,
    )
    .bind(...seed.params, round, ...scope.params)
    .all<ReportRow>();
  return results.map(toSummary);
}

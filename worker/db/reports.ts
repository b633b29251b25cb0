import type { ReportStatus, ReportSummary } from "../../schemas/api/reports";
import type { Caller } from "../env";
import type { FieldChange, Fields } from "../reports/merge";
import { visiblePaths } from "./scope";
import { STAMPED_REPORT, jsonChunks } from "./batch";
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
}

const SELECT_REPORT = `SELECT p.id, p.round_id, p.unit, u.name AS unit_name, u.path AS unit_path, p.status,
       p.version, p.notes, p.late, p.return_reason, p.submitted_at, p.updated_at, p.write_id,
       r.status AS round_status, r.due_date, r.template_id, r.template_version
  FROM reports p JOIN rounds r ON r.id = p.round_id JOIN units u ON u.code = p.unit`;

const REPORT_ID = "(SELECT id FROM reports WHERE round_id = ? AND unit = ?)";

/**
 * Reads a report in one batch (a D1 batch is a transaction, so the version,
 * values and change log agree). `since` = null skips the change log.
 */
export async function readReport(db: D1Database, round: string, unit: string, since: number | null): Promise<ReportSnapshot | null> {
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
  const [head, cells, changes] = results.slice(extras.length);
  const row = (head?.results[0] as ReportRow | undefined) ?? null;
  if (!row) return { snapshot: null, extra: extraRows };
  const values: Fields = {};
  for (const c of (cells?.results ?? []) as { cell: string; value: string }[]) values[c.cell] = c.value;
  const snapshot = {
    row,
    values,
    notes: JSON.parse(row.notes) as Fields,
    changes: (since !== null ? (changes?.results ?? []) : []) as FieldChange[],
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

/** Who did it, for the audit log. */
export interface Actor {
  tokenId: number;
  label: string;
  role: string;
}

/** The template's rules on a report's values: see migration 0003. */
export interface ProblemCounts {
  errors: number;
  warnings: number;
  unexplained: number;
}

export interface PatchWrite {
  reportId: number;
  round: string;
  unit: string;
  unitPath: string;
  status: ReportStatus;
  fromVersion: number;
  /** When set, the guard also requires the report's current write stamp to be this one. */
  fromWriteId: string | null;
  writeId: string;
  now: string;
  actor: Actor;
  /** Field changes to apply, cells and `note:` fields alike. */
  apply: { key: string; old: string | null; new: string | null }[];
  /** Of the values after this save. */
  counts: ProblemCounts;
  detail: Record<string, unknown>;
  idempotency: { key: string; requestHash: string; response: string } | null;
}

/**
 * One save as one batch. Statement 1 is the guard: it only matches when the
 * report is still at `fromVersion` (and `fromWriteId`, if given), still
 * editable, its round still open and the actor's token not revoked.
 * Answers whether the guard matched (i.e. whether anything was written).
 */
export async function writePatch(db: D1Database, w: PatchWrite): Promise<boolean> {
  const version = w.fromVersion + 1;
  const stamp = [w.reportId, w.writeId] as const;
  const cells = w.apply.filter((a) => !a.key.startsWith(NOTE_PREFIX));
  const notePatch: Record<string, string | null> = {};
  for (const a of w.apply) if (a.key.startsWith(NOTE_PREFIX)) notePatch[a.key.slice(NOTE_PREFIX.length)] = a.new;

  const statements: D1PreparedStatement[] = [
    db
      .prepare(
        `UPDATE reports SET version = ?, write_id = ?, updated_at = ?, notes = json_patch(notes, ?),
                errors = ?, warnings = ?, unexplained = ?
          WHERE id = ? AND version = ? AND (? IS NULL OR write_id = ?) AND status IN ('draft', 'returned')
            AND (SELECT status FROM rounds WHERE id = reports.round_id) = 'open'
            AND EXISTS (SELECT 1 FROM tokens WHERE id = ? AND revoked_at IS NULL)`,
      )
      .bind(
        version, w.writeId, w.now, JSON.stringify(notePatch),
        w.counts.errors, w.counts.warnings, w.counts.unexplained,
        w.reportId, w.fromVersion, w.fromWriteId, w.fromWriteId, w.actor.tokenId,
      ),
  ];
  const set = cells.filter((c) => c.new !== null).map((c) => [c.key, c.new]);
  for (const chunk of jsonChunks(set)) {
    statements.push(
      db
        .prepare(
          `INSERT INTO report_cells (report_id, cell, value)
           SELECT ?, value ->> 0, value ->> 1 FROM json_each(?) WHERE ${STAMPED_REPORT}
           ON CONFLICT (report_id, cell) DO UPDATE SET value = excluded.value`,
        )
        .bind(w.reportId, chunk, ...stamp),
    );
  }
  const cleared = cells.filter((c) => c.new === null).map((c) => c.key);
  for (const chunk of jsonChunks(cleared)) {
    statements.push(
      db
        .prepare(
          `DELETE FROM report_cells WHERE report_id = ? AND cell IN (SELECT value FROM json_each(?)) AND ${STAMPED_REPORT}`,
        )
        .bind(w.reportId, chunk, ...stamp),
    );
  }
  statements.push(auditStatement(db, w.reportId, version, w.now, w.actor, "patch", w.detail, stamp));
  for (const chunk of jsonChunks(w.apply.map((a) => [a.key, a.old, a.new]))) {
    statements.push(
      db
        .prepare(
          `INSERT INTO audit_cells (report_id, version, cell, old, new)
           SELECT ?, ?, value ->> 0, value ->> 1, value ->> 2 FROM json_each(?) WHERE ${STAMPED_REPORT}`,
        )
        .bind(w.reportId, version, chunk, ...stamp),
    );
  }
  statements.push(
    feedStatement(db, { ...w, version, kind: "patch", cells: w.apply.map((a) => a.key) }, stamp),
  );
  if (w.idempotency) {
    statements.push(
      db
        .prepare(
          `INSERT INTO idempotency (token_id, key, request_hash, report_id, response, created_at)
           SELECT ?, ?, ?, ?, ?, ? WHERE ${STAMPED_REPORT}`,
        )
        .bind(w.actor.tokenId, w.idempotency.key, w.idempotency.requestHash, w.reportId, w.idempotency.response, w.now, ...stamp),
    );
  }
  const [guard] = await db.batch(statements);
  return guard?.meta.changes === 1;
}

function auditStatement(
  db: D1Database,
  reportId: number,
  version: number,
  now: string,
  actor: Actor,
  action: string,
  detail: Record<string, unknown>,
  stamp: readonly [number, string],
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO audit (report_id, version, at, token_id, actor, role, action, detail)
       SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE ${STAMPED_REPORT}`,
    )
    .bind(reportId, version, now, actor.tokenId, actor.label, actor.role, action, JSON.stringify(detail), ...stamp);
}

function feedStatement(
  db: D1Database,
  e: { round: string; unit: string; unitPath: string; version: number; kind: string; status: string; cells: string[]; now: string },
  stamp: readonly [number, string],
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO feed (round_id, unit, unit_path, version, kind, status, cells, at)
       SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE ${STAMPED_REPORT}`,
    )
    .bind(e.round, e.unit, e.unitPath, e.version, e.kind, e.status, JSON.stringify(e.cells), e.now, ...stamp);
}

export interface TransitionWrite {
  reportId: number;
  round: string;
  unit: string;
  unitPath: string;
  fromVersion: number;
  from: readonly ReportStatus[];
  to: ReportStatus;
  action: "submit" | "return" | "approve";
  late: boolean | null;
  returnReason: string | null;
  writeId: string;
  now: string;
  actor: Actor;
  detail: Record<string, unknown>;
}

/** A status change as one guarded batch (row, audit, feed). Answers whether it applied. */
export async function writeTransition(db: D1Database, w: TransitionWrite): Promise<boolean> {
  const version = w.fromVersion + 1;
  const stamp = [w.reportId, w.writeId] as const;
  const from = w.from.map((s) => `'${s}'`).join(", "); // fixed enum literals, never input
  const [guard] = await db.batch([
    db
      .prepare(
        `UPDATE reports SET status = ?, version = ?, write_id = ?, updated_at = ?,
                late = COALESCE(?, late), return_reason = ?,
                submitted_at = CASE WHEN ? = 'submitted' THEN ? ELSE submitted_at END
          WHERE id = ? AND version = ? AND status IN (${from})
            AND (SELECT status FROM rounds WHERE id = reports.round_id) = 'open'`,
      )
      .bind(
        w.to, version, w.writeId, w.now,
        w.late === null ? null : w.late ? 1 : 0, w.returnReason,
        w.to, w.now,
        w.reportId, w.fromVersion,
      ),
    auditStatement(db, w.reportId, version, w.now, w.actor, w.action, w.detail, stamp),
    feedStatement(db, { ...w, version, kind: w.action, status: w.to, cells: [] }, stamp),
  ]);
  return guard?.meta.changes === 1;
}

/**
 * The guarded writes of a report, each one D1 batch (batch.ts): a save of field
 * changes and a status change, with their audit entries and change-feed events.
 */
import type { ReportStatus } from "../../schemas/api/reports";
import type { IndexPlan } from "../pii/index-plan";
import { entryHash, GENESIS } from "../integrity/chain";
import { STAMPED_REPORT, jsonChunks } from "./batch";
import { heldElsewhereById, indexStatements, type HeldElsewhere } from "./blind-index";
import { NOTE_PREFIX } from "./reports";

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
  /** The report's last audit hash as read at `fromVersion` (null: none yet); the new entry chains to it. */
  prevHash: string | null;
  writeId: string;
  now: string;
  actor: Actor;
  /** Field changes to apply, cells and `note:` fields alike. */
  apply: { key: string; old: string | null; new: string | null }[];
  /** Of the values after this save. */
  counts: ProblemCounts;
  detail: Record<string, unknown>;
  idempotency: { key: string; requestHash: string; response: string } | null;
  /** More guarded statements, run right after the guard (the keys of sealed values, worker/pii). */
  extra?: D1PreparedStatement[];
  /**
   * The blind index changes of the sensitive cells (worker/pii/index-plan.ts), and who
   * gets the report's cells another unit holds, read last in the batch (after the writes).
   */
  index?: { plan: IndexPlan; found(cells: HeldElsewhere[]): void };
}

/**
 * One save as one batch. Statement 1 is the guard: it only matches when the
 * report is still at `fromVersion` (and `fromWriteId`, if given), still
 * editable, its round still open and the actor's token not revoked nor expired.
 * Answers the new audit entry's hash when the guard matched (i.e. something was
 * written), null otherwise.
 */
export async function writePatch(db: D1Database, w: PatchWrite): Promise<string | null> {
  const version = w.fromVersion + 1;
  const detail = JSON.stringify(w.detail);
  const hash = await entryHash(w.prevHash ?? GENESIS, {
    ...auditEntry(w.reportId, version, w.now, w.actor, "patch", detail),
    cells: w.apply.map((a) => ({ cell: a.key, old: a.old, new: a.new })),
  });
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
            AND EXISTS (SELECT 1 FROM tokens WHERE id = ? AND revoked_at IS NULL
                          AND (expires_at IS NULL OR expires_at > ?))`,
      )
      .bind(
        version,
        w.writeId,
        w.now,
        JSON.stringify(notePatch),
        w.counts.errors,
        w.counts.warnings,
        w.counts.unexplained,
        w.reportId,
        w.fromVersion,
        w.fromWriteId,
        w.fromWriteId,
        w.actor.tokenId,
        w.now,
      ),
    ...(w.extra ?? []),
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
  statements.push(auditStatement(db, auditEntry(w.reportId, version, w.now, w.actor, "patch", detail), hash, stamp));
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
  statements.push(feedStatement(db, { ...w, version, kind: "patch", cells: w.apply.map((a) => a.key) }, stamp));
  if (w.idempotency) {
    statements.push(
      db
        .prepare(
          `INSERT INTO idempotency (token_id, key, request_hash, report_id, response, created_at)
           SELECT ?, ?, ?, ?, ?, ? WHERE ${STAMPED_REPORT}`,
        )
        .bind(
          w.actor.tokenId,
          w.idempotency.key,
          w.idempotency.requestHash,
          w.reportId,
          w.idempotency.response,
          w.now,
          ...stamp,
        ),
    );
  }
  if (w.index) statements.push(...indexStatements(db, w, w.index.plan, stamp), heldElsewhereById(db, w.reportId));
  const results = await db.batch(statements);
  const written = results[0]?.meta.changes === 1;
  if (written && w.index) w.index.found((results[results.length - 1]?.results ?? []) as HeldElsewhere[]);
  return written ? hash : null;
}

function auditEntry(reportId: number, version: number, at: string, actor: Actor, action: string, detail: string) {
  return { reportId, version, at, tokenId: actor.tokenId, actor: actor.label, role: actor.role, action, detail };
}

function auditStatement(
  db: D1Database,
  e: ReturnType<typeof auditEntry>,
  hash: string,
  stamp: readonly [number, string],
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO audit (report_id, version, at, token_id, actor, role, action, detail, hash)
       SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE ${STAMPED_REPORT}`,
    )
    .bind(e.reportId, e.version, e.at, e.tokenId, e.actor, e.role, e.action, e.detail, hash, ...stamp);
}

function feedStatement(
  db: D1Database,
  e: {
    round: string;
    unit: string;
    unitPath: string;
    version: number;
    kind: string;
    status: string;
    cells: string[];
    now: string;
  },
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
  /** As in PatchWrite. */
  prevHash: string | null;
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
  const entry = auditEntry(w.reportId, version, w.now, w.actor, w.action, JSON.stringify(w.detail));
  const hash = await entryHash(w.prevHash ?? GENESIS, { ...entry, cells: [] });
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
        w.to,
        version,
        w.writeId,
        w.now,
        w.late === null ? null : w.late ? 1 : 0,
        w.returnReason,
        w.to,
        w.now,
        w.reportId,
        w.fromVersion,
      ),
    auditStatement(db, entry, hash, stamp),
    feedStatement(db, { ...w, version, kind: w.action, status: w.to, cells: [] }, stamp),
  ]);
  return guard?.meta.changes === 1;
}

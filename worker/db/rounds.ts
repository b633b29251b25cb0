import type { Round } from "../../schemas/api/rounds";
import type { Caller } from "../env";
import { subtreeRange, visiblePaths } from "./scope";
import { GENESIS, entryHash } from "../integrity/chain";
import { STAMPED_ROUND, jsonChunks } from "./batch";

interface RoundRow {
  id: string;
  template_id: string;
  template_version: number;
  title: string;
  period: string;
  due_date: string;
  root_unit: string;
  status: "open" | "locked";
  created_at: string;
  locked_at: string | null;
}

const SELECT_ROUND = `SELECT r.id, r.template_id, r.template_version, t.title, r.period, r.due_date,
       r.root_unit, r.status, r.created_at, r.locked_at
  FROM rounds r JOIN templates t ON t.id = r.template_id AND t.version = r.template_version`;

function toRound(row: RoundRow): Round {
  return {
    id: row.id,
    templateId: row.template_id,
    templateVersion: row.template_version,
    title: row.title,
    period: row.period,
    dueDate: row.due_date,
    rootUnit: row.root_unit,
    status: row.status,
    createdAt: row.created_at,
    lockedAt: row.locked_at,
  };
}

/** A round exists for the caller when it has a report of a unit the caller sees. */
function visibleRound(caller: Caller): { sql: string; params: string[] } {
  if (caller.role === "admin") return { sql: "1", params: [] };
  const scope = visiblePaths(caller, "u.path");
  return {
    sql: `EXISTS (SELECT 1 FROM reports p JOIN units u ON u.code = p.unit WHERE p.round_id = r.id AND ${scope.sql})`,
    params: scope.params,
  };
}

export async function listRounds(db: D1Database, caller: Caller): Promise<Round[]> {
  const v = visibleRound(caller);
  const { results } = await db
    .prepare(`${SELECT_ROUND} WHERE ${v.sql} ORDER BY r.created_at DESC, r.id`)
    .bind(...v.params)
    .all<RoundRow>();
  return results.map(toRound);
}

/** The round, or null when it does not exist or the caller may not see it. */
export async function findRound(db: D1Database, caller: Caller, id: string): Promise<Round | null> {
  const v = visibleRound(caller);
  const row = await db
    .prepare(`${SELECT_ROUND} WHERE r.id = ? AND ${v.sql}`)
    .bind(id, ...v.params)
    .first<RoundRow>();
  return row ? toRound(row) : null;
}

export interface NewRound {
  id: string;
  templateId: string;
  templateVersion: number;
  period: string;
  dueDate: string;
  /** null: two years after the due date (worker/pii/retention.ts). */
  retainUntil?: string | null;
  rootUnit: string;
  rootPath: string;
  /** Explicit reporting units; null = every unit strictly below the root. */
  units: string[] | null;
  now: string;
  writeId: string;
}

/** Inserts the round and one draft report per reporting unit; false if the id is taken. */
export async function insertRound(db: D1Database, r: NewRound): Promise<boolean> {
  const [from, to] = subtreeRange(r.rootPath);
  const reports =
    r.units === null
      ? db
          .prepare(
            `INSERT INTO reports (round_id, unit) SELECT ?, code FROM units WHERE path > ? AND path < ? AND ${STAMPED_ROUND}`,
          )
          .bind(r.id, from, to, r.id, r.writeId)
      : db
          .prepare(`INSERT INTO reports (round_id, unit) SELECT ?, value FROM json_each(?) WHERE ${STAMPED_ROUND}`)
          .bind(r.id, JSON.stringify(r.units), r.id, r.writeId);
  const [insert] = await db.batch([
    db
      .prepare(
        `INSERT INTO rounds (id, template_id, template_version, period, due_date, root_unit, created_at, write_id, retain_until)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
      )
      .bind(
        r.id,
        r.templateId,
        r.templateVersion,
        r.period,
        r.dueDate,
        r.rootUnit,
        r.now,
        r.writeId,
        r.retainUntil ?? null,
      ),
    reports,
  ]);
  return insert?.meta.changes === 1;
}

/**
 * Locks an open round: the round and every report get one audited version
 * bump and a feed event, all in one batch. False when it was not open.
 *
 * Each lock entry chains to its report's last audit hash (integrity/chain.ts),
 * computed here from a read of the round's reports; the batch only applies if
 * no report moved since that read (count and sum of versions unchanged:
 * versions only grow), else it reads and tries again.
 */
export async function lockRound(
  db: D1Database,
  a: { id: string; actor: Caller; now: string; writeId: string },
): Promise<boolean> {
  for (;;) {
    const { results: heads } = await db
      .prepare(
        `SELECT p.id, p.version,
                (SELECT x.hash FROM audit x WHERE x.report_id = p.id ORDER BY x.version DESC LIMIT 1) AS last_hash
           FROM reports p WHERE p.round_id = ?`,
      )
      .bind(a.id)
      .all<{ id: number; version: number; last_hash: string | null }>();
    const entries = await Promise.all(
      heads.map(async (h) => {
        const entry = {
          reportId: h.id,
          version: h.version + 1,
          at: a.now,
          tokenId: a.actor.tokenId,
          actor: a.actor.label,
          role: a.actor.role,
          action: "lock",
          detail: "{}",
          cells: [],
        };
        return [h.id, h.version + 1, await entryHash(h.last_hash ?? GENESIS, entry)] as const;
      }),
    );
    const versionSum = heads.reduce((sum, h) => sum + h.version, 0);
    const stamp = STAMPED_ROUND;
    const statements = [
      db
        .prepare(
          `UPDATE rounds SET status = 'locked', locked_at = ?, write_id = ? WHERE id = ? AND status = 'open'
             AND (SELECT COUNT(*) FROM reports WHERE round_id = rounds.id) = ?
             AND (SELECT COALESCE(SUM(version), 0) FROM reports WHERE round_id = rounds.id) = ?`,
        )
        .bind(a.now, a.writeId, a.id, heads.length, versionSum),
      db
        .prepare(`UPDATE reports SET version = version + 1, updated_at = ? WHERE round_id = ? AND ${stamp}`)
        .bind(a.now, a.id, a.id, a.writeId),
      ...jsonChunks(entries).map((chunk) =>
        db
          .prepare(
            `INSERT INTO audit (report_id, version, at, token_id, actor, role, action, hash)
             SELECT value ->> 0, value ->> 1, ?, ?, ?, ?, 'lock', value ->> 2 FROM json_each(?) WHERE ${stamp}`,
          )
          .bind(a.now, a.actor.tokenId, a.actor.label, a.actor.role, chunk, a.id, a.writeId),
      ),
      db
        .prepare(
          `INSERT INTO feed (round_id, unit, unit_path, version, kind, status, at)
           SELECT p.round_id, p.unit, u.path, p.version, 'lock', p.status, ?
             FROM reports p JOIN units u ON u.code = p.unit WHERE p.round_id = ? AND ${stamp}`,
        )
        .bind(a.now, a.id, a.id, a.writeId),
    ];
    const [guard] = await db.batch(statements);
    if (guard?.meta.changes === 1) return true;
    const round = await db.prepare("SELECT status FROM rounds WHERE id = ?").bind(a.id).first<{ status: string }>();
    if (round?.status !== "open") return false;
    // A report moved between the read and the batch: read again.
  }
}

/** A round of a form over time (the trend): the version it used and when it was due. */
export interface TemplateRound {
  id: string;
  templateVersion: number;
  period: string;
  dueDate: string;
}

/**
 * Every round of a template id (any version) holding a report of a unit in the
 * subtree at `unitPath`, oldest first: by due date, then by creation.
 */
export async function roundsOfTemplate(db: D1Database, templateId: string, unitPath: string): Promise<TemplateRound[]> {
  const [from, to] = subtreeRange(unitPath);
  const { results } = await db
    .prepare(
      `SELECT r.id, r.template_version AS templateVersion, r.period, r.due_date AS dueDate FROM rounds r
        WHERE r.template_id = ? AND EXISTS (SELECT 1 FROM reports p JOIN units u ON u.code = p.unit
                                             WHERE p.round_id = r.id AND u.path >= ? AND u.path < ?)
        ORDER BY r.due_date, r.created_at, r.id`,
    )
    .bind(templateId, from, to)
    .all<TemplateRound>();
  return results;
}

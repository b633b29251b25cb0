/**
 * Verifies the audit hash chain of each report and that the stored state is the
 * one its audit replays to (issue 12, tamper evidence). Reads page through the
 * reports by id, one batch per report, and stop after a bounded amount of work:
 * the answer's `next` says where the following request goes on.
 */
import { GENESIS, entryHash } from "./chain";

export interface BrokenReport {
  round: string;
  unit: string;
  /** The audit version where the history stops agreeing (the report's version for a state mismatch). */
  version: number;
  what: string;
}

export interface VerifyResult {
  /** No broken report among the ones checked (the whole database when `next` is absent). */
  ok: boolean;
  checked: number;
  firstBroken?: BrokenReport;
  /** Report id to go on after (`?after=`); absent when every report was checked. */
  next?: number;
}

interface Head {
  id: number;
  round_id: string;
  unit: string;
  status: string;
  version: number;
  notes: string;
  from_version: number | null;
}
interface AuditRow {
  version: number;
  at: string;
  token_id: number | null;
  actor: string;
  role: string;
  action: string;
  detail: string;
  hash: string | null;
}
interface CellChange {
  version: number;
  cell: string;
  old: string | null;
  new: string | null;
}

const PAGE = 100;
/** Rows read per request before it answers with `next` (a report is never split). */
const ROW_BUDGET = 200_000;
const NOTE = "note:";
const STATUS_AFTER: Record<string, string> = { submit: "submitted", return: "returned", approve: "approved" };

export async function verifyReports(
  db: D1Database,
  opts: { round?: string; after?: number; rowBudget?: number },
): Promise<VerifyResult> {
  const budget = opts.rowBudget ?? ROW_BUDGET;
  const { results: ids } = await db
    .prepare(`SELECT id FROM reports WHERE id > ? AND (?2 IS NULL OR round_id = ?2) ORDER BY id LIMIT ${PAGE + 1}`)
    .bind(opts.after ?? 0, opts.round ?? null)
    .all<{ id: number }>();
  let checked = 0;
  let rows = 0;
  for (const [i, { id }] of ids.slice(0, PAGE).entries()) {
    if (i > 0 && rows >= budget) return { ok: true, checked, next: ids[i - 1]?.id };
    const r = await verifyReport(db, id);
    checked++;
    rows += r.rows;
    if (r.broken) return { ok: false, checked, firstBroken: r.broken };
  }
  const last = ids[Math.min(ids.length, PAGE) - 1];
  return ids.length > PAGE && last ? { ok: true, checked, next: last.id } : { ok: true, checked };
}

async function verifyReport(db: D1Database, id: number): Promise<{ rows: number; broken?: BrokenReport }> {
  const [h, c, a, ac] = await db.batch([
    db
      .prepare(
        `SELECT p.id, p.round_id, p.unit, p.status, p.version, p.notes, s.from_version
           FROM reports p LEFT JOIN audit_chain_start s ON s.report_id = p.id WHERE p.id = ?`,
      )
      .bind(id),
    db.prepare("SELECT cell, value FROM report_cells WHERE report_id = ?").bind(id),
    db
      .prepare(
        "SELECT version, at, token_id, actor, role, action, detail, hash FROM audit WHERE report_id = ? ORDER BY version, id",
      )
      .bind(id),
    db.prepare("SELECT version, cell, old, new FROM audit_cells WHERE report_id = ? ORDER BY version").bind(id),
  ]);
  const head = h?.results[0] as Head | undefined;
  const cells = (c?.results ?? []) as { cell: string; value: string }[];
  const audit = (a?.results ?? []) as unknown as AuditRow[];
  const changes = (ac?.results ?? []) as unknown as CellChange[];
  const rows = cells.length + audit.length + changes.length;
  if (!head) return { rows };
  const broken = (version: number, what: string) => ({
    rows,
    broken: { round: head.round_id, unit: head.unit, version, what },
  });

  const byVersion = new Map<number, CellChange[]>();
  for (const ch of changes) {
    const list = byVersion.get(ch.version) ?? [];
    list.push(ch);
    byVersion.set(ch.version, list);
  }
  const start = head.from_version ?? 1;
  let prev = GENESIS;
  let status = "draft";
  const replayed = new Map<string, string>();
  for (const [i, e] of audit.entries()) {
    if (e.version !== i + 1) {
      return e.version > i + 1
        ? broken(i + 1, `审计记录缺少第 ${i + 1} 版（被删除）`)
        : broken(e.version, `第 ${e.version} 版审计记录重复`);
    }
    const own = byVersion.get(e.version) ?? [];
    byVersion.delete(e.version);
    if (e.version >= start) {
      const expected = await entryHash(prev, {
        reportId: id,
        version: e.version,
        at: e.at,
        tokenId: e.token_id,
        actor: e.actor,
        role: e.role,
        action: e.action,
        detail: e.detail,
        cells: own,
      });
      if (e.hash !== expected) return broken(e.version, `第 ${e.version} 版审计记录与哈希链不符（审计记录被改动）`);
      prev = expected;
    }
    for (const ch of own) {
      if (ch.new === null) replayed.delete(ch.cell);
      else replayed.set(ch.cell, ch.new);
    }
    status = STATUS_AFTER[e.action] ?? status;
  }
  const orphan = [...byVersion.keys()][0];
  if (orphan !== undefined) return broken(orphan, `第 ${orphan} 版的单元格改动没有对应的审计记录`);
  if (head.version !== audit.length) {
    return broken(head.version, `reports 的版本号 ${head.version} 与审计记录（共 ${audit.length} 版）不符`);
  }
  if (head.status !== status) return broken(head.version, `reports 的状态 ${head.status} 与审计记录（${status}）不符`);

  const stored = new Map(cells.map((x) => [x.cell, x.value]));
  for (const [cell, value] of replayed) {
    if (cell.startsWith(NOTE)) continue;
    if (stored.get(cell) !== value) return broken(head.version, `report_cells 的 ${cell} 与审计记录不符`);
    stored.delete(cell);
  }
  const extra = [...stored.keys()][0];
  if (extra !== undefined) return broken(head.version, `report_cells 的 ${extra} 与审计记录不符`);

  const notes = JSON.parse(head.notes) as Record<string, string>;
  for (const [cell, value] of replayed) {
    if (!cell.startsWith(NOTE)) continue;
    const problem = cell.slice(NOTE.length);
    if (notes[problem] !== value) return broken(head.version, `上报说明 ${problem} 与审计记录不符`);
    delete notes[problem];
  }
  const extraNote = Object.keys(notes)[0];
  if (extraNote !== undefined) return broken(head.version, `上报说明 ${extraNote} 与审计记录不符`);
  return { rows };
}

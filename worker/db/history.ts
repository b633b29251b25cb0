import type { HistoryEntry } from "../../schemas/api/reports";

interface AuditRow {
  version: number;
  at: string;
  actor: string;
  role: string;
  action: string;
  detail: string;
  cells: string | null;
}

/** The audit trail of one report, oldest first, each entry with its cell changes. */
export async function readHistory(db: D1Database, reportId: number): Promise<HistoryEntry[]> {
  const { results } = await db
    .prepare(
      `SELECT a.version, a.at, a.actor, a.role, a.action, a.detail,
              (SELECT json_group_array(json_array(c.cell, c.old, c.new)) FROM audit_cells c
                WHERE c.report_id = a.report_id AND c.version = a.version AND a.action = 'patch') AS cells
         FROM audit a WHERE a.report_id = ? ORDER BY a.id`,
    )
    .bind(reportId)
    .all<AuditRow>();
  return results.map((r) => ({
    version: r.version,
    at: r.at,
    actor: r.actor,
    role: r.role,
    action: r.action,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
    cells: (JSON.parse(r.cells ?? "[]") as [string, string | null, string | null][]).map(([cell, old, nw]) => ({
      cell,
      old,
      new: nw,
    })),
  }));
}

import type { ChangeEvent } from "../../schemas/api/changes";
import type { Caller } from "../env";
import { visiblePaths } from "./scope";

interface FeedRow {
  cursor: number;
  round_id: string;
  unit: string;
  version: number;
  kind: ChangeEvent["kind"];
  status: string;
  cells: string;
  at: string;
}

/**
 * Events after `since` that the caller may see, plus the feed's head. Both come
 * from one batch (one transaction), so an event written meanwhile is never
 * skipped: when nothing more is visible the client may jump to the head.
 */
export async function readFeed(
  db: D1Database,
  caller: Caller,
  q: { since: number; round?: string | undefined; limit: number },
): Promise<{ events: ChangeEvent[]; cursor: number; more: boolean }> {
  const scope = visiblePaths(caller, "unit_path");
  const roundFilter = q.round === undefined ? "" : "AND round_id = ?";
  const params = [q.since, ...(q.round === undefined ? [] : [q.round]), ...scope.params, q.limit + 1];
  const [events, head] = await db.batch([
    db
      .prepare(
        `SELECT cursor, round_id, unit, version, kind, status, cells, at FROM feed
          WHERE cursor > ? ${roundFilter} AND ${scope.sql} ORDER BY cursor LIMIT ?`,
      )
      .bind(...params),
    db.prepare("SELECT COALESCE(MAX(cursor), 0) AS head FROM feed"),
  ]);
  const rows = (events?.results ?? []) as FeedRow[];
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const headCursor = (head?.results[0] as { head: number } | undefined)?.head ?? 0;
  return {
    events: page.map((r) => ({
      cursor: r.cursor,
      round: r.round_id,
      unit: r.unit,
      version: r.version,
      kind: r.kind,
      status: r.status,
      cells: JSON.parse(r.cells) as string[],
      at: r.at,
    })),
    cursor: more ? (last?.cursor ?? q.since) : Math.max(headCursor, q.since),
    more,
  };
}

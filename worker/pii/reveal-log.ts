import type { Caller } from "../env";

/** One reveal of sensitive values in full (table pii_reveals, migration 0005). */
export interface Reveal {
  round: string;
  /** null: a round-wide payment-list export. */
  unit: string | null;
  what: { cells: string[] } | { rows: string[] } | { export: string };
  purpose: string;
}

export interface RevealRecord extends Reveal {
  id: number;
  at: string;
  tokenId: number;
  actor: string;
  role: string;
}

export async function logReveal(db: D1Database, caller: Caller, r: Reveal, now: string): Promise<void> {
  await db
    .prepare(
      `INSERT INTO pii_reveals (at, token_id, actor, role, round_id, unit, what, purpose)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(now, caller.tokenId, caller.label, caller.role, r.round, r.unit, JSON.stringify(r.what), r.purpose)
    .run();
}

interface RevealRow {
  id: number;
  at: string;
  token_id: number;
  actor: string;
  role: string;
  round_id: string;
  unit: string | null;
  what: string;
  purpose: string;
}

/** The latest reveals first; `before` pages back by id. */
export async function listReveals(
  db: D1Database,
  q: { before?: number | undefined; limit: number },
): Promise<RevealRecord[]> {
  const { results } = await db
    .prepare("SELECT * FROM pii_reveals WHERE id < ? ORDER BY id DESC LIMIT ?")
    .bind(q.before ?? Number.MAX_SAFE_INTEGER, q.limit)
    .all<RevealRow>();
  return results.map((r) => ({
    id: r.id,
    at: r.at,
    tokenId: r.token_id,
    actor: r.actor,
    role: r.role,
    round: r.round_id,
    unit: r.unit,
    what: JSON.parse(r.what) as Reveal["what"],
    purpose: r.purpose,
  }));
}

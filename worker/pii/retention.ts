/**
 * Erasure at the end of retention (docs/privacy.md): once a round's retention
 * date has passed (rounds.retain_until, default two years after its due date),
 * its data key and every row key are destroyed, and its blind index rows deleted
 * (an HMAC still links a person across rounds). The sealed values stay in
 * report_cells and audit_cells as unreadable bytes; history shows 「（已擦除）」.
 */
export const DEFAULT_RETENTION = "+2 years";

const EXPIRED = `SELECT id FROM rounds WHERE COALESCE(retain_until, date(due_date, '${DEFAULT_RETENTION}')) < ?`;

/** Destroys the keys of every round whose retention ended before `today` (YYYY-MM-DD); answers how many rounds. */
export async function destroyExpiredKeys(db: D1Database, today: string): Promise<number> {
  const [, rounds] = await db.batch([
    db
      .prepare(`DELETE FROM pii_row_keys WHERE report_id IN (SELECT id FROM reports WHERE round_id IN (${EXPIRED}))`)
      .bind(today),
    db.prepare(`DELETE FROM pii_round_keys WHERE round_id IN (${EXPIRED})`).bind(today),
    db.prepare(`DELETE FROM blind_index WHERE round_id IN (${EXPIRED})`).bind(today),
  ]);
  return rounds?.meta.changes ?? 0;
}

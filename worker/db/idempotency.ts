/**
 * Idempotency-Key records of successful saves, per token. A write records its
 * key inside its own guarded batch (db/reports.ts); these are the reads and the
 * record of a save that had nothing to write.
 */
export interface IdempotencyRecord {
  request_hash: string;
  report_id: number;
  response: string;
}

/** The lookup as a statement, to run inside another read's batch. */
export function idempotencyStatement(db: D1Database, tokenId: number, key: string): D1PreparedStatement {
  return db
    .prepare("SELECT request_hash, report_id, response FROM idempotency WHERE token_id = ? AND key = ?")
    .bind(tokenId, key);
}

/** The same lookup by the caller's token hash, for a batch that resolves the token itself. */
export function idempotencyByTokenHashStatement(db: D1Database, tokenHash: string, key: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT request_hash, report_id, response FROM idempotency
        WHERE token_id = (SELECT id FROM tokens WHERE hash = ?) AND key = ?`,
    )
    .bind(tokenHash, key);
}

/** Remembers a key whose save changed nothing (a write records it inside its own batch). */
export async function insertIdempotency(
  db: D1Database,
  tokenId: number,
  reportId: number,
  idem: { key: string; requestHash: string; response: string },
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO idempotency (token_id, key, request_hash, report_id, response, created_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    )
    .bind(tokenId, idem.key, idem.requestHash, reportId, idem.response, new Date().toISOString())
    .run();
}

/** Deletes the records created before `cutoff` (an ISO instant); answers how many. */
export async function deleteIdempotencyBefore(db: D1Database, cutoff: string): Promise<number> {
  // created_at is an ISO instant, so text order is time order.
  const result = await db.prepare("DELETE FROM idempotency WHERE created_at < ?").bind(cutoff).run();
  return result.meta.changes;
}

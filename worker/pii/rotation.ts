import { masterKeys } from "./master-keys";
import { rewrapRoundKey, type RoundKeyRecord } from "./round-keys";

/**
 * Master key rotation (docs/privacy.md): every round data key not wrapped by the
 * current master key (the first of PII_MASTER_KEYS) is wrapped again by it. The
 * data keys themselves do not change, so no value is re-encrypted; once this
 * answers `remaining: 0` the old master key can leave the secret.
 */
export async function rotateRoundKeys(
  db: D1Database,
  secret: string | undefined,
): Promise<{ current: string; rewrapped: number; remaining: number }> {
  const master = await masterKeys(secret);
  const { results } = await db
    .prepare("SELECT round_id, master_id, wrapped FROM pii_round_keys WHERE master_id <> ?")
    .bind(master.currentId)
    .all<RoundKeyRecord & { round_id: string }>();
  let rewrapped = 0;
  for (let i = 0; i < results.length; i += 50) {
    const statements = await Promise.all(
      results.slice(i, i + 50).map(async (r) => {
        const next = await rewrapRoundKey(master, r.round_id, r);
        // Guarded by the old wrapping: a concurrent rotation or retention wins, nothing is lost.
        return db
          .prepare("UPDATE pii_round_keys SET master_id = ?, wrapped = ? WHERE round_id = ? AND wrapped = ?")
          .bind(next.master_id, next.wrapped, r.round_id, r.wrapped);
      }),
    );
    for (const r of await db.batch(statements)) rewrapped += r.meta.changes;
  }
  const left = await db
    .prepare("SELECT COUNT(*) AS n FROM pii_round_keys WHERE master_id <> ?")
    .bind(master.currentId)
    .first<{ n: number }>();
  return { current: master.currentId, rewrapped, remaining: left?.n ?? 0 };
}

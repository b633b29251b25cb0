import { importAesKey, openBytes, randomKeyBytes, sealBytes } from "./aead";
import type { MasterKeys } from "./master-keys";

/** A round's data key as stored in pii_round_keys (migration 0005). */
export interface RoundKeyRecord {
  master_id: string;
  wrapped: string;
}

const aadOf = (round: string) => `round-key\n${round}`;

export function roundKeyStatement(db: D1Database, round: string): D1PreparedStatement {
  return db.prepare("SELECT master_id, wrapped FROM pii_round_keys WHERE round_id = ?").bind(round);
}

export async function unwrapRoundKey(master: MasterKeys, round: string, rec: RoundKeyRecord): Promise<CryptoKey> {
  const key = master.byId.get(rec.master_id);
  if (!key) {
    throw new Error(
      `PII_MASTER_KEYS lacks key ${rec.master_id} that wraps round ${round}'s data key (docs/privacy.md)`,
    );
  }
  return importAesKey(await openBytes(key, rec.wrapped, aadOf(round)));
}

/** The raw data key wrapped again with the current master key (rotation). */
export async function rewrapRoundKey(master: MasterKeys, round: string, rec: RoundKeyRecord): Promise<RoundKeyRecord> {
  const old = master.byId.get(rec.master_id);
  if (!old) throw new Error(`PII_MASTER_KEYS lacks key ${rec.master_id} that wraps round ${round}'s data key`);
  const raw = await openBytes(old, rec.wrapped, aadOf(round));
  const current = master.byId.get(master.currentId) as CryptoKey;
  return { master_id: master.currentId, wrapped: await sealBytes(current, raw, aadOf(round)) };
}

/**
 * The round's data key: the stored one, or a new one. Two first writers of a round
 * race with INSERT OR IGNORE; both then use the one that was stored.
 */
export async function roundKey(
  db: D1Database,
  master: MasterKeys,
  round: string,
  stored: RoundKeyRecord | null,
): Promise<{ key: CryptoKey; record: RoundKeyRecord }> {
  if (stored) return { key: await unwrapRoundKey(master, round, stored), record: stored };
  const current = master.byId.get(master.currentId) as CryptoKey;
  const wrapped = await sealBytes(current, randomKeyBytes(), aadOf(round));
  const [, read] = await db.batch([
    db
      .prepare("INSERT OR IGNORE INTO pii_round_keys (round_id, master_id, wrapped, created_at) VALUES (?, ?, ?, ?)")
      .bind(round, master.currentId, wrapped, new Date().toISOString()),
    roundKeyStatement(db, round),
  ]);
  const rec = read?.results[0] as RoundKeyRecord | undefined;
  if (!rec) throw new Error(`round ${round}: its data key was destroyed (retention passed)`);
  return { key: await unwrapRoundKey(master, round, rec), record: rec };
}

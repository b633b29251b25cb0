import { STAMPED_REPORT } from "../db/batch";
import { ApiError } from "../errors";
import { importAesKey, openBytes, openText, randomKeyBytes, sealBytes, sealText } from "./aead";
import { masterKeys } from "./master-keys";
import { roundKey, type RoundKeyRecord } from "./round-keys";

/**
 * The keys that seal one report's sensitive values: one per roster row and one for
 * its header fields (scope `<roster>.<rowId>` / `header`), each wrapped by the
 * round's data key. A stored value is `pii1:<key id>:<base64 iv|ciphertext>` with
 * the report id and cell key as AAD, so a value copied to another cell or report
 * does not open. Keys are unwrapped at most once per instance (= per request).
 */
export const SEALED_PREFIX = "pii1:";

export interface RowKeyRecord {
  id: string;
  scope: string;
  wrapped: string;
}

/** What the caller hands over to open and seal: D1, the secret, the round's stored data key if read. */
export interface KeySource {
  db: D1Database;
  masterSecret: string | undefined;
  round: string;
  roundKey: RoundKeyRecord | null;
}

export function rowKeysStatement(db: D1Database, reportId: number | string, unit?: string): D1PreparedStatement {
  return unit === undefined
    ? db.prepare("SELECT id, scope, wrapped FROM pii_row_keys WHERE report_id = ?").bind(reportId)
    : db
        .prepare(
          `SELECT id, scope, wrapped FROM pii_row_keys
            WHERE report_id = (SELECT id FROM reports WHERE round_id = ? AND unit = ?)`,
        )
        .bind(reportId, unit);
}

export const isSealed = (value: string | null): value is string => value !== null && value.startsWith(SEALED_PREFIX);

const rowAad = (id: string) => `row-key\n${id}`;
const valueAad = (reportId: number, cell: string) => `${reportId}\n${cell}`;

export class ReportKeys {
  /** Current keys by scope (after this request's creations and destructions). */
  readonly byScope = new Map<string, RowKeyRecord>();
  private readonly byId = new Map<string, RowKeyRecord>();
  private readonly unwrapped = new Map<string, Promise<CryptoKey>>();
  private dataKey: Promise<CryptoKey> | null = null;
  /** The round's stored data key, once known (the isolate's cache of the report keeps it). */
  roundRecord: RoundKeyRecord | null;
  private readonly pending = new Map<string, Promise<RowKeyRecord>>();
  readonly created: RowKeyRecord[] = [];
  readonly destroyed: string[] = [];

  constructor(
    private readonly source: KeySource,
    readonly reportId: number,
    records: readonly RowKeyRecord[],
  ) {
    this.roundRecord = source.roundKey;
    for (const r of records) {
      this.byScope.set(r.scope, r);
      this.byId.set(r.id, r);
    }
  }

  private roundKey(): Promise<CryptoKey> {
    this.dataKey ??= masterKeys(this.source.masterSecret)
      .then((m) => roundKey(this.source.db, m, this.source.round, this.source.roundKey))
      .then(({ key, record }) => {
        this.roundRecord = record;
        return key;
      });
    return this.dataKey;
  }

  private key(rec: RowKeyRecord): Promise<CryptoKey> {
    let key = this.unwrapped.get(rec.id);
    if (!key) {
      key = this.roundKey().then(async (k) => importAesKey(await openBytes(k, rec.wrapped, rowAad(rec.id))));
      this.unwrapped.set(rec.id, key);
    }
    return key;
  }

  /** The plain value; null when its key was destroyed (erased). Throws for a value that does not open here. */
  async open(cell: string, stored: string): Promise<string | null> {
    if (!isSealed(stored)) return stored;
    const sep = stored.indexOf(":", SEALED_PREFIX.length);
    const rec = this.byId.get(stored.slice(SEALED_PREFIX.length, sep));
    if (!rec) return null;
    const key = await this.key(rec); // a master key missing from the secret says so itself
    try {
      return await openText(key, stored.slice(sep + 1), valueAad(this.reportId, cell));
    } catch {
      // A changed or moved ciphertext: never guess, stop the read.
      console.error("pii: a sealed value does not open", { report: this.reportId, cell });
      throw new ApiError(
        "data_integrity",
        "该报表有加密数据无法解开（数据可能被改动），为免显示错误的信息已停止读取；请联系管理员运行完整性检查",
        { cell },
      );
    }
  }

  async seal(cell: string, scope: string, plain: string): Promise<string> {
    let rec = this.byScope.get(scope);
    if (!rec) {
      // The cells of one row are sealed concurrently: they must share the one new key.
      let pending = this.pending.get(scope);
      if (!pending) {
        pending = this.create(scope);
        this.pending.set(scope, pending);
      }
      rec = await pending;
    }
    return `${SEALED_PREFIX}${rec.id}:${await sealText(await this.key(rec), plain, valueAad(this.reportId, cell))}`;
  }

  private async create(scope: string): Promise<RowKeyRecord> {
    const id = crypto.randomUUID().replaceAll("-", "");
    const raw = randomKeyBytes();
    this.unwrapped.set(id, importAesKey(raw));
    const rec = { id, scope, wrapped: await sealBytes(await this.roundKey(), raw, rowAad(id)) };
    this.byScope.set(scope, rec);
    this.byId.set(id, rec);
    this.created.push(rec);
    this.pending.delete(scope);
    return rec;
  }

  /** Erasure: the scope's key is deleted by this request's write (values already sealed stay sealed forever). */
  destroy(scope: string): void {
    const rec = this.byScope.get(scope);
    if (!rec) return;
    this.byScope.delete(scope);
    this.destroyed.push(rec.id);
  }

  /** The key changes as statements of a guarded write batch (they apply only if its guard matched). */
  statements(db: D1Database, stamp: readonly [number, string], now: string): D1PreparedStatement[] {
    const out = this.created
      .filter((r) => this.byScope.get(r.scope) === r)
      .map((r) =>
        db
          .prepare(
            `INSERT INTO pii_row_keys (id, report_id, scope, wrapped, created_at)
             SELECT ?, ?, ?, ?, ? WHERE ${STAMPED_REPORT}`,
          )
          .bind(r.id, this.reportId, r.scope, r.wrapped, now, ...stamp),
      );
    const gone = this.destroyed.filter((id) => !this.created.some((r) => r.id === id));
    if (gone.length > 0) {
      out.push(
        db
          .prepare(`DELETE FROM pii_row_keys WHERE id IN (SELECT value FROM json_each(?)) AND ${STAMPED_REPORT}`)
          .bind(JSON.stringify(gone), ...stamp),
      );
    }
    return out;
  }

  /** The records after this request's write, for the isolate's cache of the report. */
  records(): RowKeyRecord[] {
    return [...this.byScope.values()];
  }
}

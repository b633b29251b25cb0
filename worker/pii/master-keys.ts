/**
 * The master keys from the Worker secret PII_MASTER_KEYS (docs/privacy.md):
 * `id:base64(32 bytes)` separated by commas; the first is current (wraps new
 * round keys and rotations), the others only unwrap until rotation re-wrapped them.
 */
export interface MasterKeys {
  currentId: string;
  byId: Map<string, CryptoKey>;
}

const ENTRY = /^([A-Za-z0-9_-]{1,32}):([A-Za-z0-9+/]{43}=)$/;

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function toBase64(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

const parsed = new Map<string, Promise<MasterKeys>>();

/** Parses (once per isolate and secret) and imports the master keys; a malformed secret is refused. */
export function masterKeys(secret: string | undefined): Promise<MasterKeys> {
  const text = secret ?? "";
  let keys = parsed.get(text);
  if (!keys) {
    keys = importMasterKeys(text);
    parsed.set(text, keys);
  }
  return keys;
}

async function importMasterKeys(text: string): Promise<MasterKeys> {
  const entries = text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (entries.length === 0) {
    throw new Error("PII_MASTER_KEYS is not set: `wrangler secret put PII_MASTER_KEYS` (docs/privacy.md)");
  }
  const byId = new Map<string, CryptoKey>();
  for (const entry of entries) {
    const m = ENTRY.exec(entry);
    if (!m) throw new Error("PII_MASTER_KEYS: every entry must be `id:base64 of 32 bytes` (docs/privacy.md)");
    const [, id, b64] = m as unknown as [string, string, string];
    if (byId.has(id)) throw new Error(`PII_MASTER_KEYS: key id ${id} appears twice`);
    const raw = fromBase64(b64);
    if (raw.length !== 32) throw new Error(`PII_MASTER_KEYS: key ${id} is not 32 bytes`);
    byId.set(id, await crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]));
  }
  return { currentId: ENTRY.exec(entries[0] as string)?.[1] as string, byId };
}

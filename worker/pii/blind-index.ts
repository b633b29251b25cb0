/**
 * The blind index of a sensitive value (docs/privacy.md): HMAC-SHA-256 under the
 * Worker secret PII_INDEX_KEY of the value's canonical text, prefixed with its
 * column type. Equal values give equal indexes, so duplicates are found with an
 * indexed SQL equality and nothing is decrypted; without the key an index cannot be
 * checked against guessed ID numbers (an unkeyed hash of an 18-digit 身份证号, whose
 * region, birth date and check digit are predictable, would be brute-forced in minutes).
 */
import type { InputSpec } from "../../schemas/input";

/** The value types an index is kept for, as the template spells them. */
export type IndexedKind = InputSpec["kind"];

/**
 * The text that is hashed. Saved values are already canonical (schemas/input.ts:
 * 身份证号 with an upper-case X, 银行卡号 digits only); folding again here keeps two
 * spellings of one number from ever giving two indexes. The type prefix keeps an ID
 * number and a card number with the same digits apart.
 */
export function indexedText(kind: IndexedKind, value: string): string {
  switch (kind) {
    case "idcard":
      return `idcard:${value.replace(/\s+/g, "").toUpperCase()}`;
    case "bankcard":
      return `bankcard:${value.replace(/\D+/g, "")}`;
    case "phone":
      return `phone:${value.replace(/\D+/g, "")}`;
    default:
      return `${kind}:${value.trim()}`;
  }
}

const keys = new Map<string, Promise<CryptoKey>>();

/** PII_INDEX_KEY (base64 of 32 random bytes) as an HMAC key, imported once per isolate. */
export function indexKey(secret: string | undefined): Promise<CryptoKey> {
  if (!secret) return Promise.reject(new Error("PII_INDEX_KEY is not set (wrangler secret put PII_INDEX_KEY)"));
  let key = keys.get(secret);
  if (!key) {
    const bytes = Uint8Array.from(atob(secret.trim()), (ch) => ch.charCodeAt(0));
    if (bytes.length !== 32) return Promise.reject(new Error("PII_INDEX_KEY must be base64 of 32 bytes"));
    key = crypto.subtle.importKey("raw", bytes, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    keys.set(secret, key);
  }
  return key;
}

/** The index as 64 hex digits. */
export async function blindIndex(key: CryptoKey, kind: IndexedKind, value: string): Promise<string> {
  const mac = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(indexedText(kind, value)));
  let hex = "";
  for (const b of new Uint8Array(mac)) hex += b.toString(16).padStart(2, "0");
  return hex;
}

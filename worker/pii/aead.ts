import { fromBase64, toBase64 } from "./master-keys";

/** AES-256-GCM with a random 96-bit IV; the output is base64(iv | ciphertext+tag). */
const enc = new TextEncoder();
const dec = new TextDecoder();

export async function sealBytes(key: CryptoKey, plain: Uint8Array<ArrayBuffer>, aad: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = new Uint8Array(
    await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: enc.encode(aad) }, key, plain),
  );
  const out = new Uint8Array(12 + ct.length);
  out.set(iv);
  out.set(ct, 12);
  return toBase64(out);
}

/** Throws when the key, the AAD (e.g. the value was moved to another cell) or the bytes do not match. */
export async function openBytes(key: CryptoKey, sealed: string, aad: string): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = fromBase64(sealed);
  const iv = bytes.slice(0, 12);
  return new Uint8Array(
    await crypto.subtle.decrypt({ name: "AES-GCM", iv, additionalData: enc.encode(aad) }, key, bytes.slice(12)),
  );
}

export const sealText = (key: CryptoKey, text: string, aad: string) =>
  sealBytes(key, new Uint8Array(enc.encode(text)), aad);
export const openText = async (key: CryptoKey, sealed: string, aad: string) =>
  dec.decode(await openBytes(key, sealed, aad));

export function randomKeyBytes(): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(32));
}

export function importAesKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
}

/**
 * What a bearer token is: "hb_" + 32 random bytes, and the SHA-256 hash that is
 * the only form in which it is stored (worker/db/tokens.ts, migration 0002).
 */
const TOKEN_PREFIX = "hb_";

/** SHA-256 of UTF-8 text, lower-case hex (Web Crypto: same in the Worker, Node and tests). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The only form in which tokens are stored. */
export function hashToken(token: string): Promise<string> {
  return sha256Hex(token);
}

/** A fresh token: "hb_" + 32 random bytes, base64url. */
export function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const b64 = btoa(String.fromCharCode(...bytes));
  return TOKEN_PREFIX + b64.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

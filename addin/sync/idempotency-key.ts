/**
 * A fresh Idempotency-Key per save. The task pane runs over HTTPS, where
 * `crypto.randomUUID` exists; the fallback covers older embedded browsers.
 */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === "function") return c.randomUUID();
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

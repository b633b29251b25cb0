import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../../../worker/auth/token";
import { api, seed, storageSnapshot, TOKENS } from "../helpers";

beforeAll(() => seed());

describe("authentication", () => {
  it("answers 401 without a token, with the error shape and a challenge", async () => {
    const res = await api(null, "GET", "/me");
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
    expect(res.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
  });

  it("answers 401 for an unknown token and for a malformed header", async () => {
    expect((await api("hb_nope", "GET", "/me")).status).toBe(401);
    const res = await api(null, "GET", "/me", undefined, { Authorization: "Basic abc" });
    expect(res.status).toBe(401);
  });

  it("answers 401 token_revoked for a revoked token, and nothing it sends is stored", async () => {
    const before = await storageSnapshot();
    const res = await api(
      TOKENS.revoked,
      "PATCH",
      "/rounds/x/reports/hs-tunxi",
      { baseVersion: 0, changes: [] },
      { "If-Match": '"0"' },
    );
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("token_revoked");
    expect(await storageSnapshot()).toEqual(before);
  });

  it("stores tokens only as SHA-256 hex", async () => {
    const { results } = await env.DB.prepare("SELECT hash FROM tokens").all<{ hash: string }>();
    for (const { hash } of results) expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(results.map((r) => r.hash)).toContain(await hashToken(TOKENS.filler));
  });
});

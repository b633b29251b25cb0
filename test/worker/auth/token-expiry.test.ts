import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { api, patch, readVersion, seed, storageSnapshot, TOKENS } from "../helpers";

/**
 * Tokens expire (issue 12): POST /tokens sets a lifetime, GET /me answers it, and
 * past it every route — also PATCH, which looks its token up in its own batch and
 * may save from the isolate's cache of callers (the fast path) — answers 401
 * token_expired and stores nothing.
 */
const R = "jq-expiry";
const DAY_MS = 86_400_000;

beforeAll(() => seed([{ id: R, templateId: "test-jqzx", templateVersion: 1, rootUnit: "hs" }]));

async function issue(body: Record<string, unknown> = {}) {
  const res = await api(TOKENS.admin, "POST", "/tokens", {
    role: "filler",
    unit: "hs-tunxi",
    label: "屯溪区 临时",
    ...body,
  });
  return res;
}

/** Time passing: the token's expiry moved into the past, as the clock would. */
async function expire(id: number) {
  const past = new Date(Date.now() - 60_000).toISOString();
  await env.DB.prepare("UPDATE tokens SET expires_at = ? WHERE id = ?").bind(past, id).run();
}

describe("token lifetime", () => {
  it("defaults to 90 days, takes expiresInDays up to 365, and GET /me answers it", async () => {
    const before = Date.now();
    const res = await issue();
    expect(res.status).toBe(201);
    const at = Date.parse(res.body.expiresAt as string);
    expect(at).toBeGreaterThanOrEqual(before + 90 * DAY_MS);
    expect(at).toBeLessThan(before + 91 * DAY_MS);
    const me = await api(res.body.token as string, "GET", "/me");
    expect(me.body.expiresAt).toBe(res.body.expiresAt);
    const short = await issue({ expiresInDays: 7 });
    expect(Date.parse(short.body.expiresAt as string)).toBeLessThan(before + 8 * DAY_MS);
    const list = await api(TOKENS.admin, "GET", "/tokens");
    expect(list.body.tokens.find((t: { id: number }) => t.id === short.body.id).expiresAt).toBe(short.body.expiresAt);
  });

  it.each([0, 366, 1.5, "30"])("refuses expiresInDays %s with 400, issuing nothing", async (days) => {
    const before = await storageSnapshot();
    const res = await issue({ expiresInDays: days });
    expect(res.status).toBe(400);
    expect(await storageSnapshot()).toEqual(before);
  });

  it("works until it expires, then answers 401 token_expired on GET with a zh-CN message", async () => {
    const created = await issue({ expiresInDays: 1 });
    const token = created.body.token as string;
    expect((await api(token, "GET", "/me")).status).toBe(200);
    await expire(created.body.id as number);
    const res = await api(token, "GET", "/me");
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("token_expired");
    expect(res.body.error.message).toMatch(/^令牌已于 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d 过期，请向管理员申请新的令牌$/);
    expect(res.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
  });

  it("refuses PATCH after expiry, also when the isolate saved with it just before (fast path)", async () => {
    const created = await issue({ expiresInDays: 1 });
    const token = created.body.token as string;
    let v = await readVersion(token, R, "hs-tunxi");
    // Two saves in a row: the second goes the fast path, with the caller cached.
    for (const value of ["1", "2"]) {
      const ok = await patch(token, R, "hs-tunxi", v, [{ cell: "total", value }]);
      expect(ok.status).toBe(200);
      v = ok.body.version as number;
    }
    await expire(created.body.id as number);
    const before = await storageSnapshot();
    const res = await patch(token, R, "hs-tunxi", v, [{ cell: "total", value: "3" }]);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("token_expired");
    expect(await storageSnapshot()).toEqual(before);
    // A fresh token of the same unit saves the same change (the pane's outbox flushes with it).
    expect((await patch(TOKENS.filler, R, "hs-tunxi", v, [{ cell: "total", value: "3" }])).status).toBe(200);
  });

  it("refuses an expired token on a fast-path save even when the database was not touched (the clock passed)", async () => {
    const created = await issue({ expiresInDays: 1 });
    const token = created.body.token as string;
    let v = await readVersion(token, R, "hs-tunxi");
    for (const value of ["4", "5"]) {
      const ok = await patch(token, R, "hs-tunxi", v, [{ cell: "people", value }]);
      v = ok.body.version as number;
    }
    // Only the clock moves: the row's expires_at stays, "now" passes it.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 2 * DAY_MS);
    try {
      const res = await patch(token, R, "hs-tunxi", v, [{ cell: "people", value: "6" }]);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("token_expired");
    } finally {
      vi.useRealTimers();
    }
  });
});

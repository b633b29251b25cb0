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
    const res = await api(TOKENS.revoked, "PATCH", "/rounds/x/reports/hs-tunxi", { baseVersion: 0, changes: [] }, { "If-Match": '"0"' });
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

describe("GET /me", () => {
  it("describes the caller", async () => {
    const res = await api(TOKENS.filler, "GET", "/me");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      role: "filler",
      label: "屯溪区 张三",
      unit: { code: "hs-tunxi", name: "屯溪区总工会", parent: "hs", path: "/hs/hs-tunxi/" },
    });
  });
});

describe("GET /units", () => {
  const codes = (roots: { code: string; children: unknown[] }[]): string[] =>
    roots.flatMap((r) => [r.code, ...codes(r.children as typeof roots)]);

  it("gives an admin every tree", async () => {
    const res = await api(TOKENS.admin, "GET", "/units");
    expect(res.status).toBe(200);
    expect(res.body.roots.map((r: { code: string }) => r.code)).toEqual(["hs", "sh"]);
    expect(codes(res.body.roots).sort()).toEqual(["hs", "hs-huizhou", "hs-tunxi", "hs-tunxi-a", "hs-tunxi-b", "sh", "sh-pd"]);
  });

  it("gives a reviewer its subtree, nested", async () => {
    const res = await api(TOKENS.reviewer, "GET", "/units");
    expect(res.body).toEqual({
      roots: [
        {
          code: "hs-tunxi",
          name: "屯溪区总工会",
          children: [
            { code: "hs-tunxi-a", name: "屯溪区昱东街道工会", children: [] },
            { code: "hs-tunxi-b", name: "屯溪区老街街道工会", children: [] },
          ],
        },
      ],
    });
  });

  it("gives a filler its own unit only", async () => {
    const res = await api(TOKENS.filler, "GET", "/units");
    expect(res.body).toEqual({ roots: [{ code: "hs-tunxi", name: "屯溪区总工会", children: [] }] });
  });
});

describe("tokens", () => {
  it("issues a token once, which then works; lists without secrets; revokes", async () => {
    const created = await api(TOKENS.admin, "POST", "/tokens", { role: "filler", unit: "hs-huizhou", label: "徽州区 新人" });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^hb_[A-Za-z0-9_-]{43}$/);
    const me = await api(created.body.token, "GET", "/me");
    expect(me.body.unit.code).toBe("hs-huizhou");

    const list = await api(TOKENS.admin, "GET", "/tokens");
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
    expect(list.body.tokens.find((t: { id: number }) => t.id === created.body.id)).toMatchObject({ label: "徽州区 新人", revokedAt: null });

    const revoked = await api(TOKENS.admin, "DELETE", `/tokens/${created.body.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    expect((await api(created.body.token, "GET", "/me")).body.error.code).toBe("token_revoked");
    const again = await api(TOKENS.admin, "DELETE", `/tokens/${created.body.id}`);
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
  });

  it("refuses non-admins with 403 and bad input with 400/422/404", async () => {
    for (const t of [TOKENS.filler, TOKENS.reviewer, TOKENS.cityReviewer]) {
      expect((await api(t, "POST", "/tokens", { role: "admin", unit: "hs", label: "x" })).status).toBe(403);
      expect((await api(t, "GET", "/tokens")).status).toBe(403);
      expect((await api(t, "DELETE", "/tokens/1")).status).toBe(403);
    }
    expect((await api(TOKENS.admin, "POST", "/tokens", { role: "boss", unit: "hs", label: "x" })).status).toBe(400);
    const unknown = await api(TOKENS.admin, "POST", "/tokens", { role: "filler", unit: "nowhere", label: "x" });
    expect([unknown.status, unknown.body.error.code]).toEqual([422, "unknown_unit"]);
    expect((await api(TOKENS.admin, "DELETE", "/tokens/99999")).status).toBe(404);
  });
});

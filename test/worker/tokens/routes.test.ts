import { beforeAll, describe, expect, it } from "vitest";
import { api, seed, TOKENS } from "../helpers";

beforeAll(() => seed());

describe("tokens", () => {
  it("issues a token once, which then works; lists without secrets; revokes", async () => {
    const created = await api(TOKENS.admin, "POST", "/tokens", {
      role: "filler",
      unit: "hs-huizhou",
      label: "徽州区 新人",
    });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^hb_[A-Za-z0-9_-]{43}$/);
    const me = await api(created.body.token, "GET", "/me");
    expect(me.body.unit.code).toBe("hs-huizhou");

    const list = await api(TOKENS.admin, "GET", "/tokens");
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
    expect(list.body.tokens.find((t: { id: number }) => t.id === created.body.id)).toMatchObject({
      label: "徽州区 新人",
      revokedAt: null,
    });

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

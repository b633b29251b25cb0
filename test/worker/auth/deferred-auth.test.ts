import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { api, patch, readVersion, seed, storageSnapshot, TOKENS } from "../helpers";

/**
 * PATCH of a report looks its bearer token up inside the save's first read
 * batch (worker/auth/authenticate.ts, worker/reports/save.ts). Whatever else is wrong with the
 * request, an unknown or revoked token still gets its 401 and nothing else.
 */
const R = "jq-deferred";
const PATH = `/rounds/${R}/reports/hs-tunxi`;

beforeAll(() => seed([{ id: R, templateId: "test-jqzx", templateVersion: 1, rootUnit: "hs" }]));

describe("PATCH with the token resolved in the read batch", () => {
  it("saves for a valid token, and the audit names it", async () => {
    const v = await readVersion(TOKENS.filler, R, "hs-tunxi");
    const res = await patch(TOKENS.filler, R, "hs-tunxi", v, [{ cell: "total", value: "1.5" }]);
    expect(res.status).toBe(200);
    const audit = await env.DB.prepare("SELECT actor, role FROM audit ORDER BY id DESC LIMIT 1").first();
    expect(audit).toEqual({ actor: "屯溪区 张三", role: "filler" });
  });

  const bad: [string, string, Record<string, string>, unknown][] = [
    ["a valid save", '"1"', {}, { baseVersion: 1, changes: [{ cell: "total", value: "9" }] }],
    ["If-Match ≠ baseVersion", '"0"', {}, { baseVersion: 1, changes: [] }],
    ["a body failing its schema", '"1"', {}, { baseVersion: "x" }],
    ["no If-Match", "", {}, { baseVersion: 1, changes: [] }],
    ["an unknown cell", '"1"', {}, { baseVersion: 1, changes: [{ cell: "nope", value: "1" }] }],
    [
      "a replayed Idempotency-Key",
      '"1"',
      { "Idempotency-Key": "k-1" },
      { baseVersion: 1, changes: [{ cell: "total", value: "2" }] },
    ],
  ];
  it.each(bad)(
    "answers 401 to a revoked or unknown token with %s, storing nothing",
    async (_, ifMatch, extra, body) => {
      const before = await storageSnapshot();
      const headers: Record<string, string> = { ...extra, ...(ifMatch ? { "If-Match": ifMatch } : {}) };
      for (const [token, code] of [
        [TOKENS.revoked, "token_revoked"],
        ["hb_unknown", "unauthorized"],
      ] as const) {
        const res = await api(token, "PATCH", PATH, body, headers);
        expect(res.status).toBe(401);
        expect(res.body).toEqual({ error: { code, message: expect.any(String) } });
        expect(res.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
        expect(res.headers.get("ETag")).toBeNull();
      }
      expect(await storageSnapshot()).toEqual(before);
    },
  );

  it("answers 401 to a token revoked after it saved with an Idempotency-Key (no replay)", async () => {
    const created = await api(TOKENS.admin, "POST", "/tokens", {
      role: "filler",
      unit: "hs-tunxi",
      label: "屯溪区 临时",
    });
    const token = created.body.token as string;
    const v = await readVersion(token, R, "hs-tunxi");
    const headers = { headers: { "Idempotency-Key": "once" } };
    expect((await patch(token, R, "hs-tunxi", v, [{ cell: "people", value: "3" }], headers)).status).toBe(200);
    expect((await patch(token, R, "hs-tunxi", v, [{ cell: "people", value: "3" }], headers)).status).toBe(200);
    expect((await api(TOKENS.admin, "DELETE", `/tokens/${created.body.id}`)).status).toBe(200);
    const res = await patch(token, R, "hs-tunxi", v, [{ cell: "people", value: "3" }], headers);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("token_revoked");
    expect(res.body.error.details).toBeUndefined();
  });

  it("keeps the other errors for a valid token", async () => {
    const v = await readVersion(TOKENS.filler, R, "hs-tunxi");
    expect((await api(TOKENS.filler, "PATCH", PATH, { baseVersion: v, changes: [] })).status).toBe(428);
    expect((await patch(TOKENS.filler, R, "hs-tunxi", v, [{ cell: "nope", value: "1" }])).status).toBe(422);
    expect((await patch(TOKENS.fillerHuizhou, R, "hs-tunxi", v, [{ cell: "total", value: "1" }])).status).toBe(404);
  });
});

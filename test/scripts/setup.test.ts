import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { publishOfficial, setupStatements } from "../../scripts/official";
import { OFFICIAL_TEMPLATES } from "../../schemas/forms";
import { api, runSql } from "../worker/helpers";

/**
 * A deployment's first steps (README "Deploy to Cloudflare", scripts/setup.ts)
 * on an empty database: the SQL with the unit trees and the first admin token,
 * then the official templates and rounds through the API with that token.
 */
const ADMIN = "hb_setup_admin_0123456789";

describe("setting up a fresh deployment", () => {
  it("loads the unit trees and an admin token, then publishes the templates and opens the rounds through the API", async () => {
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM units").first<{ n: number }>())?.n).toBe(0);
    await runSql(await setupStatements(ADMIN));
    const me = await api(ADMIN, "GET", "/me");
    expect([me.status, me.body.role]).toEqual([200, "admin"]);

    const call = async (method: "POST", path: string, body: unknown) => {
      const res = await api(ADMIN, method, path, body);
      return { status: res.status, body: res.body as unknown };
    };
    const first = await publishOfficial(call, { openRounds: true });
    expect(first).toHaveLength(OFFICIAL_TEMPLATES.length * 2);
    expect(first.every((line) => line.endsWith("已发布") || line.endsWith("已开启"))).toBe(true);
    // Running it again changes nothing and says so.
    const again = await publishOfficial(call, { openRounds: true });
    expect(again.every((line) => line.endsWith("内容一致") || line.endsWith("已存在"))).toBe(true);

    const templates = await api(ADMIN, "GET", "/templates");
    expect(templates.body.templates.map((t: { id: string }) => t.id).sort()).toEqual(
      OFFICIAL_TEMPLATES.map((t) => t.id).sort(),
    );
    const reports = await api(ADMIN, "GET", "/rounds/hs-2022-need/reports");
    expect(reports.status).toBe(200);
    expect(reports.body.reports.map((r: { unit: string }) => r.unit)).toContain("hs-tunxi");
    // The token is stored only as its hash.
    const stored = await env.DB.prepare("SELECT hash FROM tokens").all<{ hash: string }>();
    expect(JSON.stringify(stored.results)).not.toContain(ADMIN);
  });

  it("stops with the Worker's error when the token is not an admin's", async () => {
    const call = async (method: "POST", path: string, body: unknown) => {
      const res = await api("hb_not_a_token", method, path, body);
      return { status: res.status, body: res.body as unknown };
    };
    await expect(publishOfficial(call, { openRounds: false })).rejects.toThrow(/^POST \/templates [a-z0-9-]+: 401/);
  });
});

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { hashToken } from "../../worker/auth/token";
import { seedStatements, sql } from "../../scripts/seed";
import { checked, runSql } from "../worker/helpers";

describe("seedStatements", () => {
  it("escapes literals", () => {
    expect(sql("O'Brien")).toBe("'O''Brien'");
    expect(sql(null)).toBe("NULL");
    expect(sql(3)).toBe("3");
    expect(() => sql("a\0b")).toThrow();
  });

  it("loads units with paths, templates, rounds with their reports, and hashed tokens", async () => {
    const statements = await seedStatements({
      units: [
        {
          code: "cz",
          name: "某市'总工会\"; DROP TABLE units; --",
          children: [{ code: "cz-a", name: "甲区", children: [{ code: "cz-a-1", name: "甲区一街道" }] }],
        },
      ],
      templates: [checked()],
      rounds: [{ id: "s1", templateId: "test-jqzx", templateVersion: 1, rootUnit: "cz" }],
      tokens: [{ token: "hb_seed", role: "admin", unit: "cz", label: "种子管理员" }],
      now: "2022-09-01T00:00:00.000Z",
    });
    await runSql(statements);
    const units = await env.DB.prepare("SELECT code, name, parent, path FROM units ORDER BY path").all();
    expect(units.results).toEqual([
      { code: "cz", name: "某市'总工会\"; DROP TABLE units; --", parent: null, path: "/cz/" },
      { code: "cz-a", name: "甲区", parent: "cz", path: "/cz/cz-a/" },
      { code: "cz-a-1", name: "甲区一街道", parent: "cz-a", path: "/cz/cz-a/cz-a-1/" },
    ]);
    const reports = await env.DB.prepare("SELECT unit FROM reports WHERE round_id = 's1' ORDER BY unit").all();
    expect(reports.results).toEqual([{ unit: "cz-a" }, { unit: "cz-a-1" }]);
    const token = await env.DB.prepare("SELECT hash FROM tokens").first<{ hash: string }>();
    expect(token?.hash).toBe(await hashToken("hb_seed"));
  });

  it("refuses rounds whose template or unit is not in the seed", async () => {
    await expect(
      seedStatements({
        units: [],
        templates: [],
        rounds: [{ id: "x", templateId: "t", templateVersion: 1, rootUnit: "hs" }],
        tokens: [],
      }),
    ).rejects.toThrow(/template/);
  });
});

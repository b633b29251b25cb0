import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { api, patch, readVersion, seed, TOKENS } from "../helpers";

/** One round per test: each test tampers with its own history. */
const ROUNDS = ["c-clean", "c-cells", "c-audit", "c-audit-cells", "c-deleted", "c-lock", "c-notes"];
const UNIT = "hs-tunxi";

beforeAll(() => seed(ROUNDS.map((id) => ({ id, templateId: "test-jqzx", templateVersion: 1, rootUnit: "hs" }))));

const verify = (round?: string) => api(TOKENS.admin, "GET", `/integrity${round ? `?round=${round}` : ""}`);

/** Two saves and a submit: three chained entries. */
async function history(round: string): Promise<number> {
  let v = await readVersion(TOKENS.filler, round, UNIT);
  const first = await patch(TOKENS.filler, round, UNIT, v, [
    { cell: "total", value: "100" },
    { cell: "roster.r1.name", value: "王小二" },
    { cell: "roster.r1.amount", value: "500" },
  ]);
  expect(first.status).toBe(200);
  v = first.body.version;
  const second = await patch(TOKENS.filler, round, UNIT, v, [{ cell: "roster.r1.amount", value: "800" }]);
  expect(second.status).toBe(200);
  v = second.body.version;
  const sub = await api(TOKENS.filler, "POST", `/rounds/${round}/reports/${UNIT}/submit`, undefined, {
    "If-Match": `"${v}"`,
  });
  expect(sub.status).toBe(200);
  return v + 1;
}

async function reportCount(round: string): Promise<number> {
  const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM reports WHERE round_id = ?")
    .bind(round)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

const reportId = `(SELECT id FROM reports WHERE round_id = ?1 AND unit = '${UNIT}')`;

async function dropAppendOnly(): Promise<void> {
  for (const t of ["audit_no_update", "audit_no_delete", "audit_cells_no_update", "audit_cells_no_delete"]) {
    await env.DB.prepare(`DROP TRIGGER IF EXISTS ${t}`).run();
  }
}

describe("GET /integrity", () => {
  it("is for admins only", async () => {
    expect((await api(TOKENS.reviewer, "GET", "/integrity")).status).toBe(403);
  });

  it("verifies a clean history, every entry hashed and chained", async () => {
    await history("c-clean");
    const res = await verify("c-clean");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, checked: await reportCount("c-clean") });
    const { results } = await env.DB.prepare(`SELECT hash FROM audit WHERE report_id = ${reportId} ORDER BY version`)
      .bind("c-clean")
      .all<{ hash: string }>();
    expect(results.map((r) => r.hash)).toEqual([
      expect.stringMatching(/^[0-9a-f]{64}$/),
      expect.stringMatching(/^[0-9a-f]{64}$/),
      expect.stringMatching(/^[0-9a-f]{64}$/),
    ]);
  });

  it("names the report and cell when report_cells is changed directly", async () => {
    const v = await history("c-cells");
    await env.DB.prepare(`UPDATE report_cells SET value = '80000' WHERE report_id = ${reportId} AND cell = ?2`)
      .bind("c-cells", "roster.r1.amount")
      .run();
    const res = await verify("c-cells");
    expect(res.body).toEqual({
      ok: false,
      checked: expect.any(Number),
      firstBroken: {
        round: "c-cells",
        unit: UNIT,
        version: v,
        what: "report_cells 的 roster.r1.amount 与审计记录不符",
      },
    });
    // The whole database too, not only the round.
    expect((await verify()).body.firstBroken).toMatchObject({ round: "c-cells", unit: UNIT });
  });

  it("names the entry when an audit row is changed (append-only trigger dropped)", async () => {
    await history("c-audit");
    await dropAppendOnly();
    await env.DB.prepare(`UPDATE audit SET actor = '别人' WHERE report_id = ${reportId} AND version = 2`)
      .bind("c-audit")
      .run();
    expect((await verify("c-audit")).body.firstBroken).toEqual({
      round: "c-audit",
      unit: UNIT,
      version: 2,
      what: "第 2 版审计记录与哈希链不符（审计记录被改动）",
    });
  });

  it("names the entry when audit_cells and report_cells are changed together", async () => {
    await history("c-audit-cells");
    await dropAppendOnly();
    await env.DB.batch([
      env.DB.prepare(`UPDATE audit_cells SET new = '80000' WHERE report_id = ${reportId} AND version = 2`).bind(
        "c-audit-cells",
      ),
      env.DB.prepare(`UPDATE report_cells SET value = '80000' WHERE report_id = ${reportId} AND cell = ?2`).bind(
        "c-audit-cells",
        "roster.r1.amount",
      ),
    ]);
    expect((await verify("c-audit-cells")).body.firstBroken).toMatchObject({ round: "c-audit-cells", version: 2 });
  });

  it("names a deleted audit entry", async () => {
    await history("c-deleted");
    await dropAppendOnly();
    await env.DB.prepare(`DELETE FROM audit WHERE report_id = ${reportId} AND version = 1`).bind("c-deleted").run();
    expect((await verify("c-deleted")).body.firstBroken).toEqual({
      round: "c-deleted",
      unit: UNIT,
      version: 1,
      what: "审计记录缺少第 1 版（被删除）",
    });
  });

  it("chains the lock entries of every report of a round", async () => {
    await history("c-lock");
    expect((await api(TOKENS.admin, "POST", "/rounds/c-lock/lock")).status).toBe(200);
    expect((await verify("c-lock")).body).toEqual({ ok: true, checked: await reportCount("c-lock") });
  });

  it("names a 上报说明 changed directly in reports.notes", async () => {
    const v = await readVersion(TOKENS.filler, "c-notes", UNIT);
    const res = await patch(TOKENS.filler, "c-notes", UNIT, v, [{ cell: "people", value: "1200" }], {
      explanations: { W1: "本年度扩大资助范围" },
    });
    expect(res.status).toBe(200);
    expect((await verify("c-notes")).body.ok).toBe(true);
    await env.DB.prepare(`UPDATE reports SET notes = '{"W1":"别的说明"}' WHERE id = ${reportId}`).bind("c-notes").run();
    expect((await verify("c-notes")).body.firstBroken).toMatchObject({ what: "上报说明 W1 与审计记录不符" });
  });

  it("goes on after a given report id", async () => {
    const { results } = await env.DB.prepare("SELECT id FROM reports WHERE round_id = 'c-clean' ORDER BY id").all<{
      id: number;
    }>();
    const rest = await api(TOKENS.admin, "GET", `/integrity?round=c-clean&after=${results[1]?.id}`);
    expect(rest.body).toEqual({ ok: true, checked: results.length - 2 });
    expect((await api(TOKENS.admin, "GET", "/integrity?after=0x10")).status).toBe(400);
  });
});

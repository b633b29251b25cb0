import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { DeferredToken } from "../../../worker/env";
import { hashToken } from "../../../worker/auth/token";
import { saveReport, type SaveRequest } from "../../../worker/reports/save";
import { api, seed, storageSnapshot, storedValues, TOKENS } from "../helpers";

/**
 * The save's fast path (worker/reports/save.ts, worker/reports/known-reports.ts): a PATCH from
 * the version this isolate last wrote is its write batch alone. Every way the
 * remembered state can be wrong must fall back to the read-and-merge path with
 * the same answer as without the fast path.
 */
const R = "fs1";
const TEMPLATE = { templateId: "test-jqzx", templateVersion: 1, rootUnit: "hs" };

const R2 = "fs2";
beforeAll(() =>
  seed([
    { id: R, ...TEMPLATE },
    { id: R2, ...TEMPLATE },
  ]),
);

/** env.DB counting its batches (one batch = one D1 round trip). */
function counting(): { db: D1Database; batches: () => number } {
  let n = 0;
  const db = new Proxy(env.DB, {
    get(target, prop) {
      if (prop === "batch") {
        return (statements: D1PreparedStatement[]) => {
          n++;
          return target.batch(statements);
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { db, batches: () => n };
}

async function deferred(token: string): Promise<DeferredToken> {
  return { hash: await hashToken(token), checked: false };
}

function request(
  unit: string,
  base: number,
  changes: Record<string, string | null>,
  extra: Partial<SaveRequest> = {},
): SaveRequest {
  return {
    round: R,
    unit,
    ifMatch: base,
    idempotencyKey: null,
    body: {
      baseVersion: base,
      changes: Object.entries(changes).map(([cell, value]) => ({ cell, value })),
      explanations: {},
    },
    ...extra,
  };
}

async function reportRow(unit: string) {
  return env.DB.prepare("SELECT version, errors, warnings, unexplained FROM reports WHERE round_id = ? AND unit = ?")
    .bind(R, unit)
    .first<{ version: number; errors: number; warnings: number; unexplained: number }>();
}

describe("a save from the version this isolate last wrote", () => {
  it("is one D1 round trip, with the same values, audit, feed and problem counts as the usual way", async () => {
    const unit = "hs-tunxi";
    const c = counting();
    const first = await saveReport(c.db, await deferred(TOKENS.filler), request(unit, 0, { total: "10" }));
    expect([first.version, c.batches()]).toEqual([1, 2]); // read + write
    const who = await deferred(TOKENS.filler);
    const second = await saveReport(c.db, who, request(unit, 1, { part: "20", people: "5000" }));
    expect(c.batches()).toBe(3); // the write alone
    expect(who.checked).toBe(true);
    expect(second).toEqual({
      version: 2,
      status: "draft",
      merged: [],
      values: { total: "10", part: "20", people: "5000" },
      explanations: {},
    });
    expect(await storedValues(R, unit)).toEqual({ total: "10", part: "20", people: "5000" });
    expect(await reportRow(unit)).toEqual({ version: 2, errors: 1, warnings: 1, unexplained: 1 });
    const history = await api(TOKENS.admin, "GET", `/rounds/${R}/reports/${unit}/history`);
    expect(history.body.entries.at(-1).cells).toEqual([
      { cell: "part", old: null, new: "20" },
      { cell: "people", old: null, new: "5000" },
    ]);
    const feed = await api(TOKENS.admin, "GET", `/changes?since=0&round=${R}`);
    expect(
      feed.body.events.filter((e: { unit: string }) => e.unit === unit).map((e: { version: number }) => e.version),
    ).toEqual([1, 2]);
  });

  it("merges the usual way when another isolate wrote in between (its write stamp is not ours)", async () => {
    const unit = "hs-tunxi-a";
    const c = counting();
    await saveReport(c.db, await deferred(TOKENS.admin), request(unit, 0, { total: "10" }));
    // Another isolate's save: version 2 with its own stamp and audited change.
    await env.DB.batch([
      env.DB.prepare("UPDATE reports SET version = 2, write_id = 'elsewhere' WHERE round_id = ? AND unit = ?").bind(
        R,
        unit,
      ),
      env.DB.prepare(
        "INSERT INTO report_cells (report_id, cell, value) SELECT id, 'part', '3' FROM reports WHERE round_id = ? AND unit = ?",
      ).bind(R, unit),
      env.DB.prepare(
        "INSERT INTO audit_cells (report_id, version, cell, old, new) SELECT id, 2, 'part', NULL, '3' FROM reports WHERE round_id = ? AND unit = ?",
      ).bind(R, unit),
    ]);
    const before = c.batches();
    const saved = await saveReport(c.db, await deferred(TOKENS.admin), request(unit, 1, { people: "7" }));
    expect(c.batches() - before).toBe(3); // the fast write matched nothing, then read + write
    expect(saved).toMatchObject({ version: 3, merged: ["part"], values: { total: "10", part: "3", people: "7" } });
  });

  it("is refused with 401 once the token is revoked, writing nothing", async () => {
    const unit = "hs-huizhou";
    await saveReport(env.DB, await deferred(TOKENS.fillerHuizhou), request(unit, 0, { total: "1" }));
    await env.DB.prepare("UPDATE tokens SET revoked_at = '2026-01-01T00:00:00Z' WHERE label = '徽州区 王五'").run();
    const before = await storageSnapshot();
    const c = counting();
    await expect(
      saveReport(c.db, await deferred(TOKENS.fillerHuizhou), request(unit, 1, { total: "2" })),
    ).rejects.toMatchObject({
      code: "token_revoked",
    });
    expect(c.batches()).toBe(2); // the fast write (its guard checks the token) matched nothing, then the read said why
    expect(await storageSnapshot()).toEqual(before);
  });

  it("answers a reused Idempotency-Key with a different body 422, writing nothing", async () => {
    const unit = "hs-tunxi";
    const who = async () => deferred(TOKENS.admin);
    await saveReport(env.DB, await who(), request(unit, 0, { total: "1" }, { round: R2, idempotencyKey: "k-1" }));
    const before = await storageSnapshot();
    // From the version just written (the fast path applies) but with the first save's key:
    // the fast batch fails on the key's primary key and rolls back as a whole.
    const c = counting();
    await expect(
      saveReport(c.db, await who(), request(unit, 1, { total: "2" }, { round: R2, idempotencyKey: "k-1" })),
    ).rejects.toMatchObject({
      code: "idempotency_key_reused",
    });
    expect(c.batches()).toBe(2);
    expect(await storageSnapshot()).toEqual(before);
  });

  it("answers 409 once the report is submitted or the round locked, writing nothing", async () => {
    const unit = "hs-tunxi-b";
    const first = await saveReport(env.DB, await deferred(TOKENS.admin), request(unit, 0, { total: "1", part: "1" }));
    const submitted = await api(TOKENS.admin, "POST", `/rounds/${R}/reports/${unit}/submit`, undefined, {
      "If-Match": `"${first.version}"`,
    });
    expect(submitted.status).toBe(200);
    let before = await storageSnapshot();
    // The client still holds version 1; the submit moved the report on.
    await expect(
      saveReport(env.DB, await deferred(TOKENS.admin), request(unit, 1, { total: "2" })),
    ).rejects.toMatchObject({
      code: "invalid_transition",
    });
    expect(await storageSnapshot()).toEqual(before);

    // hs-tunxi-a is still remembered at the version this isolate wrote last (3).
    expect((await api(TOKENS.admin, "POST", `/rounds/${R}/lock`)).status).toBe(200);
    before = await storageSnapshot();
    await expect(
      saveReport(env.DB, await deferred(TOKENS.admin), request("hs-tunxi-a", 3, { total: "2" })),
    ).rejects.toMatchObject({
      code: "round_locked",
    });
    expect(await storageSnapshot()).toEqual(before);
  });
});

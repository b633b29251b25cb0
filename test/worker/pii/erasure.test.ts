import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { ERASED, maskValue } from "../../../schemas/pii/mask";
import { destroyExpiredKeys } from "../../../worker/pii/retention";
import { api, patch, TOKENS } from "../helpers";
import { idNumber, rosterRows, seedPii } from "./pii-helpers";

/** Issue 12, erasure: a deleted roster row and a round past retention leave nothing recoverable. */
const R = "pii-erase";
const R_OLD = "pii-erase-old";

beforeAll(async () => {
  await seedPii([R, R_OLD]);
  expect((await patch(TOKENS.filler, R, "hs-tunxi", 0, rosterRows(1, 2))).status).toBe(200);
  expect((await patch(TOKENS.filler, R_OLD, "hs-tunxi", 0, rosterRows(1, 1))).status).toBe(200);
});

const scopes = async (round: string) =>
  (
    await env.DB.prepare(
      "SELECT scope FROM pii_row_keys WHERE report_id = (SELECT id FROM reports WHERE round_id = ? AND unit = 'hs-tunxi') ORDER BY scope",
    )
      .bind(round)
      .all<{ scope: string }>()
  ).results.map((r) => r.scope);

const indexed = async (round: string) =>
  (await env.DB.prepare("SELECT count(*) AS n FROM blind_index WHERE round_id = ?").bind(round).first<{ n: number }>())
    ?.n ?? 0;

describe("erasure", () => {
  it("a roster row whose cells are all cleared loses its key in the same save; history keeps the change", async () => {
    expect(await scopes(R)).toEqual(["roster.r1", "roster.r2"]);
    // Clear one cell at a time, as a clerk may: the key goes with the last one.
    let res = await patch(TOKENS.filler, R, "hs-tunxi", 1, [
      { cell: "roster.r1.idcard", value: null },
      { cell: "roster.r1.card", value: null },
    ]);
    expect(res.status).toBe(200);
    expect(await scopes(R)).toEqual(["roster.r1", "roster.r2"]); // name and amount still there
    res = await patch(TOKENS.filler, R, "hs-tunxi", 2, [
      { cell: "roster.r1.name", value: null },
      { cell: "roster.r1.amount", value: null },
    ]);
    expect(res.status).toBe(200);
    expect(await scopes(R)).toEqual(["roster.r2"]);

    const history = await api(TOKENS.filler, "GET", `/rounds/${R}/reports/hs-tunxi/history`);
    const r1 = history.body.entries.flatMap((e: { cells: { cell: string }[] }) =>
      e.cells.filter((c) => c.cell === "roster.r1.idcard"),
    );
    expect(r1).toEqual([
      { cell: "roster.r1.idcard", old: null, new: ERASED },
      { cell: "roster.r1.idcard", old: ERASED, new: null },
    ]);
    const r2 = history.body.entries[0].cells.find((c: { cell: string }) => c.cell === "roster.r2.idcard");
    expect(r2.new).toBe(maskValue("idcard", idNumber(2)));

    // The row typed again gets a new key; the old values stay erased.
    res = await patch(TOKENS.filler, R, "hs-tunxi", 3, [{ cell: "roster.r1.idcard", value: idNumber(9) }]);
    expect(res.status).toBe(200);
    expect(res.body.values["roster.r1.idcard"]).toBe(idNumber(9));
  });

  it("a round past its retention date loses every key: values and history read as erased", async () => {
    await env.DB.prepare("UPDATE rounds SET retain_until = '2020-01-01' WHERE id = ?").bind(R_OLD).run();
    expect(await indexed(R_OLD)).toBeGreaterThan(0);
    expect(await destroyExpiredKeys(env.DB, "2026-01-01")).toBe(1);
    expect(await scopes(R_OLD)).toEqual([]);
    expect(await indexed(R_OLD)).toBe(0); // the blind index links a person across rounds: it goes too
    expect(await indexed(R)).toBeGreaterThan(0);
    expect(await scopes(R)).not.toEqual([]); // other rounds untouched (due 2099, default retention)
    const report = await api(TOKENS.filler, "GET", `/rounds/${R_OLD}/reports/hs-tunxi`);
    expect(report.body.values["roster.r1.idcard"]).toBe(ERASED);
    expect(report.body.values["roster.r1.name"]).toBe("学生1");
    const history = await api(TOKENS.admin, "GET", `/rounds/${R_OLD}/reports/hs-tunxi/history`);
    expect(JSON.stringify(history.body)).toContain(ERASED);
  });

  it("the retention date is set when a round is opened", async () => {
    const res = await api(TOKENS.admin, "POST", "/rounds", {
      id: "pii-erase-kept",
      templateId: "test-pii",
      templateVersion: 1,
      rootUnit: "hs",
      retainUntil: "2030-06-30",
    });
    expect(res.status).toBe(201);
    const row = await env.DB.prepare("SELECT retain_until FROM rounds WHERE id = 'pii-erase-kept'").first();
    expect(row).toEqual({ retain_until: "2030-06-30" });
    expect(await destroyExpiredKeys(env.DB, "2030-06-30")).toBe(0); // the day itself is still kept
  });
});

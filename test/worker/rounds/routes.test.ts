import { beforeAll, describe, expect, it } from "vitest";
import { api, HS_UNITS, seed, storageSnapshot, TOKENS } from "../helpers";

beforeAll(() => seed());

const NEW_ROUND = { id: "jq-2022", templateId: "test-jqzx", templateVersion: 1, rootUnit: "hs" };

describe("rounds", () => {
  it("opens a round (admin) with a draft report for every unit below the root", async () => {
    const res = await api(TOKENS.admin, "POST", "/rounds", NEW_ROUND);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: "jq-2022",
      templateId: "test-jqzx",
      templateVersion: 1,
      title: "金秋助学情况统计表（测试）",
      period: "2022年",
      dueDate: "2099-12-31",
      rootUnit: "hs",
      status: "open",
      lockedAt: null,
    });
    const reports = await api(TOKENS.admin, "GET", "/rounds/jq-2022/reports");
    expect(reports.status).toBe(200);
    expect(reports.body.reports.map((r: { unit: string }) => r.unit)).toEqual([
      "hs-tunxi",
      "hs-tunxi-a",
      "hs-tunxi-b",
      "hs-huizhou",
    ]);
    expect(reports.body.reports[3]).toMatchObject({
      status: "draft",
      version: 0,
      late: false,
      unitName: "徽州区总工会",
    });
  });

  it("accepts an explicit unit list, period and due date", async () => {
    const res = await api(TOKENS.admin, "POST", "/rounds", {
      ...NEW_ROUND,
      id: "jq-explicit",
      units: HS_UNITS,
      period: "2022年下半年",
      dueDate: "2022-09-30",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ period: "2022年下半年", dueDate: "2022-09-30" });
    const reports = await api(TOKENS.admin, "GET", "/rounds/jq-explicit/reports");
    expect(reports.body.reports).toHaveLength(HS_UNITS.length);
  });

  it("shows each caller only the rounds and reports of units it may see", async () => {
    const filler = await api(TOKENS.filler, "GET", "/rounds/jq-2022/reports");
    expect(filler.body.reports.map((r: { unit: string }) => r.unit)).toEqual(["hs-tunxi"]);
    const reviewer = await api(TOKENS.reviewer, "GET", "/rounds/jq-2022/reports");
    expect(reviewer.body.reports.map((r: { unit: string }) => r.unit)).toEqual([
      "hs-tunxi",
      "hs-tunxi-a",
      "hs-tunxi-b",
    ]);
    const pd = await api(TOKENS.fillerPd, "GET", "/rounds");
    expect(pd.body.rounds).toEqual([]);
    expect((await api(TOKENS.fillerPd, "GET", "/rounds/jq-2022")).status).toBe(404);
    expect((await api(TOKENS.fillerPd, "GET", "/rounds/jq-2022/reports")).status).toBe(404);
    const mine = await api(TOKENS.filler, "GET", "/rounds");
    expect(mine.body.rounds.map((r: { id: string }) => r.id).sort()).toEqual(["jq-2022", "jq-explicit"]);
    expect((await api(TOKENS.filler, "GET", "/rounds/jq-2022")).body.id).toBe("jq-2022");
  });

  it("refuses bad rounds, each leaving storage unchanged", async () => {
    const cases: [unknown, number, string][] = [
      [{ ...NEW_ROUND, id: "x1", templateVersion: 7 }, 422, "unknown_template"],
      [{ ...NEW_ROUND, id: "x2", templateId: "nope" }, 422, "unknown_template"],
      [{ ...NEW_ROUND, id: "x3", rootUnit: "nowhere" }, 422, "unknown_unit"],
      [{ ...NEW_ROUND, id: "x4", units: ["sh-pd"] }, 422, "unknown_unit"],
      [{ ...NEW_ROUND, id: "Bad Id" }, 400, "invalid_request"],
      [{ ...NEW_ROUND, id: "x5", templateVersion: "1" }, 400, "invalid_request"],
      [{ ...NEW_ROUND, id: "x6", dueDate: "30/09/2022" }, 400, "invalid_request"],
      [NEW_ROUND, 409, "already_exists"],
    ];
    for (const [body, status, code] of cases) {
      const before = await storageSnapshot();
      const res = await api(TOKENS.admin, "POST", "/rounds", body);
      expect([res.status, res.body.error?.code], JSON.stringify(body)).toEqual([status, code]);
      expect(await storageSnapshot()).toEqual(before);
    }
  });

  it("lets only admins open rounds", async () => {
    for (const t of [TOKENS.filler, TOKENS.reviewer, TOKENS.cityReviewer]) {
      expect((await api(t, "POST", "/rounds", { ...NEW_ROUND, id: "nope" })).status).toBe(403);
    }
  });
});

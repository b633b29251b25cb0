/**
 * Computed items through the Worker: published with their checks, never
 * accepted in a PATCH (422), stored as the engine computes them on every save
 * (so the report, the change feed and the consolidation's SQL sums all see the
 * computed value), and consolidated: roster totals summed over units, items
 * computed from other items recomputed on the totals.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { api, patch, readVersion, seed, storageSnapshot, storedValues, TOKENS } from "../helpers";
import { CALC_INPUT, students } from "../../schemas/fixtures/calc";

const R = "calc-1";

beforeAll(async () => {
  await seed();
  const published = await api(TOKENS.admin, "POST", "/templates", CALC_INPUT);
  if (published.status !== 201) throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
  const round = await api(TOKENS.admin, "POST", "/rounds", {
    id: R,
    templateId: "calc",
    templateVersion: 1,
    rootUnit: "hs",
    units: ["hs-tunxi", "hs-tunxi-a"],
  });
  if (round.status !== 201) throw new Error(`round: ${round.status} ${JSON.stringify(round.body)}`);
});

const changes = (values: Record<string, string | null>) =>
  Object.entries(values).map(([cell, value]) => ({ cell, value }));

describe("computed items: publishing", () => {
  it("refuses a calc with an unknown name: 422 naming the item and the character", async () => {
    const broken = {
      ...CALC_INPUT,
      id: "calc-broken",
      sections: [
        CALC_INPUT.sections[0],
        {
          kind: "items",
          key: "summary",
          items: [{ key: "persons", label: "资助人数合计", unit: "人", type: "integer", calc: "count(student)" }],
        },
      ],
      rules: [],
    };
    const res = await api(TOKENS.admin, "POST", "/templates", broken);
    expect(res.status).toBe(422);
    expect(res.body.error.details.errors).toEqual([
      {
        path: "sections[1].items[0].calc",
        message: "计算项「资助人数合计」第 7 个字符：未知字段 student",
        char: 7,
        reason: "未知字段 student",
      },
    ]);
  });
});

describe("computed items: saving", () => {
  it("refuses a PATCH that sets a computed item: 422 invalid_cells naming it, nothing stored", async () => {
    const v = await readVersion(TOKENS.filler, R, "hs-tunxi");
    const before = await storageSnapshot();
    const res = await patch(TOKENS.filler, R, "hs-tunxi", v, [
      { cell: "students.r1.name", value: "张三" },
      { cell: "persons", value: "1" },
    ]);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("invalid_cells");
    expect(res.body.error.details.cells).toEqual([
      { cell: "persons", code: "computed_cell", message: "「资助人数合计」由系统根据表中数据自动计算，不能填写" },
    ]);
    expect(await storageSnapshot()).toEqual(before);
  });

  it("stores and answers the computed values with every save", async () => {
    const v = await readVersion(TOKENS.filler, R, "hs-tunxi");
    const rows = students([
      ["张三", "省总经费", "2000"],
      ["李四", "其他", "1500"],
    ]);
    const res = await patch(TOKENS.filler, R, "hs-tunxi", v, changes({ ...rows, budget: "1000" }));
    expect(res.status).toBe(200);
    const computed = { persons: "2", amount: "3500", prov_persons: "1", prov_amount: "2000", average: "1750" };
    expect(res.body.values).toMatchObject(computed);
    expect(await storedValues(R, "hs-tunxi")).toMatchObject(computed);
    const report = await api(TOKENS.filler, "GET", `/rounds/${R}/reports/hs-tunxi`);
    expect(report.body.values).toMatchObject(computed);

    const cleared = await patch(
      TOKENS.filler,
      R,
      "hs-tunxi",
      res.body.version,
      changes({ "students.r1.name": null, "students.r1.source": null, "students.r1.amount": null }),
    );
    expect(cleared.status).toBe(200);
    expect(await storedValues(R, "hs-tunxi")).toMatchObject({
      persons: "1",
      amount: "1500",
      prov_persons: "0",
      prov_amount: "0",
    });
  });

  it("tells other clients which computed items a save changed, through the change feed", async () => {
    const feed = await api(TOKENS.reviewer, "GET", `/changes?round=${R}&since=0`);
    expect(feed.status).toBe(200);
    const [first, second] = feed.body.events as { cells: string[] }[];
    expect(first?.cells).toEqual(expect.arrayContaining(["persons", "amount", "average", "students.r1.name"]));
    // Clearing 张三 (省总经费) changed every total.
    expect(second?.cells).toEqual(
      expect.arrayContaining(["persons", "amount", "prov_persons", "prov_amount", "average"]),
    );
  });
});

describe("computed items: consolidation", () => {
  it("sums roster totals over the units and recomputes items computed from items on the totals", async () => {
    const v = await readVersion(TOKENS.fillerA, R, "hs-tunxi-a");
    const res = await patch(
      TOKENS.fillerA,
      R,
      "hs-tunxi-a",
      v,
      changes({ ...students([["王五", "省总经费", "1000"]]), budget: "500" }),
    );
    expect(res.status).toBe(200);
    const c = await api(TOKENS.reviewer, "GET", `/rounds/${R}/consolidated?include=draft`);
    expect(c.status).toBe(200);
    // hs-tunxi: 李四 1500 (budget 1000); hs-tunxi-a: 王五 1000 (budget 500).
    expect(c.body.totals).toMatchObject({
      persons: "2",
      amount: "2500",
      prov_persons: "1",
      prov_amount: "1000",
      budget: "1500",
      // 2500 / 2, not the sum of the units' averages (1500 + 1000).
      average: "1250",
    });
    // The rule on the totals reads the summed amount, not one recomputed from rows the totals do not have.
    expect(c.body.problems.map((p: { message: string }) => p.message)).toEqual([
      "助学金额合计 2500 元超过年度预算 1500 元",
    ]);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { flattenUnits, SHANGHAI } from "../../../schemas/units";
import { seedStatements } from "../../../scripts/seed";
import { api, checked, runSql } from "../helpers";

/**
 * Units are listed in the official printed order of the notices — the `ord`
 * column (order among siblings) in tree pre-order — never by code: in the
 * Shanghai tree 黄浦, 徐汇, 长宁, 静安 … 崇明, then the 局（产业）工会 with their
 * children, whereas codes would sort 宝山 (sh-baoshan) first.
 */
const ROUND = "sh-order";
const ADMIN = "hb_order_admin";
const JU_REVIEWER = "hb_order_reviewer_ju";
const CITY_REVIEWER = "hb_order_reviewer_sh";

const PRINTED = flattenUnits(SHANGHAI).map((u) => u.code);
const JU = flattenUnits(SHANGHAI)
  .filter((u) => u.parent === "sh-ju")
  .map((u) => u.code);

beforeAll(async () => {
  await runSql(
    await seedStatements({
      units: [SHANGHAI],
      templates: [checked()],
      rounds: [{ id: ROUND, templateId: "test-jqzx", templateVersion: 1, rootUnit: "sh" }],
      tokens: [
        { token: ADMIN, role: "admin", unit: "sh", label: "市总 管理员" },
        { token: JU_REVIEWER, role: "reviewer", unit: "sh-ju", label: "局（产业）审核员" },
        { token: CITY_REVIEWER, role: "reviewer", unit: "sh", label: "市总 审核员" },
      ],
    }),
  );
});

type Node = { code: string; name: string; children: Node[] };
const preorder = (roots: Node[]): string[] => roots.flatMap((r) => [r.code, ...preorder(r.children)]);

describe("units in the official printed order", () => {
  it("the fixture really differs from code order", () => {
    expect(PRINTED.slice(0, 4)).toEqual(["sh", "sh-huangpu", "sh-xuhui", "sh-changning"]);
    expect([...PRINTED].sort()).not.toEqual(PRINTED);
  });

  it("GET /units: siblings by ord, in pre-order", async () => {
    const res = await api(ADMIN, "GET", "/units");
    expect(res.status).toBe(200);
    expect(preorder(res.body.roots)).toEqual(PRINTED);
    const districts = (res.body.roots[0] as Node).children.map((c) => c.name);
    expect(districts.slice(0, 3)).toEqual(["黄浦区总工会", "徐汇区总工会", "长宁区总工会"]);
    expect(districts.slice(-2)).toEqual(["崇明县总工会", "局（产业）工会"]);
  });

  it("GET /units of a reviewer: its subtree in the same order", async () => {
    const res = await api(JU_REVIEWER, "GET", "/units");
    expect(preorder(res.body.roots)).toEqual(["sh-ju", ...JU]);
    expect(JU.slice(0, 3)).toEqual(["sh-ju-jianjiao", "sh-ju-jiaoyu", "sh-ju-weisheng"]);
  });

  it("GET /rounds/:id/reports lists the units in printed order", async () => {
    const res = await api(ADMIN, "GET", `/rounds/${ROUND}/reports`);
    expect(res.status).toBe(200);
    const units = res.body.reports.map((r: { unit: string }) => r.unit);
    expect(units).toEqual(PRINTED.filter((c) => c !== "sh"));

    const ju = await api(JU_REVIEWER, "GET", `/rounds/${ROUND}/reports`);
    expect(ju.body.reports.map((r: { unit: string }) => r.unit)).toEqual(["sh-ju", ...JU]);
  });

  it("consolidation: matrix columns, missing units and the export follow the printed order", async () => {
    for (const matrix of ["true", "false"]) {
      const res = await api(
        CITY_REVIEWER,
        "GET",
        `/rounds/${ROUND}/consolidated?unit=sh&include=draft,returned&matrix=${matrix}`,
      );
      expect(res.status).toBe(200);
      if (matrix === "true")
        expect(res.body.matrix.units.map((u: { code: string }) => u.code)).toEqual(PRINTED.slice(1));
      expect(res.body.completeness.missing.map((u: { code: string }) => u.code)).toEqual(PRINTED.slice(1));
    }
    const ju = await api(CITY_REVIEWER, "GET", `/rounds/${ROUND}/consolidated?unit=sh-ju&include=draft`);
    expect(ju.body.matrix.units.map((u: { code: string }) => u.code)).toEqual(["sh-ju", ...JU]);
  });
});

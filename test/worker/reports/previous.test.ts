import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { TemplateInput } from "../../../schemas/template";
import { CHECKED_ON_UPLOAD } from "../../../schemas/layout/form/rule-checks";
import { PREV_NOT_IN_FILE } from "../../../schemas/layout/form/rules/formula";
import { unzip } from "../exports/unzip";
import { api, patch, readVersion, seed, TOKENS } from "../helpers";

/**
 * Versions across years (issue 14). One form, 金秋助学 "test-growth", in two
 * versions: v1 (2013) calls the money `funds`; v2 (2014, 2015) renames it
 * `raised` (`previous: [{key: "raised", from: "funds"}]`) and warns when it grows
 * by more than half on last year's approved value — `raised <= prev(raised) * 1.5`.
 *
 *   2013 (v1): 屯溪 funds 10 approved · 昱东 funds 4 approved · 徽州 funds 20 submitted only
 *   2014 (v2): drafts, then 屯溪 16 (fires: 10 × 1.5 = 15), 徽州 100 (no approved 2013: silent)
 *   2015 (v2): 屯溪 1
 */
const ID = "test-growth";
const items = (money: string): TemplateInput["sections"] => [
  {
    kind: "items",
    key: "funds_section",
    items: [
      { key: money, no: "1", label: "共筹集资金", unit: "万元", type: "decimal", scale: 2 },
      { key: "people", no: "2", label: "资助学生", unit: "人", type: "integer" },
    ],
  },
];
const V1: TemplateInput = {
  id: ID,
  version: 1,
  title: "金秋助学情况统计表",
  issuer: "黄山市总工会",
  docNo: "黄工办〔2013〕1号",
  period: "2013年",
  dueDate: "2013-10-31",
  sections: items("funds"),
  rules: [{ id: "W1", expr: "people <= 1000", severity: "warning", message: "资助人数超过 1000 人，请核实" }],
};
const GROWTH_MESSAGE = "共筹集资金 {raised} 万元比上年 {prev(raised)} 万元增长超过 50%，请核实";
const V2: TemplateInput = {
  ...V1,
  version: 2,
  docNo: "黄工办〔2014〕1号",
  period: "2014年",
  dueDate: "2014-10-31",
  sections: items("raised"),
  rules: [
    { id: "growth", expr: "raised <= prev(raised) * 1.5", severity: "warning", message: GROWTH_MESSAGE },
    { id: "tenfold", expr: "people <= prev(people) * 10", severity: "error", message: "资助人数超过上年的 10 倍" },
  ],
  previous: [{ key: "raised", from: "funds" }],
};

const report = (round: string, unit: string) => `/rounds/${round}/reports/${unit}`;

async function save(token: string, round: string, unit: string, values: Record<string, string>, notes = {}) {
  const v = await readVersion(TOKENS.admin, round, unit);
  const changes = Object.entries(values).map(([cell, value]) => ({ cell, value }));
  const res = await patch(token, round, unit, v, changes, { explanations: notes });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function act(token: string, round: string, unit: string, action: "submit" | "approve") {
  const v = await readVersion(TOKENS.admin, round, unit);
  return api(token, "POST", `${report(round, unit)}/${action}`, undefined, { "If-Match": `"${v}"` });
}

async function counts(round: string, unit: string) {
  return env.DB.prepare("SELECT errors, warnings, unexplained FROM reports WHERE round_id = ? AND unit = ?")
    .bind(round, unit)
    .first();
}

async function openRound(id: string, version: number, dueDate: string, period: string) {
  const res = await api(TOKENS.admin, "POST", "/rounds", {
    id,
    templateId: ID,
    templateVersion: version,
    rootUnit: "hs",
    units: ["hs-tunxi", "hs-tunxi-a", "hs-tunxi-b", "hs-huizhou"],
    period,
    dueDate,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

beforeAll(() => seed());

describe("publishing a version with `previous`", () => {
  it("checks prev() and `previous` against this template, and `from` against the version before", async () => {
    expect((await api(TOKENS.admin, "POST", "/templates", V1)).status).toBe(201);
    const unknown = await api(TOKENS.admin, "POST", "/templates", {
      ...V2,
      rules: [{ id: "g", expr: "raised <= prev(raisd)", severity: "warning", message: "m" }],
    });
    expect([unknown.status, unknown.body.error.code]).toEqual([422, "invalid_template"]);
    expect(unknown.body.error.details.errors).toEqual([
      expect.objectContaining({ path: "rules[0].expr", message: "规则 g 第 16 个字符：未知字段 raisd", char: 16 }),
    ]);
    const oldKey = await api(TOKENS.admin, "POST", "/templates", {
      ...V2,
      previous: [{ key: "raised", from: "fundz * 1" }],
    });
    expect([oldKey.status, oldKey.body.error.code]).toEqual([422, "invalid_template"]);
    expect(oldKey.body.error.details.errors).toEqual([
      expect.objectContaining({
        path: "previous[0].from",
        message: "raised 的上一轮来源第 1 个字符：未知字段 fundz（对照第 1 版）",
      }),
    ]);
    expect((await api(TOKENS.admin, "GET", `/templates/${ID}/2`)).status).toBe(404);
    expect((await api(TOKENS.admin, "POST", "/templates", V2)).status).toBe(201);
  });
});

describe("rounds of two versions side by side", () => {
  it("keeps each round reading, saving and checking under its own version", async () => {
    await openRound("g2013", 1, "2013-10-31", "2013年");
    await openRound("g2014", 2, "2014-10-31", "2014年");
    await openRound("g2015", 2, "2099-10-31", "2015年");
    // Each round takes its own version's keys only.
    const v1 = await readVersion(TOKENS.filler, "g2013", "hs-tunxi");
    const wrong = await patch(TOKENS.filler, "g2013", "hs-tunxi", v1, [{ cell: "raised", value: "1" }]);
    expect([wrong.status, wrong.body.error.details.cells[0].code]).toEqual([422, "unknown_cell"]);
    const v2 = await readVersion(TOKENS.filler, "g2014", "hs-tunxi");
    const wrong2 = await patch(TOKENS.filler, "g2014", "hs-tunxi", v2, [{ cell: "funds", value: "1" }]);
    expect([wrong2.status, wrong2.body.error.details.cells[0].code]).toEqual([422, "unknown_cell"]);

    // 2013: v1's W1 applies (people over 1000 needs a 上报说明); 2014's v2 has no W1.
    await save(TOKENS.filler, "g2013", "hs-tunxi", { funds: "10", people: "1200" });
    const blocked = await act(TOKENS.filler, "g2013", "hs-tunxi", "submit");
    expect([blocked.status, blocked.body.error.code]).toEqual([422, "missing_explanations"]);
    expect(blocked.body.error.details.problems.map((p: { id: string }) => p.id)).toEqual(["W1"]);
    await save(TOKENS.filler, "g2013", "hs-tunxi", { people: "5" });
    expect((await act(TOKENS.filler, "g2013", "hs-tunxi", "submit")).status).toBe(200);
    expect((await act(TOKENS.cityReviewer, "g2013", "hs-tunxi", "approve")).status).toBe(200);

    await save(TOKENS.fillerA, "g2013", "hs-tunxi-a", { funds: "4", people: "2" });
    expect((await act(TOKENS.fillerA, "g2013", "hs-tunxi-a", "submit")).status).toBe(200);
    expect((await act(TOKENS.reviewer, "g2013", "hs-tunxi-a", "approve")).status).toBe(200);
    await save(TOKENS.fillerHuizhou, "g2013", "hs-huizhou", { funds: "20", people: "3" });
    expect((await act(TOKENS.fillerHuizhou, "g2013", "hs-huizhou", "submit")).status).toBe(200);

    // The 2013 report still reads as v1 (its keys), after v2 was published.
    const old = await api(TOKENS.filler, "GET", report("g2013", "hs-tunxi"));
    expect(old.body.values).toEqual({ funds: "10", people: "5" });
    expect(old.body.previous).toBeUndefined(); // v1's rules read no prev()
  });
});

describe("prev() on save and submit", () => {
  it("fires the warning on save against last year's approved value, renamed key and all", async () => {
    const answer = await save(
      TOKENS.filler,
      "g2014",
      "hs-tunxi",
      { raised: "16", people: "6" },
      { growth: "今年新增社会捐助" },
    );
    // A 上报说明 is kept only for a warning the report has after the save: the warning fired.
    expect(answer.explanations).toEqual({ growth: "今年新增社会捐助" });
    expect(await counts("g2014", "hs-tunxi")).toEqual({ errors: 0, warnings: 1, unexplained: 0 });

    const got = await api(TOKENS.filler, "GET", report("g2014", "hs-tunxi"));
    expect(got.body.previous).toEqual({ raised: "10", people: "5" });

    // Without the 说明, submit names the warning with last year's number in it.
    await save(TOKENS.filler, "g2014", "hs-tunxi", {}, { growth: null });
    const refused = await act(TOKENS.filler, "g2014", "hs-tunxi", "submit");
    expect([refused.status, refused.body.error.code]).toEqual([422, "missing_explanations"]);
    expect(refused.body.error.details.problems).toEqual([
      {
        id: "growth",
        ruleId: "growth",
        severity: "warning",
        cells: ["raised"],
        message: "共筹集资金 16 万元比上年 10 万元增长超过 50%，请核实",
      },
    ]);
    // 15 is exactly half again: no warning.
    await save(TOKENS.filler, "g2014", "hs-tunxi", { raised: "15" });
    expect(await counts("g2014", "hs-tunxi")).toEqual({ errors: 0, warnings: 0, unexplained: 0 });
    await save(TOKENS.filler, "g2014", "hs-tunxi", { raised: "16" }, { growth: "今年新增社会捐助" });
    expect((await act(TOKENS.filler, "g2014", "hs-tunxi", "submit")).status).toBe(200);
  });

  it("an error rule on prev() blocks submit when last year's value says so", async () => {
    await save(TOKENS.fillerA, "g2014", "hs-tunxi-a", { raised: "4", people: "21" });
    expect(await counts("g2014", "hs-tunxi-a")).toEqual({ errors: 1, warnings: 0, unexplained: 0 });
    const refused = await act(TOKENS.fillerA, "g2014", "hs-tunxi-a", "submit");
    expect([refused.status, refused.body.error.code]).toEqual([422, "has_errors"]);
    expect(refused.body.error.details.problems[0]).toMatchObject({
      id: "tenfold",
      message: "资助人数超过上年的 10 倍",
    });
    await save(TOKENS.fillerA, "g2014", "hs-tunxi-a", { people: "20" });
    expect((await act(TOKENS.fillerA, "g2014", "hs-tunxi-a", "submit")).status).toBe(200);
  });

  it("stays silent without an approved previous report: only submitted last year, or no report at all", async () => {
    // 徽州 only submitted 2013 (never approved): nothing to compare with, neither warning nor error fires.
    const answer = await save(
      TOKENS.fillerHuizhou,
      "g2014",
      "hs-huizhou",
      { raised: "100", people: "1000" },
      { growth: "不应保存" },
    );
    expect(answer.explanations).toEqual({});
    expect(await counts("g2014", "hs-huizhou")).toEqual({ errors: 0, warnings: 0, unexplained: 0 });
    expect((await api(TOKENS.fillerHuizhou, "GET", report("g2014", "hs-huizhou"))).body.previous).toEqual({});
    expect((await act(TOKENS.fillerHuizhou, "g2014", "hs-huizhou", "submit")).status).toBe(200);
    // 老街 had no 2013 report at all.
    await save(TOKENS.admin, "g2014", "hs-tunxi-b", { raised: "50", people: "99" });
    expect(await counts("g2014", "hs-tunxi-b")).toEqual({ errors: 0, warnings: 0, unexplained: 0 });
  });

  it("reads the round before, not the oldest: 2015 compares with 2014 (same version)", async () => {
    expect((await act(TOKENS.cityReviewer, "g2014", "hs-tunxi", "approve")).status).toBe(200);
    const got = await api(TOKENS.filler, "GET", report("g2015", "hs-tunxi"));
    expect(got.body.previous).toEqual({ raised: "16", people: "6" });
    await save(TOKENS.filler, "g2015", "hs-tunxi", { raised: "1", people: "1" });
    expect(await counts("g2015", "hs-tunxi")).toEqual({ errors: 0, warnings: 0, unexplained: 0 });
    expect((await act(TOKENS.filler, "g2015", "hs-tunxi", "submit")).status).toBe(200);
  });
});

describe("prev() in the downloaded form", () => {
  it("leaves the rules that read prev() to the upload: listed as 上传后检查 with the reason", async () => {
    const res = await exports.default.fetch(`http://huibiao.test/api/v1${report("g2015", "hs-tunxi")}/form.xlsx`, {
      headers: { Authorization: `Bearer ${TOKENS.filler}` },
    });
    expect(res.status).toBe(200);
    const files = await unzip(new Uint8Array(await res.arrayBuffer()));
    const xml = [...files.values()].join("");
    // Both rules (growth and tenfold) are listed with the reason, none as a formula.
    expect(xml.split(`${CHECKED_ON_UPLOAD}：${PREV_NOT_IN_FILE}`)).toHaveLength(3);
  });
});

describe("prev() in the consolidation", () => {
  it("compares like with like: while one included unit has no final 2013 report, the totals' prev() is blank", async () => {
    const res = await api(TOKENS.cityReviewer, "GET", "/rounds/g2014/consolidated?unit=hs");
    expect(res.status).toBe(200);
    // Included: 屯溪 16 (approved), 昱东 4, 徽州 100 (submitted) = 120; 徽州's 2013 report was never approved.
    expect(res.body.totals.raised).toBe("120");
    expect(res.body.problems).toEqual([]);
    // 屯溪's 说明 travels with the warning it explains, recomputed on its own values and last year's.
    expect(res.body.notes).toEqual([
      expect.objectContaining({
        unit: "hs-tunxi",
        problemId: "growth",
        message: "共筹集资金 16 万元比上年 10 万元增长超过 50%，请核实",
        severity: "warning",
      }),
    ]);
  });

  it("counts a report submitted in a locked round as final, and sums the units' previous values", async () => {
    expect((await api(TOKENS.admin, "POST", "/rounds/g2013/lock")).status).toBe(200);
    const got = await api(TOKENS.fillerHuizhou, "GET", report("g2014", "hs-huizhou"));
    expect(got.body.previous).toEqual({ raised: "20", people: "3" });
    const res = await api(TOKENS.cityReviewer, "GET", "/rounds/g2014/consolidated?unit=hs");
    // Last year's total of the same units: raised 10 + 4 + 20 = 34, people 5 + 2 + 3 = 10.
    expect(res.body.problems).toEqual([
      { id: "tenfold", ruleId: "tenfold", severity: "error", cells: ["people"], message: "资助人数超过上年的 10 倍" },
      {
        id: "growth",
        ruleId: "growth",
        severity: "warning",
        cells: ["raised"],
        message: "共筹集资金 120 万元比上年 34 万元增长超过 50%，请核实",
      },
    ]);
  });
});

describe("GET /trend", () => {
  it("consolidates a key over every round, oldest first, reading the renamed key in older versions", async () => {
    const res = await api(TOKENS.cityReviewer, "GET", `/trend?template=${ID}&key=raised&unit=hs`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      template: { id: ID, version: 2, title: "金秋助学情况统计表" },
      key: "raised",
      label: "第 1 项「共筹集资金」",
      unit: { code: "hs", name: "黄山市总工会" },
      include: ["submitted", "approved"],
      rounds: [
        // 2013 (v1, `funds`): 屯溪 10 + 昱东 4 + 徽州 20 (submitted counts, as in the consolidation).
        {
          round: "g2013",
          period: "2013年",
          dueDate: "2013-10-31",
          templateVersion: 1,
          value: "34",
          reported: 3,
          expected: 4,
        },
        {
          round: "g2014",
          period: "2014年",
          dueDate: "2014-10-31",
          templateVersion: 2,
          value: "120",
          reported: 3,
          expected: 4,
        },
        {
          round: "g2015",
          period: "2015年",
          dueDate: "2099-10-31",
          templateVersion: 2,
          value: "1",
          reported: 1,
          expected: 4,
        },
      ],
    });
  });

  it("sums a reviewer's own subtree by default, and a key no round has is null", async () => {
    const res = await api(TOKENS.reviewer, "GET", `/trend?template=${ID}&key=raised`);
    expect(res.status).toBe(200);
    expect(res.body.unit.code).toBe("hs-tunxi");
    expect(res.body.rounds.map((r: { value: string | null }) => r.value)).toEqual(["14", "20", "1"]);
    const people = await api(TOKENS.reviewer, "GET", `/trend?template=${ID}&key=people&unit=hs-tunxi-b`);
    expect(people.body.rounds.map((r: { value: string | null }) => r.value)).toEqual([null, null, null]);
  });

  it("answers 400, 403 and 404 as JSON errors", async () => {
    const cases: [string, string, number, string][] = [
      [TOKENS.filler, `/trend?template=${ID}&key=raised`, 403, "forbidden"],
      [TOKENS.reviewer, `/trend?template=${ID}&key=raised&unit=hs`, 404, "not_found"],
      [TOKENS.reviewer, `/trend?template=${ID}&key=raised&unit=hs-huizhou`, 404, "not_found"],
      [TOKENS.reviewer, `/trend?template=${ID}&key=raised&unit=nope`, 404, "not_found"],
      [TOKENS.admin, `/trend?template=no-such-form&key=raised`, 404, "not_found"],
      [TOKENS.admin, `/trend?template=${ID}&key=funds`, 400, "invalid_request"],
      [TOKENS.admin, `/trend?template=${ID}`, 400, "invalid_request"],
      [TOKENS.admin, `/trend?template=${ID}&key=Raised!`, 400, "invalid_request"],
    ];
    for (const [token, path, status, code] of cases) {
      const res = await api(token, "GET", path);
      expect([path, res.status, res.body.error?.code]).toEqual([path, status, code]);
      expect(Object.keys(res.body)).toEqual(["error"]);
    }
  });
});

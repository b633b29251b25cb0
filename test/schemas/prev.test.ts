import { describe, expect, it } from "vitest";
import { checkTemplate } from "../../schemas/check";
import { compiledOf } from "../../schemas/cells";
import { readsPrevious } from "../../schemas/compile";
import { parseExpression } from "../../schemas/expr/parser";
import { mapPrevious, previousSourceIssues } from "../../schemas/previous";
import type { Template, TemplateInput } from "../../schemas/template";
import { validate, Validator } from "../../schemas/validate";
import { MINI_INPUT } from "./fixtures/mini";

/**
 * prev(x): the unit's approved value of x in the previous round of the form.
 * Parsing, the publish checks, the blank semantics (a missing previous value is
 * not known: comparisons on it do not fire, isblank() sees it), the Validator's
 * input, and the mapping of renamed and merged keys across versions.
 */

const GROWTH = {
  id: "growth",
  expr: "raised <= prev(raised) * 1.5",
  severity: "warning" as const,
  message: "共筹集资金 {raised} 万元比上年 {prev(raised)} 万元增长超过 50%，请核实",
};

function withRules(rules: TemplateInput["rules"], extra: Partial<TemplateInput> = {}): TemplateInput {
  return { ...MINI_INPUT, rules: [...(MINI_INPUT.rules ?? []), ...(rules ?? [])], ...extra };
}

function published(input: TemplateInput): Template {
  const r = checkTemplate(input);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.template;
}

function issues(input: TemplateInput): { path: string; message: string }[] {
  const r = checkTemplate(input);
  // Where and what; the character and reason an expression issue also carries are the definition workbook's.
  return r.ok ? [] : r.errors.map(({ path, message }) => ({ path, message }));
}

const T = published(withRules([GROWTH]));
const ids = (values: Record<string, string>, previous?: Record<string, string> | null) =>
  validate(T, values, previous)
    .map((p) => p.id)
    .filter((id) => id === "growth");

describe("prev() in the expression language", () => {
  it("parses as a call of one reference", () => {
    const parsed = parseExpression("raised <= prev(raised) * 1.5");
    expect(parsed.ok && parsed.expr).toMatchObject({
      kind: "binary",
      op: "<=",
      right: {
        kind: "binary",
        op: "*",
        left: { kind: "call", name: "prev", args: [{ kind: "ref", path: ["raised"] }] },
      },
    });
  });

  it("type-checks at publish: unknown keys, rosters, header fields, arity, types, computed items", () => {
    const one = (expr: string) => issues(withRules([{ id: "p", expr, severity: "warning", message: "m" }]));
    expect(one("raised <= prev(raisd)")).toEqual([
      { path: "rules[3].expr", message: "规则 p 第 16 个字符：未知字段 raisd" },
    ]);
    expect(one("prev(roster.amount) > 0")).toEqual([
      {
        path: "rules[3].expr",
        message: "规则 p 第 6 个字符：prev() 只能读取项目或表格单元格上一轮的数值，不能用于名册（roster.amount）",
      },
    ]);
    expect(one("count(roster) <= prev(roster)")).toEqual([
      {
        path: "rules[3].expr",
        message: "规则 p 第 23 个字符：prev() 只能读取项目或表格单元格上一轮的数值，不能用于名册（roster）",
      },
    ]);
    expect(one('prev(header.reporter) = ""')).toEqual([
      { path: "rules[3].expr", message: "规则 p 第 6 个字符：prev() 只能读取项目或表格单元格，header.reporter 不是" },
    ]);
    expect(one("prev(raised, paid) > 0")[0]?.message).toBe("规则 p 第 1 个字符：prev() 需要 1 个参数");
    expect(one("prev(raised + 1) > 0")[0]?.message).toBe(
      "规则 p 第 13 个字符：prev() 的参数应为表内的项目或表格单元格，例如 prev(raised)",
    );
    expect(one('prev(raised) = "a"')[0]?.message).toBe("规则 p 第 14 个字符：「=」两边类型不同：数值 与 文本");
    // Grid cells and items are fine; so is isblank(prev(x)).
    expect(one("isblank(prev(grant.total)) or grant.total <= prev(grant.total) + 10")).toEqual([]);

    const calc = issues({
      ...MINI_INPUT,
      sections: MINI_INPUT.sections.map((s) =>
        s.kind === "items"
          ? {
              ...s,
              items: [
                ...s.items,
                {
                  key: "growth",
                  label: "增长",
                  unit: "万元",
                  type: "decimal",
                  scale: 2,
                  calc: "raised - prev(raised)",
                },
              ],
            }
          : s,
      ),
    });
    expect(calc).toEqual([
      {
        path: "sections[0].items[6].calc",
        message: "计算项第 4 项「增长」第 10 个字符：prev() 只能用在规则中：计算项不能读取上一轮的数值",
      },
    ]);
  });

  it("refuses prev() of a roster column in a row rule", () => {
    const input: TemplateInput = {
      ...MINI_INPUT,
      sections: MINI_INPUT.sections.map((s) =>
        s.kind === "roster"
          ? { ...s, rowRules: [{ id: "rp", expr: "amount <= prev(amount)", severity: "warning", message: "m" }] }
          : s,
      ),
    };
    expect(issues(input)).toEqual([
      {
        path: "sections[2].rowRules[0].expr",
        message: "规则 rp 第 16 个字符：prev() 只能读取项目或表格单元格上一轮的数值，不能用于名册（amount）",
      },
    ]);
  });

  it("knows which rules read prev()", () => {
    expect(readsPrevious(compiledOf(T))).toBe(true);
    expect(readsPrevious(compiledOf(published(MINI_INPUT)))).toBe(false);
    expect(compiledOf(T).rulesByPrevious.map((r) => compiledOf(T).rules[r]?.id)).toEqual(["growth"]);
  });
});

describe("blank semantics of prev()", () => {
  it("fires on last round's approved value, with {prev(x)} in the message", () => {
    const [p] = validate(T, { raised: "16" }, { raised: "10" }).filter((x) => x.id === "growth");
    expect(p).toEqual({
      id: "growth",
      ruleId: "growth",
      severity: "warning",
      cells: ["raised"],
      message: "共筹集资金 16 万元比上年 10 万元增长超过 50%，请核实",
    });
    expect(ids({ raised: "15" }, { raised: "10" })).toEqual([]);
  });

  it("does not fire without a previous value: none given, an empty report, a blank cell", () => {
    expect(ids({ raised: "16" })).toEqual([]);
    expect(ids({ raised: "16" }, null)).toEqual([]);
    expect(ids({ raised: "16" }, {})).toEqual([]);
    expect(ids({ raised: "16" }, { paid: "3" })).toEqual([]);
  });

  it("isblank(prev(x)) tells a missing previous value; or/if decide around it", () => {
    const t = published(
      withRules([
        { id: "none", expr: "not isblank(prev(raised))", severity: "warning", message: "上年没有数据" },
        {
          id: "guarded",
          expr: "isblank(prev(paid)) or paid <= prev(paid)",
          severity: "error",
          message: "发放多于上年",
        },
        { id: "zero", expr: "paid <= if(isblank(prev(paid)), 0, prev(paid))", severity: "warning", message: "空作 0" },
      ]),
    );
    const fired = (previous?: Record<string, string>) =>
      validate(t, { raised: "1", raised_gov: "1", paid: "1" }, previous)
        .map((p) => p.id)
        .filter((id) => ["none", "guarded", "zero"].includes(id));
    expect(fired()).toEqual(["none", "zero"]);
    expect(fired({ raised: "1", paid: "0.5" }).sort()).toEqual(["guarded", "zero"]);
    expect(fired({ raised: "1", paid: "2" })).toEqual([]);
  });

  it("marks the cell whose previous value a rule reads", () => {
    const t = published(
      withRules([{ id: "only", expr: "prev(people) < 100", severity: "warning", message: "上年超过 100 人" }]),
    );
    expect(validate(t, {}, { people: "120" }).find((p) => p.id === "only")?.cells).toEqual(["people"]);
  });
});

describe("the Validator's previous values", () => {
  it("takes them at construction, and again later with only the prev() rules re-checked", () => {
    const v = new Validator(T, { raised: "16", raised_gov: "16" });
    expect(v.problems().map((p) => p.id)).not.toContain("growth");
    const arrived = v.setPrevious({ raised: "10" });
    expect(arrived.appeared.map((p) => p.id)).toEqual(["growth"]);
    expect(arrived.cleared).toEqual([]);
    // An edit re-checks the rule against the same previous value.
    expect(v.set("raised", "15").cleared.map((p) => p.id)).toContain("growth");
    expect(v.set("raised", "20").appeared.map((p) => p.id)).toContain("growth");
    expect(v.setPrevious(null).cleared.map((p) => p.id)).toEqual(["growth"]);
    const again = new Validator(T, { raised: "20", raised_gov: "20" }, { previous: { raised: "10" } });
    expect(again.problems().map((p) => p.id)).toContain("growth");
  });

  it("re-checks row rules that read prev() on every row", () => {
    const input: TemplateInput = {
      ...MINI_INPUT,
      sections: MINI_INPUT.sections.map((s) =>
        s.kind === "roster"
          ? {
              ...s,
              rowRules: [
                { id: "rp", expr: "amount <= prev(paid) * 10000", severity: "warning", message: "超过上年人均" },
              ],
            }
          : s,
      ),
    };
    const v = new Validator(published(input), { "roster.r1.amount": "2000", "roster.r2.amount": "500" });
    const change = v.setPrevious({ paid: "0.1" });
    expect(change.appeared.map((p) => p.id)).toEqual(["rp@r1"]);
  });
});

describe("previous across versions", () => {
  const V1 = published({ ...MINI_INPUT, version: 1 });
  const renamed = (version: number, extra: Partial<TemplateInput>): TemplateInput => ({
    ...MINI_INPUT,
    version,
    ...extra,
  });
  // v2 renames raised → funds and merges gov + union into one item.
  const v2Input = renamed(2, {
    sections: MINI_INPUT.sections.map((s) =>
      s.kind === "items"
        ? {
            ...s,
            items: [
              { key: "funds", no: "1", label: "共筹集资金", unit: "万元", type: "decimal", scale: 2 },
              { key: "outside", label: "其中：党政与工会投入", unit: "万元", type: "decimal", scale: 2, indent: 1 },
              ...s.items.slice(3),
            ],
          }
        : s,
    ),
    breakdowns: [{ total: "people", parts: ["migrant"], mode: "partial" }],
    rules: [{ id: "g", expr: "funds <= prev(funds) * 1.5", severity: "warning", message: "增长超过 50%" }],
    previous: [
      { key: "funds", from: "raised" },
      { key: "outside", from: "raised_gov + raised_union" },
    ],
  });
  const V2 = published(v2Input);

  it("reads renamed and merged keys, the rest by the same key; rosters and header fields are not carried", () => {
    const old = {
      raised: "82.5",
      raised_gov: "30",
      raised_union: "52.5",
      paid: "0.35",
      "grant.total": "2",
      "header.reporter": "徐华玲",
      "roster.r1.amount": "2000",
    };
    expect(mapPrevious([V1, V2], old)).toEqual({ funds: "82.5", outside: "82.5", paid: "0.35", "grant.total": "2" });
    expect(mapPrevious([V2], { funds: "1", "roster.r1.amount": "3" })).toEqual({ funds: "1" });
    // Nothing reported then is no value now: a + b of two blanks stays blank.
    expect(mapPrevious([V1, V2], { raised: "1" })).toEqual({ funds: "1" });
  });

  it("chains versions: v3 reads v1 through v2", () => {
    const V3 = published({ ...v2Input, version: 3, previous: [{ key: "paid", from: "paid * 10000" }] });
    expect(mapPrevious([V1, V2, V3], { raised: "8", paid: "0.35" })).toEqual({ funds: "8", paid: "3500" });
  });

  it("checks `previous` at publish: keys of this template, sources that parse, and against the older version", () => {
    expect(
      issues({
        ...v2Input,
        previous: [
          { key: "nope", from: "raised" },
          { key: "funds", from: "raised +" },
          { key: "paid", from: "prev(paid)" },
          { key: "header.reporter", from: "raised" },
        ],
      }),
    ).toEqual([
      { path: "previous[0].key", message: "previous 中的 nope 不是本表的项目或表格单元格" },
      {
        path: "previous[1].from",
        message: "funds 的上一轮来源第 9 个字符：此处应为数值、字段或函数，实际是表达式结尾",
      },
      {
        path: "previous[2].from",
        message: "paid 的上一轮来源第 1 个字符：来源只能由上一版的项目和表格单元格计算，不能使用 prev()",
      },
      { path: "previous[3].key", message: "previous 中的 header.reporter 不是本表的项目或表格单元格" },
    ]);
    expect(previousSourceIssues(V2, V1)).toEqual([]);
    const bad = published({ ...v2Input, previous: [{ key: "funds", from: "raisd" }] });
    expect(previousSourceIssues(bad, V1)).toEqual([
      { path: "previous[0].from", message: "funds 的上一轮来源第 1 个字符：未知字段 raisd（对照第 1 版）" },
    ]);
  });
});

/**
 * Computed items (`calc`): the publish checks (references, cycles, types, not
 * required), and the engine — values derived from the roster and the other
 * items, never typed, taking part in rules like any value.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCellInput } from "../../schemas/cells";
import { checkTemplate } from "../../schemas/check";
import { Template, type TemplateInput } from "../../schemas/template";
import { validate, Validator } from "../../schemas/validate";
import { CALC, CALC_INPUT, students } from "./fixtures/calc";
import { MINI_INPUT } from "./fixtures/mini";
import { HS_2022_ROSTER_VALUES } from "./fixtures/filled";
import { HS_2022_ROSTER } from "../../schemas/forms";
import { buildLayout } from "../../schemas/layout/form/layout";

/** CALC_INPUT with the summary items replaced. */
function withItems(items: unknown[]): TemplateInput {
  return {
    ...CALC_INPUT,
    rules: [],
    sections: [CALC_INPUT.sections[0], { kind: "items", key: "summary", items }] as TemplateInput["sections"],
  };
}

const item = (key: string, calc?: string, extra: Record<string, unknown> = {}) => ({
  key,
  label: `${key} 的名称`,
  unit: "人",
  type: "integer",
  ...(calc === undefined ? {} : { calc }),
  ...extra,
});

const errorsOf = (input: TemplateInput) => {
  const r = checkTemplate(input);
  // Where and what; the definition workbook's extras (char, members) are tested there.
  return r.ok ? [] : r.errors.map(({ path, message }) => ({ path, message }));
};

describe("calc: publish checks", () => {
  it("accepts the calc template, and templates stored before calc existed", () => {
    expect(checkTemplate(CALC_INPUT).ok).toBe(true);
    expect(checkTemplate(MINI_INPUT).ok).toBe(true);
    expect(checkTemplate(JSON.parse(JSON.stringify(MINI_INPUT))).ok).toBe(true);
  });

  it("names the item and the character of an unknown reference", () => {
    expect(errorsOf(withItems([item("persons", "count(studnets)")]))).toEqual([
      {
        path: "sections[1].items[0].calc",
        message: "计算项「persons 的名称」第 7 个字符：未知字段 studnets",
      },
    ]);
  });

  it("refuses a calc that is not a number", () => {
    expect(errorsOf(withItems([item("persons", "count(students) > 1")]))).toEqual([
      {
        path: "sections[1].items[0].calc",
        message: "计算项「persons 的名称」第 17 个字符：表达式的结果应为数值，实际是条件",
      },
    ]);
    expect(errorsOf(withItems([item("persons", 'students.name = "a"')]))[0]?.message).toContain(
      "名册列 students.name 只能用在 sum()/count() 中",
    );
  });

  it("refuses a calc item that is also required input", () => {
    expect(errorsOf(withItems([item("persons", "count(students)", { required: true })]))).toEqual([
      {
        path: "sections[1].items[0].required",
        message: "计算项「persons 的名称」由系统计算，不能设为必填",
      },
    ]);
  });

  it("refuses cycles, naming the items in order", () => {
    const cycle = withItems([item("a", "b + 1"), item("b", "c"), item("c", "a * 2"), item("d", "count(students)")]);
    expect(errorsOf(cycle)).toEqual([{ path: "sections[1].items", message: "计算项形成循环：a → b → c → a" }]);
    expect(errorsOf(withItems([item("a", "a + 1")]))).toEqual([
      { path: "sections[1].items", message: "计算项形成循环：a → a" },
    ]);
  });

  it("allows a chain without a cycle in any order of the items", () => {
    expect(errorsOf(withItems([item("a", "b + c"), item("b", "c * 2"), item("c", "count(students)")]))).toEqual([]);
  });
});

describe("calc: the engine", () => {
  const rows = students([
    ["张三", "省总经费", "2000"],
    ["李四", "其他", "1500.5"],
    ["王五", "省总经费", "1000"],
  ]);

  it("derives every computed item from the roster and the items", () => {
    const v = new Validator(CALC, rows);
    expect(v.value("persons")).toBe("3");
    expect(v.value("amount")).toBe("4500.5");
    expect(v.value("prov_persons")).toBe("2");
    expect(v.value("prov_amount")).toBe("3000");
    // 4500.5 / 3 = 1500.1666… at the item's scale, half away from zero.
    expect(v.value("average")).toBe("1500.17");
    expect(v.values()).toMatchObject({ persons: "3", amount: "4500.5", average: "1500.17" });
  });

  it("computes 0 for an empty roster, so an untouched form has its totals", () => {
    const v = new Validator(CALC, {});
    expect(v.value("persons")).toBe("0");
    expect(v.value("amount")).toBe("0");
    expect(v.value("average")).toBe("0");
  });

  it("never takes a typed value for a computed item", () => {
    const v = new Validator(CALC, { ...rows, persons: "7", amount: "1" });
    expect(v.value("persons")).toBe("3");
    expect(v.value("amount")).toBe("4500.5");
    const r = v.set("persons", "9");
    expect(r.readOnly).toEqual(["persons"]);
    expect(r.values).toEqual({});
    expect(v.value("persons")).toBe("3");
  });

  it("answers the computed items an edit changed, and only those", () => {
    const v = new Validator(CALC, rows);
    expect(v.set("students.r2.amount", "500").computed).toEqual({ amount: "3500", average: "1166.67" });
    expect(v.set("students.r4.name", "赵六").computed).toEqual({ persons: "4", average: "875" });
    expect(v.set("students.r4.source", "省总经费").computed).toEqual({ prov_persons: "3" });
    expect(v.set("budget", "100").computed).toEqual({});
  });

  it("takes part in rules like any value", () => {
    const v = new Validator(CALC, { ...rows, budget: "4000" });
    expect(v.problems().map((p) => p.message)).toEqual(["助学金额合计 4500.5 元超过年度预算 4000 元"]);
    const r = v.set("students.r3.amount", "");
    expect(r.cleared.map((p) => p.id)).toEqual(["within-budget"]);
    expect(validate(CALC, { ...rows, budget: "4000" }).map((p) => p.cells)).toEqual([["amount", "budget"]]);
  });

  it("leaves a computed item blank while a value it reads is unreadable", () => {
    const v = new Validator(CALC, { ...rows, "students.r1.amount": "两千" });
    expect(v.value("amount")).toBeUndefined();
    expect(v.value("persons")).toBe("3");
    expect(v.problems().map((p) => p.ruleId)).toEqual(["type"]);
  });

  it("refuses a computed item as input, naming it", () => {
    expect(parseCellInput(CALC, "persons", "3")).toEqual({
      ok: false,
      code: "computed_cell",
      message: "「资助人数合计」由系统根据表中数据自动计算，不能填写",
    });
  });

  it("agrees with a full check after any sequence of edits (property)", () => {
    const cell = fc.tuple(
      fc.integer({ min: 1, max: 4 }),
      fc.constantFrom("name", "source", "amount"),
      fc.constantFrom("", "甲", "省总经费", "其他", "100", "0.25", "x"),
    );
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 25 }), fc.constantFrom("", "1000", "99999"), (edits, budget) => {
        const v = new Validator(CALC, { budget });
        const now: Record<string, string> = budget ? { budget } : {};
        for (const [row, col, value] of edits) {
          const key = `students.r${row}.${col}`;
          v.set(key, value);
          if (value === "") delete now[key];
          else now[key] = value;
        }
        const fresh = new Validator(CALC, now);
        for (const key of ["persons", "amount", "prov_persons", "prov_amount", "average"]) {
          expect(v.value(key)).toEqual(fresh.value(key));
        }
        expect(v.problems()).toEqual(fresh.problems());
      }),
      { numRuns: 150 },
    );
  });
});

describe("calc in the official forms", () => {
  it("roster: 合计 is computed from the roster, never typed (资助人数、助学金额, and those of 省总经费)", () => {
    const t = Template.parse(HS_2022_ROSTER);
    const summary = t.sections.find((s) => s.kind === "items");
    if (summary?.kind !== "items") throw new Error("the roster form has no 合计");
    expect(summary.items.map((i) => [i.key, i.calc])).toEqual([
      ["total_persons", "count(roster)"],
      ["total_amount", "sum(roster.amount)"],
      ["prov_persons", 'count(roster, roster.source = "省总经费")'],
      ["prov_amount", 'sum(roster.amount, roster.source = "省总经费")'],
    ]);
    // The filled fixture's five recipients, two of them on 省总经费 (2000 + 1500 元).
    const rows = Object.fromEntries(Object.entries(HS_2022_ROSTER_VALUES).filter(([k]) => k.startsWith("roster.")));
    const v = new Validator(t, { ...rows, total_persons: "99" });
    expect(["total_persons", "total_amount", "prov_persons", "prov_amount"].map((k) => v.value(k))).toEqual([
      "5",
      "11500",
      "2",
      "3500",
    ]);
    // Every formula fits: the sheet computes them itself.
    expect(buildLayout(t).cells.filter((c) => c.computed && !c.formula)).toEqual([]);
  });
});

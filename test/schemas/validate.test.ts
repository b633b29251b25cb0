import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Problem } from "../../schemas/problem";
import { validate, Validator } from "../../schemas/validate";
import { MINI, withCheckDigit } from "./fixtures/mini";

const ID_A = withCheckDigit("34100420050312001"); // born 2005-03-12
const ID_B = withCheckDigit("34100220120101002"); // born 2012-01-01
const FILLED: Record<string, string> = {
  "header.reporter": "徐华玲",
  "header.phone": "0559-2315822",
  raised: "82.5",
  raised_gov: "30",
  raised_union: "52.5",
  paid: "0.35",
  people: "2",
  migrant: "1",
  "grant.total": "2",
  "grant.school": "1",
  "grant.college": "1",
  "roster.r1.name": "张三",
  "roster.r1.idno": ID_A,
  "roster.r1.stage": "高等教育",
  "roster.r1.amount": "2000",
  "roster.r2.name": "李四",
  "roster.r2.idno": ID_B,
  "roster.r2.stage": "义务教育",
  "roster.r2.amount": "1500",
};

const ids = (ps: Problem[]) => ps.map((p) => p.id).sort();

describe("validate", () => {
  it("passes a correctly filled form", () => {
    expect(validate(MINI, FILLED)).toEqual([]);
  });

  it("fires a breakdown with the total's cells first and exact money", () => {
    const problems = validate(MINI, { ...FILLED, raised_union: "52.49" });
    expect(problems).toEqual([
      {
        id: "parts:raised",
        ruleId: "parts:raised",
        severity: "error",
        cells: ["raised", "raised_gov", "raised_union"],
        message: "「共筹集资金」为 82.5 万元，其中各项之和为 82.49 万元，两者应相等（相差 0.01 万元）",
      },
    ]);
  });

  it("interpolates left, right and diff of a warning", () => {
    const [p] = validate(MINI, { ...FILLED, paid: "90.1" }).filter((x) => x.id === "over");
    expect(p?.severity).toBe("warning");
    expect(p?.message).toBe("发放 90.1 万元超过筹集 82.5 万元（多 7.6 万元）");
    expect(p?.cells).toEqual(["paid", "raised"]);
  });

  it("checks partial breakdowns, grid totals and aggregates", () => {
    const problems = validate(MINI, { ...FILLED, migrant: "3", "grant.school": "2" });
    expect(ids(problems)).toEqual(["grid:grant", "parts:people"]);
    const roster = validate(MINI, { ...FILLED, people: "3", migrant: "0" });
    expect(roster.find((p) => p.id === "count")?.message).toBe("名册 2 人与资助人数 3 人不一致");
  });

  it("checks roster rows: row rules, required columns, unique 身份证号", () => {
    const problems = validate(MINI, {
      ...FILLED,
      "roster.r2.amount": "2000.01",
      "roster.r2.idno": ID_A,
      "roster.r2.name": "",
    });
    expect(ids(problems)).toEqual([
      "cap@r2",
      "required:roster.r2.name",
      "unique:roster:idno@r1",
      "unique:roster:idno@r2",
    ]);
    const cap = problems.find((p) => p.id === "cap@r2");
    expect(cap).toMatchObject({ row: "r2", cells: ["roster.r2.amount"], message: "助学金额 2000.01 元超过 2000 元" });
    expect(problems.find((p) => p.id === "unique:roster:idno@r1")?.message).toBe(
      `名册中「身份证号」为 ${ID_A} 的记录重复出现 2 次`,
    );
  });

  it("computes ages from the 身份证号 at the reference date", () => {
    const problems = validate(MINI, { ...FILLED, "roster.r2.stage": "高等教育" });
    expect(problems).toEqual([
      expect.objectContaining({
        id: "age@r2",
        severity: "warning",
        message: `就读阶段为高等教育，但身份证号 ${ID_B} 对应的年龄不足 16 岁，请核对`,
      }),
    ]);
  });

  it("reports unreadable input once, as a type error, and skips rules that read it", () => {
    const problems = validate(MINI, { ...FILLED, raised: "12a" });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ id: "type:raised", ruleId: "type", cells: ["raised"] });
    expect(problems[0]?.message).toContain("第 1 项「共筹集资金」");
  });

  it("normalises what clerks type", () => {
    const v = new Validator(MINI, { ...FILLED, raised: " ８２．５０ ", people: "２" });
    expect(v.problems()).toEqual([]);
    expect(v.value("raised")).toBe("82.5");
    expect(v.value("people")).toBe("2");
  });

  it("lists errors before warnings, each in form order", () => {
    const problems = validate(MINI, { ...FILLED, paid: "100", raised_gov: "1", "header.reporter": "" });
    expect(problems.map((p) => p.id)).toEqual(["required:header.reporter", "parts:raised", "over", "avg"]);
  });

  it("says what appeared and what cleared after one edit", () => {
    const v = new Validator(MINI, FILLED);
    const broke = v.set("raised_gov", "31");
    expect(ids(broke.appeared)).toEqual(["parts:raised"]);
    expect(broke.cleared).toEqual([]);
    const fixed = v.set("raised", "83.5");
    expect(fixed.appeared).toEqual([]);
    expect(ids(fixed.cleared)).toEqual(["parts:raised"]);
    expect(fixed.values).toEqual({ raised: "83.5" });
  });

  it("deleting a roster row (all cells blank) removes its problems and updates counts", () => {
    const v = new Validator(MINI, { ...FILLED, "roster.r2.amount": "9999" });
    expect(ids(v.problems())).toEqual(["cap@r2"]);
    const result = v.setMany(["name", "idno", "stage", "amount"].map((c) => ({ cell: `roster.r2.${c}`, value: null })));
    expect(ids(result.cleared)).toEqual(["cap@r2"]);
    expect(ids(result.appeared)).toEqual(["count"]);
  });

  it("ignores unknown cells and says so", () => {
    const v = new Validator(MINI, FILLED);
    expect(v.set("nope", "1").unknown).toEqual(["nope"]);
    expect(v.set("roster.bad id.name", "x").unknown).toEqual(["roster.bad id.name"]);
  });

  it("incremental results equal a full re-check after every edit (property)", () => {
    const cells = [
      "raised",
      "raised_gov",
      "raised_union",
      "paid",
      "people",
      "migrant",
      "grant.total",
      "grant.school",
      "grant.college",
      "header.reporter",
      ...["r1", "r2", "r3"].flatMap((r) => ["name", "idno", "stage", "amount"].map((c) => `roster.${r}.${c}`)),
    ];
    const values = fc.constantFrom<unknown>(
      null,
      "",
      "0",
      "1",
      "2",
      "3",
      "2000",
      "2000.01",
      "0.1",
      "52.5",
      "12a",
      "１２",
      "1,234",
      -1,
      ID_A,
      ID_B,
      "110105194912310021",
      "高等教育",
      "义务教育",
      "张三",
    );
    const edit = fc.tuple(fc.constantFrom(...cells), values);
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 25 }), fc.boolean(), (edits, start) => {
        const typed: Record<string, unknown> = start ? { ...FILLED } : {};
        const v = new Validator(MINI, typed);
        const shown = new Map(v.problems().map((p) => [p.id, p]));
        for (const [cell, value] of edits) {
          typed[cell] = value;
          const change = v.set(cell, value);
          for (const p of change.cleared) shown.delete(p.id);
          for (const p of change.appeared) shown.set(p.id, p);
          // Same problems, same order, same text as checking everything typed so far.
          expect(v.problems()).toEqual(validate(MINI, typed));
          expect(new Map([...shown].sort())).toEqual(
            new Map(
              v
                .problems()
                .map((p) => [p.id, p] as const)
                .sort(),
            ),
          );
        }
      }),
      { numRuns: 300 },
    );
  });
});

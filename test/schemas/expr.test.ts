import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkTemplate } from "../../schemas/check";
import * as D from "../../schemas/decimal";
import { compileExpression, type Frame, type Scope } from "../../schemas/expr/compile";
import { parseExpression } from "../../schemas/expr/parser";
import { INVALID, formatValue, type Value } from "../../schemas/expr/value";
import { MINI_INPUT } from "./fixtures/mini";

const numberCells = ["a", "b", "c", "grant.total"];
const scope: Scope = {
  cell: (path) => {
    const key = path.join(".");
    const index = numberCells.indexOf(key);
    if (index >= 0) return { index, key, type: "number" };
    if (key === "name") return { index: 4, key, type: "string" };
    return undefined;
  },
  roster: (name) =>
    name === "roster"
      ? {
          index: 0,
          key: "roster",
          columns: new Map([
            ["amount", { index: 0, type: "number" as const }],
            ["kind", { index: 1, type: "string" as const }],
          ]),
        }
      : undefined,
};

function frame(cells: Record<string, string | null>, rows: [string | null, string | null][] = []): Frame {
  const values: Value[] = [...numberCells, "name"].map((k) => {
    const v = cells[k];
    if (v === undefined || v === null) return null;
    return k === "name" ? v : D.parseDecimal(v);
  });
  const roster = new Map<string, Value[]>(
    rows.map(([amount, kind], i) => [`r${i}`, [amount === null ? null : D.parseDecimal(amount), kind]]),
  );
  return { cells: values, rosters: [roster], row: null, referenceDate: "2024-09-01" };
}

function run(src: string, f: Frame): string {
  const result = compileExpression(src, scope);
  if (!result.ok) throw new Error(result.error.message);
  return formatValue(result.compiled.run(f));
}

describe("rule expressions", () => {
  it("computes exactly with blanks as zero", () => {
    const f = frame({ a: "0.1", b: "0.2", c: "0.3" });
    expect(run("a + b = c", f)).toBe("是");
    expect(run("a + b + grant.total", f)).toBe("0.3");
    expect(run("(a + b) × 10 ÷ 3", f)).toBe("1");
    expect(run("-a * 2", f)).toBe("-0.2");
  });

  it("has precedence: and binds tighter than or, not before comparisons", () => {
    const f = frame({ a: "1", b: "2" });
    expect(run("a = 1 or a = 2 and b = 3", f)).toBe("是");
    expect(run("not a > b", f)).toBe("是");
    expect(run("a < b && b >= 2 || false", f)).toBe("是");
  });

  it("treats division by zero as undecidable, not as a fired rule", () => {
    const f = frame({ a: "5" });
    expect(run("a / b > 1", f)).toBe("无效值");
    expect(run("if(b > 0, a / b > 1, true)", f)).toBe("是");
  });

  it("aggregates roster columns with a condition", () => {
    const f = frame({}, [
      ["1500", "省总经费"],
      ["800.5", "社会捐助"],
      ["2000", "省总经费"],
    ]);
    expect(run("count(roster)", f)).toBe("3");
    expect(run('count(roster, roster.kind = "省总经费")', f)).toBe("2");
    expect(run('sum(roster.amount, roster.kind = "省总经费")', f)).toBe("3500");
    expect(run("sum(roster.amount)", f)).toBe("4300.5");
  });

  it("supports isblank, min, max, abs, round", () => {
    const f = frame({ a: "2.345", b: null });
    expect(run("isblank(b) and not isblank(a)", f)).toBe("是");
    expect(run("round(a, 2)", f)).toBe("2.35");
    expect(run("max(a, 3, b)", f)).toBe("3");
    expect(run("min(a, 3)", f)).toBe("2.345");
    expect(run("abs(0 - a)", f)).toBe("2.345");
  });

  it("reports the character position of errors", () => {
    const cases: [string, number, RegExp][] = [
      ["a + * b", 5, /应为数值、字段或函数/],
      ["a + funds.totl", 5, /未知字段 funds\.totl/],
      ["a = 1 = 2", 7, /比较不能连写/],
      ['a + "x"', 5, /右边应为数值，实际是文本/],
      ["a and b", 1, /左边应为条件/],
      ["roster.amount > 1", 1, /只能用在 sum\(\)\/count\(\)/],
      ["sum(roster.kind)", 5, /只能汇总数值列/],
      ["foo(a)", 1, /未知函数 foo/],
      ["(a + b", 7, /右括号/],
      ["a # b", 3, /无法识别的字符/],
      ["if(a, 1, 2)", 4, /if\(\) 的条件应为条件/],
    ];
    for (const [src, pos, message] of cases) {
      const result = compileExpression(src, scope);
      expect(result.ok, src).toBe(false);
      if (!result.ok) {
        expect(result.error.pos, src).toBe(pos);
        expect(result.error.message, src).toMatch(message);
      }
    }
  });

  it("names the rule and position when publishing", () => {
    const bad = structuredClone(MINI_INPUT);
    bad.rules = [...(bad.rules ?? []), { id: "R3", expr: "raised >= funds.totl", severity: "error", message: "x" }];
    const result = checkTemplate(bad);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toContainEqual({
        path: "rules[3].expr",
        message: "规则 R3 第 11 个字符：未知字段 funds.totl",
        char: 11,
        reason: "未知字段 funds.totl",
      });
    }
  });

  it("never throws, whatever the input (property)", () => {
    const atoms = [
      "a",
      "b",
      "name",
      "grant.total",
      "roster",
      "roster.amount",
      "1",
      "0",
      "2.5",
      '"x"',
      "true",
      "(",
      ")",
      ",",
      "+",
      "-",
      "*",
      "/",
      "=",
      "<=",
      "and",
      "or",
      "not",
      "sum(",
      "count(",
      "if(",
      "isblank(",
      "age(",
      "round(",
      "abs(",
      ".",
    ];
    const source = fc.oneof(
      fc.string(),
      fc.array(fc.constantFrom(...atoms), { maxLength: 14 }).map((a) => a.join(" ")),
    );
    const f = frame({ a: "3", b: "0", c: null, name: "张三" }, [["1", "x"]]);
    fc.assert(
      fc.property(source, (src) => {
        expect(() => parseExpression(src)).not.toThrow();
        const result = compileExpression(src, scope);
        if (result.ok) {
          const v = result.compiled.run(f);
          expect(v === null || v === INVALID || ["boolean", "string", "object"].includes(typeof v)).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("refuses to nest without limit", () => {
    const deep = "(".repeat(200) + "1" + ")".repeat(200);
    const result = parseExpression(deep);
    expect(result.ok).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { checkTemplate } from "../../../../schemas/check";
import { compiledOf } from "../../../../schemas/cells";
import { OFFICIAL_TEMPLATES } from "../../../../schemas/forms";
import { columnNumber, parseRange } from "../../../../schemas/layout/address";
import { buildLayout } from "../../../../schemas/layout/form/layout";
import {
  CHECKED_ON_UPLOAD,
  CHECK_SHEET,
  expandRows,
  ruleChecks,
  type CheckCell,
} from "../../../../schemas/layout/form/rule-checks";
import { PREV_NOT_IN_FILE } from "../../../../schemas/layout/form/rules/formula";
import { shiftRows } from "../../../../schemas/layout/form/rules/row-ranges";
import { quote } from "../../../../schemas/layout/form/rules/excel-text";
import type { TemplateInput } from "../../../../schemas/template";
import { RULE_TOUR } from "./rule-tour";

/**
 * What the rule compiler writes (its verdicts are checked in LibreOffice by
 * rule-checks-libreoffice.test.ts): which rules compile, the reasons of those
 * that do not, and the shape of what the writer receives.
 */
function checksOf(input: TemplateInput, rosterRows = 20) {
  const r = checkTemplate(input);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const compiled = compiledOf(r.template);
  const layout = buildLayout(r.template, { rosterRows });
  return { compiled, layout, checks: ruleChecks(compiled, layout) };
}

/** Functions Excel 2010, WPS and LibreOffice all compute alike (no LET, IFS, TEXTJOIN, CONCAT, XLOOKUP, FILTER). */
const PORTABLE = new Set(
  (
    "IF IFERROR ISBLANK ISTEXT ISNUMBER ISLOGICAL ISERROR NA TRIM ROUND ABS OR AND EXACT MIN MAX CHOOSE FIXED " +
    "COUNTIF COUNTIFS MATCH INDEX COUNTA LEFT LEN MID RIGHT FIND SUM SUMPRODUCT MOD"
  ).split(" "),
);

describe("rule checks of the official forms", () => {
  const forms = OFFICIAL_TEMPLATES.map((t) => ({ id: t.id, ...checksOf(t) }));

  it("compiles every rule of the five official forms", () => {
    const counts = forms.map(({ id, checks }) => [
      id,
      checks.rules.filter((r) => r.compiled).length,
      checks.rules.length,
    ]);
    expect(counts).toEqual([
      ["sh-2014-jqzx", 21, 21],
      ["sh-2014-ygjy", 8, 8],
      ["hs-2022-need", 33, 33],
      ["hs-2022-activity", 42, 42],
      ["hs-2022-roster", 9, 9],
    ]);
  });

  it("lists every rule once on the 校验结果 sheet, template rules first, then each roster's row rules", () => {
    for (const { compiled, checks } of forms) {
      const ids = [...compiled.rules, ...compiled.rosters.flatMap((r) => r.rowRules)].map((r) => r.id);
      expect(checks.rules.map((r) => r.id)).toEqual(ids);
      const listed = checks.sheet.cells.filter((c) => /^A\d+$/.test(c.address) && ids.includes(c.text ?? ""));
      expect(listed.map((c) => c.text)).toEqual(ids);
      expect(checks.sheet.name).toBe(CHECK_SHEET);
    }
  });

  it("writes only functions that Excel 2010, WPS and LibreOffice share", () => {
    for (const { checks } of forms) {
      const formulas = [...checks.sheet.cells, ...checks.formCells].flatMap((c) => (c.formula ? [c.formula] : []));
      const used = new Set(
        formulas.flatMap((f) => [...f.replace(/"[^"]*"/g, "").matchAll(/([A-Z][A-Z0-9.]*)\(/g)].map((m) => m[1])),
      );
      expect([...used].filter((name) => !PORTABLE.has(name as string))).toEqual([]);
      expect(Math.max(...formulas.map((f) => f.length))).toBeLessThan(8000);
    }
  });

  it("colours the cells each rule reads while its state on the 校验结果 sheet says broken", () => {
    const { checks, layout } = forms[0] as (typeof forms)[number];
    const raised = checks.rules.find((r) => r.id === "parts:raised");
    expect(raised?.broken).toMatch(/^'校验结果'!\$D\$\d+=0$/);
    const address = (key: string) => layout.cells.find((c) => c.key === key)?.address;
    const ranges = checks.formats.filter((f) => f.formula === raised?.broken).map((f) => f.range);
    expect(ranges).toEqual([`${address("raised")}:${address("raised_union")}`]);
    // Errors first: a cell broken by an error and a warning shows red.
    const severities = checks.formats.map((f) => f.severity);
    expect(severities.indexOf("warning")).toBeGreaterThan(severities.lastIndexOf("error"));
  });

  it("puts a roster's 校验结果 column right of the form, clear of the hidden option columns", () => {
    const { checks, layout } = forms[4] as (typeof forms)[number];
    const table = layout.rosters[0];
    const col = layout.columns + 1;
    expect(checks.formCells.map((c) => columnNumber(c.address.replace(/\d+$/, "")))).toEqual(
      checks.formCells.map(() => col),
    );
    expect(checks.formCells[0]).toMatchObject({ text: "校验结果", style: "columnHeader" });
    expect(checks.formCells).toHaveLength((table?.rowCount ?? 0) + 1);
    for (const h of layout.hiddenSources) expect(h.col).toBeGreaterThan(col);
    // Each row's checks sit in the same row of the 校验结果 sheet as the row on the form.
    const format = checks.formats.find(
      (f) => parseRange(f.range).left === table?.columns.find((c) => c.key === "amount")?.col,
    );
    expect(format?.formula).toMatch(new RegExp(`^'校验结果'!\\$[A-Z]+${table?.firstRow}=0$`));
  });
});

describe("rules the spreadsheet leaves to the upload", () => {
  it("lists each with its reason in words", () => {
    const { checks } = checksOf(RULE_TOUR);
    const reasons = Object.fromEntries(checks.rules.filter((r) => !r.compiled).map((r) => [r.id, r.reason]));
    expect(reasons).toEqual({
      "x-aggregate": "名册的汇总（count/sum）由上传后的检查计算",
      "x-calc": "读取了第 6 项「合计」，该项由系统计算，表格中的值不一定与系统相同",
      "x-order": "文本的大小比较按字符编码进行，表格无法照样比较",
      "x-divide-side": "提示中的 {left}/{right} 是除法的结果，表格写不出系统保留十位小数的商",
      "x-divide-inner": "除法的结果只能直接用于比较",
    });
    const line = checks.sheet.cells.find((c) => c.text?.startsWith(`${CHECKED_ON_UPLOAD}：名册的汇总`));
    expect(line?.address).toMatch(/^C\d+$/);
    expect(checks.sheet.cells.find((c) => c.address === "A2")?.formula).toContain("另有 5 条上传后检查");
  });
});

describe("rules that compare with last round (prev)", () => {
  it("are not compiled into the file: each is a 上传后检查 line with its reason, and colours nothing", () => {
    const input: TemplateInput = {
      ...(OFFICIAL_TEMPLATES[0] as TemplateInput),
      rules: [
        ...((OFFICIAL_TEMPLATES[0] as TemplateInput).rules ?? []),
        { id: "growth", expr: "raised <= prev(raised) * 1.5", severity: "warning", message: "比上年增长超过 50%" },
        {
          id: "guarded",
          expr: "isblank(prev(raised)) or raised >= prev(raised) / 2",
          severity: "error",
          message: "比上年减少一半以上",
        },
      ],
    };
    const { checks } = checksOf(input);
    const verdicts = checks.rules.filter((r) => r.id === "growth" || r.id === "guarded");
    expect(verdicts).toEqual([
      { id: "growth", severity: "warning", compiled: false, reason: PREV_NOT_IN_FILE },
      { id: "guarded", severity: "error", compiled: false, reason: PREV_NOT_IN_FILE },
    ]);
    const lines = checks.sheet.cells.filter((c) => c.text === `${CHECKED_ON_UPLOAD}：${PREV_NOT_IN_FILE}`);
    expect(lines).toHaveLength(2);
    // Every other rule of the form still compiles, and the count at the top names the two.
    expect(checks.rules.filter((r) => r.compiled)).toHaveLength(21);
    expect(checks.sheet.cells.find((c) => c.address === "A2")?.formula).toContain("另有 2 条上传后检查");
  });
});

describe("shared roster rows", () => {
  it("stand for the same cells as the rows written one by one", () => {
    const input = OFFICIAL_TEMPLATES[4] as TemplateInput;
    const r = checkTemplate(input);
    if (!r.ok) throw new Error("template");
    const compiled = compiledOf(r.template);
    const layout = buildLayout(r.template, { rosterRows: 30 });
    const one = ruleChecks(compiled, layout);
    const shared = ruleChecks(compiled, layout, { sharedRows: true });
    expect(shared.sheet.cells.length).toBeLessThan(one.sheet.cells.length / 5);
    const byAddress = (cells: CheckCell[]) => new Map(cells.map((c) => [c.address, c]));
    expect(byAddress(shared.sheet.cells.flatMap(expandRows))).toEqual(byAddress(one.sheet.cells));
    expect(shared.formCells.flatMap(expandRows)).toEqual(one.formCells);
  });

  it("move relative rows only, never fixed ones or text", () => {
    expect(shiftRows(`IF('校验结果'!$L10=0,$J$5&"$L10",COUNTA('表'!$B10:$O10))`, 3)).toBe(
      `IF('校验结果'!$L13=0,$J$5&"$L10",COUNTA('表'!$B13:$O13))`,
    );
  });
});

describe("text in formulas", () => {
  it("doubles quotes and splits literals Excel would refuse (over 255 characters)", () => {
    const text = `${"甲".repeat(300)}"乙"`;
    const literal = quote(text);
    const pieces = literal.split('"&"');
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) expect(Array.from(p).length).toBeLessThanOrEqual(255);
    expect(literal.slice(1, -1).split('"&"').join("").replace(/""/g, '"')).toBe(text);
  });
});

/**
 * Computed items and the 序号 column on the sheet: a computed item's cell is
 * locked, takes no typing (no data validation) and carries an Excel formula
 * over the roster's table where one computes what the engine computes; the
 * roster's first column numbers its filled rows 1, 2, 3… by formula. Both stay
 * right as the roster grows: structured references follow the table, and
 * the 序号 formula is the same R1C1 text in every row.
 */
import { describe, expect, it } from "vitest";
import { checkTemplate } from "../../../../schemas/check";
import { compileCalcFormula, criterion } from "../../../../schemas/layout/form/calc-formulas";
import { buildLayout, readOnlyLayout, type SheetLayout } from "../../../../schemas/layout/form/layout";
import { withRosterRows } from "../../../../schemas/layout/form/roster-rows";
import type { TemplateInput } from "../../../../schemas/template";
import { CALC, CALC_INPUT } from "../../fixtures/calc";

const cellOf = (layout: SheetLayout, key: string) => {
  const c = layout.cells.find((x) => x.key === key);
  if (!c) throw new Error(`no cell ${key}`);
  return c;
};

describe("computed items on the sheet", () => {
  const layout = buildLayout(CALC);
  const roster = layout.rosters[0]!;
  const t = roster.tableName;

  it("locks them, marks them computed and leaves them without data validation", () => {
    for (const key of ["persons", "amount", "prov_persons", "prov_amount", "average"]) {
      const c = cellOf(layout, key);
      expect(c).toMatchObject({ locked: true, computed: true });
      expect(layout.validations.some((v) => v.range === c.address)).toBe(false);
    }
    expect(cellOf(layout, "budget")).toMatchObject({ locked: false });
    expect(cellOf(layout, "budget").computed).toBeUndefined();
  });

  it("writes counts and sums over the roster as formulas on the roster's table", () => {
    expect(cellOf(layout, "persons").formula?.excel).toBe(`=COUNTIF(${t}[序号],">0")`);
    expect(cellOf(layout, "amount").formula?.excel).toBe(`=ROUND(SUM(${t}[助学金额]),2)`);
    expect(cellOf(layout, "prov_persons").formula?.excel).toBe(`=COUNTIFS(${t}[资金来源],"=省总经费")`);
    expect(cellOf(layout, "prov_amount").formula?.excel).toBe(
      `=ROUND(SUMIFS(${t}[助学金额],${t}[资金来源],"=省总经费"),2)`,
    );
    expect(cellOf(layout, "prov_amount").formula).toMatchObject({
      kind: "sum",
      roster: "students",
      column: "amount",
      where: [{ column: "source", equals: "省总经费" }],
      scale: 2,
    });
  });

  it("gives no formula where none computes the same (an average of two computed items)", () => {
    expect(cellOf(layout, "average").formula).toBeUndefined();
  });

  it("keeps the formulas and the 序号 formula as they are when the roster grows", () => {
    const grown = withRosterRows(layout, { students: 500 });
    expect(grown.rosters[0]?.rowCount).toBe(500);
    for (const key of ["persons", "amount", "prov_persons", "prov_amount"]) {
      expect(cellOf(grown, key).formula).toEqual(cellOf(layout, key).formula);
      expect(cellOf(grown, key).address).not.toBe(cellOf(layout, key).address);
    }
    expect(grown.rosters[0]?.serial).toEqual(roster.serial);
  });

  it("reads back without formulas where the sheet shows a consolidation's totals", () => {
    const read = readOnlyLayout(layout);
    expect(read.cells.every((c) => c.formula === undefined)).toBe(true);
    expect(cellOf(read, "persons").computed).toBe(true);
  });
});

describe("the 序号 column of a roster", () => {
  const layout = buildLayout(CALC);
  const roster = layout.rosters[0]!;

  it("is the table's first column, headed 序号; the template's columns follow it", () => {
    expect(roster.left).toBe(1);
    expect(roster.serial.col).toBe(1);
    expect(roster.columns.map((c) => c.col)).toEqual([2, 3, 4]);
    expect(roster.right).toBe(4);
    expect(layout.texts.find((x) => x.address === `A${roster.headerRow}`)?.text).toBe("序号");
    // Nobody types a 序号: no validation on column A.
    expect(layout.validations.some((v) => v.range.startsWith("A"))).toBe(false);
  });

  it("numbers filled rows 1, 2, 3… and carries the count through blank rows, hidden", () => {
    expect(roster.serial.formulaR1C1).toBe("=IF(COUNTA(RC2:RC4)=0,-ABS(N(R[-1]C)),ABS(N(R[-1]C))+1)");
    // Positive numbers show, the carried (negative) count and zero do not.
    expect(roster.serial.numberFormat).toBe("0;;;");
  });
});

describe("compileCalcFormula", () => {
  const roster = buildLayout(CALC).rosters[0]!;
  const t = roster.tableName;
  const formula = (src: string, scale = 0) => compileCalcFormula(src, [roster], scale)?.excel;

  it("takes conditions joined by and, either side of =", () => {
    expect(formula('count(students, "省总经费" = students.source and students.name = "张三")')).toBe(
      `=COUNTIFS(${t}[资金来源],"=省总经费",${t}[学生姓名],"=张三")`,
    );
  });

  it("declines what COUNTIFS or SUMIFS would judge differently", () => {
    // An empty text matches blank cells of rows that do not exist.
    expect(formula('count(students, students.source = "")')).toBeUndefined();
    // Excel compares text without case; the engine does not.
    expect(formula('count(students, students.name = "Ann")')).toBeUndefined();
    expect(formula("count(students, students.amount > 0)")).toBeUndefined();
    expect(formula('count(students, students.source != "其他")')).toBeUndefined();
    expect(formula('count(students, students.source = "其他" or students.source = "省总经费")')).toBeUndefined();
    expect(formula("count(students) + 1")).toBeUndefined();
    expect(formula("sum(students.amount) / 10000", 2)).toBeUndefined();
  });

  it("escapes Excel's wildcards and quotes in a criterion, and brackets in a column name", () => {
    expect(criterion('a*b?c~d"e')).toBe('"=a~*b~?c~~d""e"');
    const odd: TemplateInput = {
      ...CALC_INPUT,
      rules: [],
      sections: [
        {
          kind: "roster",
          key: "students",
          columns: [{ key: "amount", label: "金额[元]#'", type: "money" }],
        },
        {
          kind: "items",
          key: "s",
          items: [{ key: "total", label: "合计", unit: "元", type: "decimal", scale: 2, calc: "sum(students.amount)" }],
        },
      ],
    };
    const checked = checkTemplate(odd);
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    const l = buildLayout(checked.template);
    expect(cellOf(l, "total").formula?.excel).toBe(`=ROUND(SUM(${l.rosters[0]?.tableName}[[金额'[元']'#'']]),2)`);
  });
});

describe("roster column names the 序号 column and the formulas rely on", () => {
  const withColumns = (columns: unknown[]): TemplateInput => ({
    ...CALC_INPUT,
    rules: [],
    sections: [{ kind: "roster", key: "students", columns } as TemplateInput["sections"][number]],
  });

  it("refuses a roster column named 序号: the sheet numbers the rows itself", () => {
    const r = checkTemplate(withColumns([{ key: "no", label: "序号", type: "integer" }]));
    expect(r.ok ? [] : r.errors).toEqual([
      { path: "sections[0].columns[0].label", message: "名册列「序号」由系统自动编号，请删除该列" },
    ]);
  });

  it("refuses two columns with one name: Excel would rename the second", () => {
    const r = checkTemplate(
      withColumns([
        { key: "a", label: "姓名", type: "text" },
        { key: "b", label: "姓名", type: "text" },
      ]),
    );
    expect(r.ok ? [] : r.errors).toEqual([{ path: "sections[0].columns[1].label", message: "名册列名称「姓名」重复" }]);
  });
});

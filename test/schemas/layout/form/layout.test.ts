import { describe, expect, it } from "vitest";
import { OFFICIAL_TEMPLATES } from "../../../../schemas/forms/index";
import { compiledOf } from "../../../../schemas/cells";
import { Template } from "../../../../schemas/template";
import { parseRange } from "../../../../schemas/layout/address";
import { buildLayout, sheetNameOf, type SheetLayout } from "../../../../schemas/layout/form/layout";
import { edgeTemplate, huangshanNeed, huangshanRoster, LONG_OPTIONS, shanghaiJqzx } from "../../fixtures/templates";

const textAt = (l: SheetLayout, address: string) => l.texts.find((t) => t.address === address);
const cell = (l: SheetLayout, key: string) => {
  const c = l.cells.find((x) => x.key === key);
  if (!c) throw new Error(`no cell ${key}`);
  return c;
};
const blockAt = (l: SheetLayout, range: string) => l.validations.find((v) => v.range === range);

describe("buildLayout — 沪工总保〔2014〕156号 附件1", () => {
  const template = shanghaiJqzx();
  const layout = buildLayout(template, { unitName: "黄浦区总工会" });

  it("opens with the official title and the issuer / 文号 / period line", () => {
    expect(textAt(layout, "A1")).toMatchObject({ text: "2014年上海工会金秋助学情况统计表", style: "title" });
    expect(layout.merges).toContain("A1:D1");
    const sub = textAt(layout, "A2")?.text ?? "";
    for (const part of ["上海市总工会", "沪工总保〔2014〕156号", "附件1", "2014", "2014-09-01"])
      expect(sub).toContain(part);
    expect(layout.sheet).toBe("附件1 2014年上海工会金秋助学情况统计表");
  });

  it("fills 填报单位 with the unit and gives 填报人 / 联系电话 value cells", () => {
    const unitLabel = layout.texts.find((t) => t.text === "填报单位");
    expect(unitLabel).toBeDefined();
    const unitRow = parseRange(unitLabel?.address ?? "A1").top;
    expect(textAt(layout, `C${unitRow}`)?.text).toBe("黄浦区总工会");
    expect(cell(layout, "header.reporter")).toMatchObject({ address: `C${unitRow + 1}`, numberFormat: "@" });
    expect(cell(layout, "header.phone")).toMatchObject({ address: `C${unitRow + 2}`, numberFormat: "@" });
  });

  it("puts each item on a row: 序号 in A, the printed label in B, the value in C, the unit in D", () => {
    const raised = cell(layout, "raised");
    const row = parseRange(raised.address).top;
    expect(raised.address).toBe(`C${row}`);
    expect(textAt(layout, `A${row}`)?.text).toBe("1");
    expect(textAt(layout, `B${row}`)).toMatchObject({ text: "2014 年助学活动共筹集资金", indent: 0 });
    expect(textAt(layout, `D${row}`)?.text).toBe("万元");
    // 其中 parts follow, indented, without a number of their own.
    expect(cell(layout, "raised_gov").address).toBe(`C${row + 1}`);
    expect(textAt(layout, `B${row + 1}`)).toMatchObject({ text: "其中：各级党委政府资助", indent: 1 });
    expect(textAt(layout, `A${row + 1}`)).toBeUndefined();
    // Two blanks on one printed line share the number, printed once.
    const mw = parseRange(cell(layout, "mw_granted").address).top;
    expect(textAt(layout, `A${mw - 1}`)?.text).toBe("5");
    expect(textAt(layout, `A${mw}`)).toBeUndefined();
  });

  it("places every template cell once, at a distinct address", () => {
    const keys = template.sections.flatMap((s) => (s.kind === "items" ? s.items.map((i) => i.key) : []));
    expect(layout.cells.map((c) => c.key)).toEqual(["header.reporter", "header.phone", ...keys]);
    expect(new Set(layout.cells.map((c) => c.address)).size).toBe(layout.cells.length);
  });

  it("formats 万元 with 2 decimals and counts as integers", () => {
    expect(cell(layout, "raised").numberFormat).toBe("0.00");
    expect(cell(layout, "aided").numberFormat).toBe("0");
    expect(cell(layout, "posts_units").numberFormat).toBe("0");
  });

  it("validates each value cell with a prompt (label, unit) and a zh-CN stop alert", () => {
    const aided = cell(layout, "aided");
    const v = blockAt(layout, aided.address);
    expect(v?.rule).toEqual({ type: "wholeNumber", min: 0, max: undefined });
    expect(v?.prompt.title).toBe("2014 年助学活动中共资助困难职工和困难农民工子女");
    expect(v?.prompt.message).toContain("人");
    expect(v?.alert.message).toContain("第 4 项");
    const raised = blockAt(layout, cell(layout, "raised").address);
    expect(raised?.rule).toMatchObject({ type: "decimal", scale: 2, min: 0 });
    // Excel's decimal rule cannot limit the scale; a custom formula does.
    expect(raised?.formula).toBe(
      `=AND(ISNUMBER(${raised?.range}),${raised?.range}>=0,ROUND(${raised?.range},2)=${raised?.range})`,
    );
    for (const b of layout.validations) {
      expect(Array.from(b.prompt.title).length).toBeLessThanOrEqual(32);
      expect(Array.from(b.prompt.message).length).toBeLessThanOrEqual(255);
      expect(Array.from(b.alert.message).length).toBeLessThanOrEqual(255);
      expect(b.formula?.length ?? 0).toBeLessThanOrEqual(255);
    }
  });

  it("compiles the 其中 breakdowns to conditional formats and entry checks", () => {
    const total = cell(layout, "raised").address;
    const parts = ["raised_gov", "raised_social", "raised_union"].map((k) => cell(layout, k).address);
    const rule = layout.sumRules.find((r) => r.id === "parts:raised");
    expect(rule).toMatchObject({ mode: "exhaustive", total, parts });
    const t = `$C$${total.slice(1)}`;
    const p = `$C$${parts[0]?.slice(1)}:$C$${parts[2]?.slice(1)}`;
    expect(rule?.brokenFormula).toBe(`=AND(ISNUMBER(${t}),COUNT(${p})=3,ROUND(SUM(${p})-${t},6)<>0)`);
    // A part may not push the sum past the total while it is typed.
    const gov = blockAt(layout, parts[0] as string);
    expect(gov?.sumRuleIds).toEqual(["parts:raised"]);
    expect(gov?.formula).toContain(`OR(NOT(ISNUMBER(${t})),ROUND(SUM(${p})-${t},6)<=0)`);
    expect(gov?.alert.message).toContain("其中各项之和不得超过第 1 项「2014 年助学活动共筹集资金」");
    expect(layout.sumRules.map((r) => r.id)).toEqual([
      "parts:raised",
      "parts:granted",
      "parts:enrolled",
      "parts:aided",
      "parts:mw_aided",
      "parts:mw_granted",
    ]);
  });
});

describe("buildLayout — grids and rosters", () => {
  it("lays a grid out as rows × columns with the column labels as header", () => {
    const t = huangshanNeed();
    const layout = buildLayout(t);
    const grid = t.sections.find((s) => s.kind === "grid");
    if (grid?.kind !== "grid") throw new Error("expected a grid");
    const firstRow = grid.rows[0];
    const first = cell(layout, `${firstRow?.key}.${grid.columns[0]?.key}`);
    const row = parseRange(first.address).top;
    expect(first.address).toBe(`C${row}`);
    grid.columns.forEach((c, i) => {
      expect(textAt(layout, `${String.fromCharCode(67 + i)}${row - 1}`)).toMatchObject({
        text: c.label,
        style: "columnHeader",
      });
      expect(cell(layout, `${firstRow?.key}.${c.key}`).address).toBe(`${String.fromCharCode(67 + i)}${row}`);
    });
    expect(layout.columns).toBe(grid.columns.length + 3);
  });

  it("turns a grid total column into a per-row sum rule", () => {
    const layout = buildLayout(edgeTemplate());
    const rule = layout.sumRules.find((r) => r.id === "grid:jobs");
    expect(rule).toMatchObject({ mode: "partial", total: "C8", parts: ["D8", "E8"] });
    expect(rule?.brokenFormula).toBe("=AND(ISNUMBER($C$8),ROUND(SUM($D$8:$E$8)-$C$8,6)>0)");
  });

  it("makes a roster an Excel table with typed columns; ids and card numbers stay text", () => {
    const layout = buildLayout(huangshanRoster(), { rosterRows: 30 });
    const roster = layout.rosters[0];
    expect(roster).toMatchObject({ key: "roster", rowCount: 30 });
    expect(roster?.tableName).toMatch(/^HB_[0-9a-f]{8}_roster$/);
    const col = (key: string) => roster?.columns.find((c) => c.key === key);
    expect(col("idno")?.numberFormat).toBe("@");
    expect(col("bankcard")?.numberFormat).toBe("@");
    expect(col("phone")?.numberFormat).toBe("@");
    expect(col("amount")?.numberFormat).toBe("0.00");
    const idCol = String.fromCharCode(64 + (col("idno")?.col ?? 0));
    const ids = blockAt(layout, `${idCol}${roster?.firstRow}:${idCol}${(roster?.firstRow ?? 0) + 29}`);
    expect(ids?.rule).toEqual({ type: "textLength", min: 18, max: 18 });
    expect(textAt(layout, `${idCol}${roster?.headerRow}`)?.text).toBe("身份证号");
  });

  it("names roster tables per sheet: Excel wants table names unique in the whole workbook", () => {
    // The filler's sheet, the officer's consolidated sheet and two drill-downs of one roster form, in one workbook.
    const sheets = [undefined, "汇总 金秋助学名册", "屯溪区总工会 报表", "黄山区总工会 报表"];
    const names = sheets.map((sheetName) => buildLayout(huangshanRoster(), { sheetName }).rosters[0]?.tableName ?? "");
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(sheets.length);
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(255);
      // A letter first, then letters, digits and underscores; never a cell reference (A1 or R1C1).
      expect(name).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
      expect(name).not.toMatch(/^[A-Za-z]{1,3}\d+$|^R\d*C\d*$/i);
    }
    // Stable: the same sheet gets the same name, so a reopened form finds its table again.
    expect(buildLayout(huangshanRoster(), { rosterRows: 500 }).rosters[0]?.tableName).toBe(names[0]);
  });

  it("moves a dropdown longer than 255 characters into a hidden range", () => {
    const layout = buildLayout(edgeTemplate());
    expect(LONG_OPTIONS.join(",").length).toBeGreaterThan(255);
    const source = layout.hiddenSources[0];
    expect(source?.values).toEqual(LONG_OPTIONS);
    expect(source?.col).toBeGreaterThan(layout.columns);
    const list = layout.validations.find((v) => v.rule.type === "list");
    expect(list?.rule).toMatchObject({ type: "list", source: `=${source?.range}` });
    // A short one stays inline.
    const roster = buildLayout(huangshanRoster());
    const family = roster.validations.find((v) => v.rule.type === "list" && v.rule.options.includes("困难职工家庭"));
    expect(family?.rule).toMatchObject({ source: "困难职工家庭,困难新就业形态劳动者家庭" });
    expect(roster.hiddenSources).toEqual([]);
  });

  it("keeps every official template within Excel's limits", () => {
    for (const input of OFFICIAL_TEMPLATES) {
      const layout = buildLayout(Template.parse(input), { unitName: "屯溪区总工会" });
      expect(Array.from(layout.sheet).length).toBeLessThanOrEqual(31);
      expect(layout.sheet).not.toMatch(/[[\]:*?/\\]/);
      for (const b of layout.validations) {
        expect(Array.from(b.prompt.title).length).toBeLessThanOrEqual(32);
        expect(Array.from(b.prompt.message).length).toBeLessThanOrEqual(255);
        expect(b.formula?.length ?? 0).toBeLessThanOrEqual(255);
        if (b.rule.type === "list" && !b.rule.source.startsWith("="))
          expect(b.rule.source.length).toBeLessThanOrEqual(255);
      }
    }
  });
});

describe("sheet names", () => {
  it("sanitises sheet names", () => {
    const t = {
      ...shanghaiJqzx(),
      attachment: "附件1",
      title: "一个很长很长很长很长很长很长很长很长很长的标题/带斜杠?",
    };
    const name = sheetNameOf(t);
    expect(Array.from(name).length).toBeLessThanOrEqual(31);
    expect(name).not.toMatch(/[/?]/);
  });
});

describe("sum rules of the layout", () => {
  it("carry the rule engine's ids, one each, also for a total with two breakdowns", () => {
    const jqzx = OFFICIAL_TEMPLATES.find((t) => t.id === "sh-2014-jqzx") as (typeof OFFICIAL_TEMPLATES)[number];
    const first = jqzx.breakdowns?.[0];
    if (!first) throw new Error("sh-2014-jqzx has a breakdown");
    // A second breakdown of the same total (as 应届/往届 and 已就业/需帮扶 of one 毕业生 count).
    const twice = {
      ...jqzx,
      breakdowns: [...(jqzx.breakdowns ?? []), { ...first, parts: first.parts.slice(0, 2), mode: "partial" }],
    };
    for (const input of [...OFFICIAL_TEMPLATES, twice]) {
      const template = Template.parse(input);
      const ids = new Set(compiledOf(template).rules.map((r) => r.id));
      const sums = buildLayout(template).sumRules.map((r) => r.id);
      expect(new Set(sums).size).toBe(sums.length);
      for (const id of sums) expect(ids, `${template.id} ${id}`).toContain(id);
    }
    expect(buildLayout(Template.parse(twice)).sumRules.map((r) => r.id)).toContain(`parts:${first.total}:2`);
  });
});

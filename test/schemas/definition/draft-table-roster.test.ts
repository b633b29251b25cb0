import { describe, expect, it } from "vitest";
import { HS_2022_ROSTER } from "../../../schemas/forms";
import type { Column, RosterSection, Template } from "../../../schemas/template";
import { draft, guessesOf, itemsOf, merge, printed } from "./printed";

const rosterOf = (t: Template) => t.sections.find((s): s is RosterSection => s.kind === "roster");
const OFFICIAL = HS_2022_ROSTER.sections[0] as RosterSection;

/** 黄山 附件2 as a clerk would print it: 序号 first, then the official columns in order, a 合计 row under them. */
function hsRosterSheet(headings: string[] = OFFICIAL.columns.map((c) => c.label)) {
  return printed(
    [
      ["附件2"],
      ["2022年度黄山工会金秋助学汇总表"],
      ["填报单位（盖章）：", null, null, null, null, "填报人：", null, null, null, "联系电话："],
      [],
      ["序号", ...headings],
      [1],
      [2],
      [3],
      ["合计"],
      [],
      ["注：使用省总经费的，另填2022年度安徽省工会金秋助学汇总表。"],
    ],
    [merge(1, 0, 1, headings.length)],
  );
}

describe("draftFromTable: rosters", () => {
  it("drafts 黄山 附件2 with the official columns and types", () => {
    const d = draft(hsRosterSheet());
    const roster = rosterOf(d.checked) as RosterSection;
    // Deliberate differences: a printed header says nothing of which columns are required
    // or how long a text may be (required, maxLength), nor of the row rules (省总经费 cap and
    // target, amount range, age per 就读阶段) — those the officer adds.
    const shape = ({ key, label, type, options, unit, scale, min }: Column) => ({
      key,
      label,
      type,
      options,
      unit,
      scale,
      min,
    });
    expect(roster.columns.map(shape)).toEqual(OFFICIAL.columns.map(shape));
    expect(roster.key).toBe(OFFICIAL.key);
    expect(roster.unique).toEqual(OFFICIAL.unique);
    expect(roster.rowRules).toEqual([]);
    expect(d.template).toMatchObject({ title: "2022年度黄山工会金秋助学汇总表", attachment: "附件2", period: "2022" });
    expect(d.template.description).toContain("安徽省工会金秋助学汇总表");
    // Every column's type is a guess the officer confirms; 身份证号 being unique too.
    for (const c of roster.columns) expect(guessesOf(d, `roster.${c.key}`)).toContain("type");
    expect(guessesOf(d, "roster.idno")).toEqual(["type", "column"]);
  });

  it("turns the 合计 row under the roster into totals the engine computes (the official ones it can know)", () => {
    const d = draft(hsRosterSheet());
    const official = HS_2022_ROSTER.sections[1];
    const summary = d.checked.sections.find((s) => s.key === "summary");
    expect(summary?.kind).toBe("items");
    const computed = itemsOf(d.checked).map((i) => [i.key, i.unit, i.type, i.scale, i.calc]);
    // The official 其中：使用省总经费… totals need a condition a 合计 row does not print.
    const known = official?.kind === "items" ? official.items.filter((i) => !i.calc?.includes("省总经费")) : [];
    expect(computed).toEqual(known.map((i) => [i.key, i.unit, i.type, i.scale ?? 0, i.calc]));
    expect(guessesOf(d, "total_persons")).toEqual(["label"]);
  });

  it("reads the columns in any order; 序号 is the sheet's numbering, not a column", () => {
    const labels = OFFICIAL.columns.map((c) => c.label);
    const shuffled = [...labels.slice(7), "序号", ...labels.slice(0, 7).reverse()];
    const d = draft(hsRosterSheet(shuffled));
    const roster = rosterOf(d.checked) as RosterSection;
    expect(roster.columns.map((c) => c.label)).toEqual(shuffled.filter((l) => l !== "序号"));
    const byKey = new Map(OFFICIAL.columns.map((c) => [c.key, c.type]));
    for (const c of roster.columns) expect(c.type).toBe(byKey.get(c.key));
  });

  it("types columns by their names and marks each type as a guess", () => {
    const d = draft(
      printed([
        ["困难职工子女助学名册"],
        [
          "编号",
          "姓名",
          "性别",
          "出生日期",
          "公民身份号码",
          "学校",
          "是否低保",
          "手机号码",
          "卡号",
          "助学金额（万元）",
          "补贴金额",
          "资助次数",
          "家庭人数（人）",
          "特长",
        ],
      ]),
    );
    const roster = rosterOf(d.checked) as RosterSection;
    expect(roster.columns.map((c) => [c.key, c.type, c.options, c.unit, c.scale])).toEqual([
      ["name", "text", undefined, undefined, undefined],
      ["gender", "enum", ["男", "女"], undefined, undefined],
      ["birthdate", "date", undefined, undefined, undefined],
      ["idno", "idcard", undefined, undefined, undefined],
      ["school", "text", undefined, undefined, undefined],
      ["col7", "enum", ["是", "否"], undefined, undefined],
      ["phone", "phone", undefined, undefined, undefined],
      ["bankcard", "bankcard", undefined, undefined, undefined],
      ["amount", "money", undefined, "万元", 2],
      ["col11", "money", undefined, "元", 2],
      ["col12", "integer", undefined, undefined, undefined],
      ["col13", "integer", undefined, "人", undefined],
      ["col14", "text", undefined, undefined, undefined],
    ]);
    expect(d.guesses.filter((g) => g.field === "type")).toHaveLength(13);
    const message = (key: string) => d.guesses.find((g) => g.key === `roster.${key}`)?.message;
    expect(message("col14")).toContain("看不出类型，暂按文本处理");
    expect(message("gender")).toContain("男、女");
    expect(message("amount")).toContain("万元");
  });

  it("reads a two-row roster header: columns named alike are told apart by the group above them", () => {
    const d = draft(
      printed(
        [["名册"], ["序号", "学生信息", null, "家长信息", null], [null, "姓名", "身份证号", "姓名", "联系电话"], [1]],
        [merge(1, 0, 2, 0), merge(1, 1, 1, 2), merge(1, 3, 1, 4)],
      ),
    );
    const roster = rosterOf(d.checked) as RosterSection;
    expect(roster.columns.map((c) => [c.key, c.label, c.type])).toEqual([
      ["name", "学生姓名", "text"],
      ["idno", "身份证号", "idcard"],
      ["parent", "家长姓名", "text"],
      ["phone", "联系电话", "phone"],
    ]);
  });

  it("takes a header with a 姓名 column for a roster even without 序号", () => {
    const d = draft(printed([["助学名册"], ["姓名", "助学金额"]]));
    expect(rosterOf(d.checked)?.columns.map((c) => [c.key, c.type])).toEqual([
      ["name", "text"],
      ["amount", "money"],
    ]);
  });

  it("drafts an item table and a roster on one sheet as two sections", () => {
    const d = draft(
      printed([
        ["金秋助学情况"],
        ["序号", "项目", "单位"],
        ["1", "资助学生", "人"],
        [],
        ["序号", "姓名", "身份证号", "金额"],
        [1, null, null, null],
      ]),
    );
    expect(d.checked.sections.map((s) => [s.kind, s.key])).toEqual([
      ["items", "main"],
      ["roster", "roster"],
    ]);
  });
});

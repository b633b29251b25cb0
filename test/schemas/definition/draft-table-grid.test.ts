import { describe, expect, it } from "vitest";
import { HS_2022_ACTIVITY, HS_2022_NEED, HS_STAGE_COLUMNS } from "../../../schemas/forms";
import type { GridSection, Template } from "../../../schemas/template";
import { draft, guessesOf, itemsOf, merge, printed } from "./printed";

const STAGES = HS_STAGE_COLUMNS.slice(1).map((c) => c.label);

const gridsOf = (t: Template) => t.sections.filter((s): s is GridSection => s.kind === "grid");

/** The first table of 附件1 as printed: 项目 and 合计 merged down over the two header rows, 学段 across. */
function activitySheet() {
  return printed(
    [
      ["2022年黄山工会金秋助学活动情况统计表"],
      ["填报单位：", null, null, "填报人：", null, null, "联系电话："],
      [],
      ["序号", "项目", "单位", "合计", "按就读阶段分"],
      [null, null, null, null, ...STAGES],
      ["1", "资助困难职工家庭子女", "人"],
      [null, "其中：建档在册困难职工家庭子女", "人"],
      [null, "非建档困难职工家庭子女", "人"],
      [],
      ["2", "发放助学金", "万元"],
      [null, "其中：建档在册困难职工家庭子女", "万元"],
      [null, "非建档困难职工家庭子女", "万元"],
    ],
    [merge(0, 0, 0, 8), merge(3, 0, 4, 0), merge(3, 1, 4, 1), merge(3, 2, 4, 2), merge(3, 3, 4, 3), merge(3, 4, 3, 8)],
  );
}

describe("draftFromTable: grids", () => {
  it("reads a two-row header with merged cells: columns by their lowest heading, 合计 the total column", () => {
    const d = draft(activitySheet());
    const [grid] = gridsOf(d.checked);
    const official = HS_2022_ACTIVITY.sections[0] as GridSection;
    // The official keys of the 学段 columns are the draft's too: the usual breakdowns have usual keys.
    expect(grid?.columns).toEqual(official.columns);
    expect(grid?.total).toBe("total");
    expect(grid?.totalMode).toBe("exhaustive");
    expect(guessesOf(d, grid?.key as string)).toEqual(["mode"]);
  });

  it("drafts 附件1's first table as the official grid up to keys and hand-written rule messages", () => {
    const d = draft(activitySheet());
    const [grid] = gridsOf(d.checked);
    const official = HS_2022_ACTIVITY.sections[0] as GridSection;
    const shape = (rows: GridSection["rows"]) =>
      rows.map((r) => [r.no ?? "", r.label, r.indent ?? 0, r.unit, r.type, r.scale ?? 0]);
    expect(shape(grid?.rows ?? [])).toEqual(shape(official.rows));
    // Keys differ (item1 for aided …); the official breakdowns carry zh-CN messages of their own.
    const rename = new Map((grid?.rows ?? []).map((r, i) => [official.rows[i]?.key, r.key]));
    const expected = (HS_2022_ACTIVITY.breakdowns ?? [])
      // The grid's own breakdowns (建档 + 非建档 per stage), not those tying it to other sections.
      .filter((b) => [b.total, ...b.parts].every((c) => rename.has(c.split(".")[0])))
      .map((b) => {
        const re = (cell: string) => {
          const [row, col] = cell.split(".");
          return `${rename.get(row)}.${col}`;
        };
        return { total: re(b.total), parts: b.parts.map(re), mode: b.mode };
      });
    expect(d.checked.breakdowns).toEqual(expected);
  });

  it("reads a one-row header; without a 合计 column the grid has no total", () => {
    const d = draft(
      printed([["表"], ["项目", "小学和初中", "高中和中职", "大专以上"], ["资助人数（人）"], ["发放助学款（万元）"]]),
    );
    const [grid] = gridsOf(d.checked);
    expect(grid?.columns.map((c) => c.key)).toEqual(["primary", "secondary", "college"]);
    expect(grid?.total).toBeUndefined();
    expect(grid?.rows.map((r) => [r.key, r.label, r.unit])).toEqual([
      ["item1", "资助人数", "人"],
      ["item2", "发放助学款", "万元"],
    ]);
    expect(d.guesses.filter((g) => g.field === "mode")).toEqual([]);
  });

  it("takes the rows' unit from headings that all print it, and keys unknown columns by position", () => {
    const d = draft(
      printed([
        ["表"],
        ["序号", "项目", "小计（万元）", "城区（万元）", "县区（万元）"],
        ["1", "筹集资金"],
        ["2", "发放资金"],
      ]),
    );
    const [grid] = gridsOf(d.checked);
    expect(grid?.columns.map((c) => c.key)).toEqual(["subtotal", "col2", "col3"]);
    expect(grid?.total).toBe("subtotal");
    expect(grid?.rows.map((r) => [r.unit, r.type, r.scale])).toEqual([
      ["万元", "decimal", 2],
      ["万元", "decimal", 2],
    ]);
    expect(guessesOf(d, "item1")).toEqual(["scale"]);
  });

  it("turns columns in different units into items, one per line and column, sharing the line's number", () => {
    const d = draft(
      printed([
        ["表"],
        ["序号", "项目", "人数（人）", "金额（万元）"],
        ["1", "资助困难农民工子女"],
        [null, "其中：小学和初中阶段"],
        [null, "大专以上"],
      ]),
    );
    expect(gridsOf(d.checked)).toEqual([]);
    expect(itemsOf(d.checked).map((i) => [i.key, i.no, i.label, i.unit, i.indent])).toEqual([
      ["item1_persons", "1", "资助困难农民工子女·人数", "人", 0],
      ["item1_amount", "1", "资助困难农民工子女·金额", "万元", 0],
      ["item1_1_persons", "", "其中：小学和初中阶段·人数", "人", 1],
      ["item1_1_amount", "", "其中：小学和初中阶段·金额", "万元", 1],
      ["item1_2_persons", "", "大专以上·人数", "人", 1],
      ["item1_2_amount", "", "大专以上·金额", "万元", 1],
    ]);
    expect(d.checked.breakdowns).toEqual([
      { total: "item1_persons", parts: ["item1_1_persons", "item1_2_persons"], mode: "exhaustive" },
      { total: "item1_amount", parts: ["item1_1_amount", "item1_2_amount"], mode: "exhaustive" },
    ]);
    expect(guessesOf(d, "item1_persons")).toEqual(["mode"]);
    expect(guessesOf(d, "item1_amount")).toEqual(["mode", "scale"]);
  });

  it("splits a grid at chapter headings into grids of the same columns", () => {
    const need = HS_2022_NEED.sections[0] as GridSection;
    const d = draft(
      printed([
        ["金秋助学资金需求情况汇总表"],
        ["项目", "单位", ...need.columns.map((c) => c.label)],
        ["一、人数"],
        ["1、符合条件的困难职工家庭子女", "人"],
        ["二、金额"],
        ["2、助学资金需求", "万元"],
      ]),
    );
    const grids = gridsOf(d.checked);
    expect(grids.map((g) => [g.title, g.rows.map((r) => r.key)])).toEqual([
      ["一、人数", ["item1"]],
      ["二、金额", ["item2"]],
    ]);
    expect(grids[1]?.columns).toEqual(need.columns);
  });
});

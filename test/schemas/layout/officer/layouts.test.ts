/** The officer's layouts (pure) with the official 附件1 金秋助学 form and three Shanghai districts. */
import { describe, expect, it } from "vitest";
import { stageChart, unitBarChart } from "../../../../schemas/layout/officer/charts";
import {
  cellNotes,
  consolidatedLayout,
  explanationList,
  problemMarks,
  totalBlocks,
} from "../../../../schemas/layout/officer/consolidated-sheet";
import { matrixLayout, matrixOutliers, numericCells } from "../../../../schemas/layout/officer/matrix-sheet";
import { officerPlan } from "../../../../schemas/layout/officer/plan";
import { stampText, statusLayout } from "../../../../schemas/layout/officer/status-sheet";
import { officerViewOf } from "../../../../schemas/layout/officer/view";
import type { Consolidation } from "../../../../schemas/api/consolidation";
import { HS_2022_NEED } from "../../../../schemas/forms/index";
import { Template } from "../../../../schemas/template";
import { instantToSerial, serialToDateTime } from "../../../../schemas/time";
import { jqzx, shanghaiView, syntheticView } from "./fixtures";

describe("statusLayout", () => {
  const view = shanghaiView();
  const layout = statusLayout(view.units, { title: view.template.title });

  it("has one row per unit: 单位 状态 提交时间 是否逾期 错误数 警告数 上报说明数", () => {
    expect(layout.values).toEqual([
      ["黄浦区总工会", "已上报", instantToSerial("2014-08-28T02:30:00.000Z"), "否", 0, 1, 1],
      ["徐汇区总工会", "已退回", null, "否", 0, 1, 1],
      ["长宁区总工会", "未上报", null, "是", 0, 0, 0],
    ]);
    expect(layout.title).toBe("2014年上海工会金秋助学情况统计表填报情况");
    // With the hidden column of unit codes a sort moves along (officer-office.ts).
    expect(layout.tableRange).toBe("A4:H7");
    expect(layout.keyColumn).toBe(8);
    expect(layout.summary).toBe("应报 3 家，已上报 1 家（其中已审核 0 家），已退回 1 家，未上报 1 家，逾期 1 家");
  });

  it("submission times are Excel serials in China Standard Time", () => {
    const serial = instantToSerial("2014-08-28T02:30:00.000Z") as number;
    expect(serialToDateTime(serial)).toBe("2014-08-28 10:30");
    expect(stampText(new Date("2014-09-01T01:02:03Z"))).toBe("最后更新：2014-09-01 09:02:03");
  });

  it("colours rows by formulas on the text: late red first, then 已退回 amber, 未上报 grey", () => {
    expect(layout.conditionalFormats.map((c) => [c.id, c.range, c.formula, c.priority])).toEqual([
      ["late", "A5:G7", '=$D5="是"', 0],
      ["returned", "A5:G7", '=$B5="已退回"', 1],
      ["draft", "A5:G7", '=$B5="未上报"', 2],
    ]);
  });
});

describe("matrixLayout", () => {
  const view = shanghaiView();
  const units = view.units.map((u) => ({ code: u.code, name: u.name }));

  it("puts the numeric cells in form order as rows and one column per unit, then 合计", () => {
    const m = matrixLayout(view.template, units, view.matrix, { nodeName: "上海市总工会" });
    expect(m.rows).toHaveLength(28);
    expect(m.rows[0]).toMatchObject({
      cell: "raised",
      no: "1",
      label: "2014 年助学活动共筹集资金",
      unit: "万元",
      numberFormat: "0.00",
    });
    expect(m.rows[1]).toMatchObject({ cell: "raised_gov", no: "", indent: 1 });
    // Two blanks on one printed line share the number: printed once.
    const mw = m.rows.filter((r) => r.cell === "mw_aided" || r.cell === "mw_granted").map((r) => r.no);
    expect(mw).toEqual(["5", ""]);
    expect(m.firstUnitCol).toBe(4);
    expect(m.totalCol).toBe(7);
    expect(m.unitRange).toBe("D5:F32");
    expect(m.values[0]).toEqual([82.5, 41.25, null]);
    expect(m.totalFormulaR1C1).toBe("=SUM(RC4:RC[-1])");
    expect(m.shareCol).toBeUndefined();
    // Three units are too few for a spread: no outlier format.
    expect(m.conditionalFormats).toEqual([]);
  });

  it("adds a 占比 block as one relative formula", () => {
    const m = matrixLayout(view.template, units, view.matrix, { share: true });
    expect(m.shareCol).toBe(9);
    expect(m.columns).toBe(11);
    // Column 9 reads column 4 (offset -5) over 合计 in column 7.
    expect(m.shareFormulaR1C1).toBe('=IF(RC7=0,"",RC[-5]/RC7)');
  });

  it("flags one district's outlier with a formula and computes the same cells", () => {
    const big = syntheticView(17, 5);
    const values = {
      ...big.matrix.values,
      u0003: { ...big.matrix.values.u0003, [big.matrix.cells[0] as string]: "99999" },
    };
    const m = matrixLayout(big.template, big.units, { ...big.matrix, values });
    expect(m.conditionalFormats[0]?.formula).toBe(
      "=AND(ISNUMBER(D5),COUNT($D5:$T5)>=5,ABS(D5-AVERAGE($D5:$T5))>2.5*STDEVP($D5:$T5))",
    );
    expect(matrixOutliers(m)).toContainEqual({ row: 0, unit: 2 });
  });

  it("labels grid cells with their column", () => {
    const rows = numericCells(Template.parse(HS_2022_NEED));
    const grid = rows.find((r) => r.cell.includes("."));
    expect(grid?.label).toMatch(/（合计）$/);
  });
});

describe("consolidated sheet", () => {
  const view = shanghaiView();
  const layout = consolidatedLayout(view.template, view.unit.name);

  it("is the filler's layout, locked, without data validation, named for the node", () => {
    expect(layout.sheet).toBe("汇总 附件1 2014年上海工会金秋助学情况统计表");
    expect(layout.cells.every((c) => c.locked)).toBe(true);
    expect(layout.validations).toEqual([]);
    expect(layout.texts.some((t) => t.text === "上海市总工会（汇总）")).toBe(true);
    // 其中 checks stay: the totals are checked by Excel too.
    expect(layout.sumRules.length).toBeGreaterThan(0);
  });

  it("writes the totals as numbers in vertical runs that never cover a label", () => {
    const blocks = totalBlocks(layout, view.totals);
    const raised = layout.cells.find((c) => c.key === "raised")?.address;
    expect(blocks).toHaveLength(1);
    expect(blocks[0]?.address).toBe(`${raised}:C${Number(raised?.slice(1)) + 27}`);
    expect(blocks[0]?.values[0]).toEqual([123.75]);
    const texts = new Set(layout.texts.map((t) => t.address));
    for (const b of blocks) for (let r = b.top; r <= b.bottom; r++) expect(texts.has(`C${r}`)).toBe(false);
  });

  it("re-runs the rules on the totals and notes each 上报说明 on its cell with the unit's name", () => {
    expect(view.problems.map((p) => p.id)).toContain("granted-vs-raised");
    const notes = cellNotes(layout, problemMarks(view.problems), view.notes, view.problems);
    const granted = notes.find((n) => n.key === "granted");
    expect(granted?.severity).toBe("warning");
    expect(granted?.text).toMatch(/^【警告】第 2 项共发放助学款 125\.2 万元，超过第 1 项共筹集资金 123\.75 万元/);
    expect(granted?.text).toContain("\n【上报说明】徐汇区总工会：使用了2013年结余资金10万元");
    // A note whose problem no longer shows on the totals has no cell: it is listed below the form.
    const list = explanationList(layout, view.notes, view.problems);
    expect(list.top).toBe(layout.rows + 2);
    expect(list.rows[0]).toEqual(["上报说明（2 条）", "", "", ""]);
    expect(list.rows[1]).toEqual(["序号", "单位：说明", "所在项目", "所答提示"]);
    // Beside each note, the warning it answers as it now reads on the unit's values.
    expect(list.rows[2]).toEqual([
      1,
      "徐汇区总工会：使用了2013年结余资金10万元",
      "第 2 项「2014 年助学活动共发放助学款」（granted-vs-raised）",
      "（该提示已不再出现）",
    ]);
    expect(list.rows[3]).toEqual([
      2,
      "黄浦区总工会：大专以上学生资助标准较高",
      "avg-grant",
      "大专以上人均资助 6000 元，高于其他学段 2 倍以上",
    ]);
  });
});

describe("charts", () => {
  const view = shanghaiView();
  const plan = officerPlan(view, { chartCell: "granted", stageTotal: "granted" });

  it("bar chart of one item across units reads the matrix row, unit names as categories", () => {
    const bar = unitBarChart(plan.matrix, "granted");
    expect(bar).toMatchObject({
      type: "BarClustered",
      source: "D9:F9",
      seriesBy: "Rows",
      categories: "D4:F4",
      title: "各单位「助学活动共发放助学款」（万元）",
    });
  });

  it("stage breakdown reads the consolidated parts with their printed labels", () => {
    const pie = stageChart(view.template, plan.consolidated.layout, { total: "granted", nodeName: "上海市总工会" });
    const at = (k: string) => plan.consolidated.layout.cells.find((c) => c.key === k)?.address as string;
    expect(pie).toMatchObject({
      type: "Pie",
      source: `${at("granted_primary")}:${at("granted_college")}`,
      seriesBy: "Columns",
      categories: `B${at("granted_primary").slice(1)}:B${at("granted_college").slice(1)}`,
      title: "上海市总工会：助学活动共发放助学款构成",
    });
    expect(plan.charts.map((c) => c.name)).toEqual(["HB_unit_bar", "HB_stage"]);
  });

  it("a grid's stage columns chart with the grid header as categories", () => {
    const need = Template.parse(HS_2022_NEED);
    const layout = consolidatedLayout(need, "黄山市总工会");
    const spec = stageChart(need, layout);
    // 学前 … 特殊教育 of the first grid row, 合计 (column C) left out.
    expect(spec).toMatchObject({
      source: "D10:H10",
      seriesBy: "Rows",
      categories: "D9:H9",
      title: "符合条件的困难职工家庭子女构成",
    });
  });
});

describe("officerViewOf", () => {
  it("maps GET /rounds/:id/consolidated in one place: every expected unit a row, matrix rows to values", () => {
    const st = (code: string, name: string, status: "draft" | "submitted" | "returned" | "approved", late = false) => ({
      code,
      name,
      status,
      late,
      submittedAt: status === "submitted" ? "2014-09-02T01:00:00.000Z" : null,
      // The Worker's counts as of the last save; a never-saved draft has none.
      ...(status === "draft"
        ? { errors: null, warnings: null, unexplained: null }
        : { errors: 0, warnings: 1, unexplained: status === "returned" ? 1 : 0 }),
    });
    const answer: Consolidation = {
      round: "sh-2014-jqzx",
      template: { id: "sh-2014-jqzx", version: 1, title: "2014年上海工会金秋助学情况统计表" },
      period: "2014",
      dueDate: "2014-09-01",
      unit: { code: "sh", name: "上海市总工会" },
      include: ["submitted", "approved"],
      generatedAt: "2014-09-02T03:00:00.000Z",
      completeness: {
        expected: 3,
        reported: 1,
        byStatus: { draft: 1, submitted: 1, returned: 1, approved: 0 },
        late: 2,
        lateUnits: [
          st("sh-huangpu", "黄浦区总工会", "submitted", true),
          st("sh-changning", "长宁区总工会", "draft", true),
        ],
        missing: [st("sh-xuhui", "徐汇区总工会", "returned"), st("sh-changning", "长宁区总工会", "draft", true)],
      },
      totals: { raised: "82.5" },
      matrix: {
        units: [st("sh-huangpu", "黄浦区总工会", "submitted", true)],
        cells: ["raised", "raised_gov"],
        rows: [["82.5"], [""]],
      },
      rosters: [],
      problems: [],
      notes: [
        {
          unit: "sh-huangpu",
          unitName: "黄浦区总工会",
          status: "submitted",
          problemId: "avg-grant",
          text: "标准较高",
          message: "…",
          severity: "warning",
        },
      ],
    };
    const v = officerViewOf(answer, jqzx());
    expect(v.units.map((u) => [u.code, u.status, u.late, u.warnings, u.notes, u.errors])).toEqual([
      ["sh-huangpu", "submitted", true, 1, 1, 0],
      ["sh-xuhui", "returned", false, 1, 0, 0],
      ["sh-changning", "draft", true, null, 0, null],
    ]);
    expect(v.matrix.values).toEqual({ "sh-huangpu": { raised: "82.5" } });
    expect(v.notes).toEqual([
      { unit: "sh-huangpu", unitName: "黄浦区总工会", problemId: "avg-grant", text: "标准较高", message: "…" },
    ]);
    // Rendered: counts as numbers; a never-saved unit's are blank, not 0.
    expect(statusLayout(v.units).values[0]).toEqual([
      "黄浦区总工会",
      "已上报",
      instantToSerial("2014-09-02T01:00:00.000Z"),
      "是",
      0,
      1,
      1,
    ]);
    expect(statusLayout(v.units).values[2]).toEqual(["长宁区总工会", "未上报", null, "是", null, null, 0]);
  });
});

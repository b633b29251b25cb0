/**
 * The officer's sheets over Office.js (office-addin-mock): what each render
 * queues, and the round trips — at most 2 per render, exactly 1 per refresh,
 * even when all 3,000 units changed.
 */
import { describe, expect, it } from "vitest";
import { OFFICER_PROTECTION, OfficeOfficerWorkbook } from "../../../addin/excel/officer-office";
import { COLORS } from "../../../schemas/layout/colors";
import { matrixLayout } from "../../../schemas/layout/officer/matrix-sheet";
import { officerPlan } from "../../../schemas/layout/officer/plan";
import { diffMatrix, refreshPlan } from "../../../addin/sheet/officer/refresh";
import { OFFICER_COLORS } from "../../../schemas/layout/officer/status-sheet";
import { changeUnits, shanghaiView, syntheticView } from "../../schemas/layout/officer/fixtures";
import { createOfficerExcelMock } from "./officer-excel-mock";

const STAMP = "最后更新：2014-09-02 11:00:00";

function setup() {
  const excel = createOfficerExcelMock();
  return { excel, workbook: new OfficeOfficerWorkbook(excel.host) };
}

describe("status sheet", () => {
  it("writes all rows in one call, colours by conditional formats, filters, freezes and protects — 2 syncs", async () => {
    const { excel, workbook } = setup();
    const plan = officerPlan(shanghaiView());
    await workbook.renderStatus(plan.status, STAMP);
    expect(excel.runs).toEqual([2]);
    const sheet = excel.sheet("填报情况");
    const used = sheet.ranges.get("A1:G7");
    const values = used?.values as unknown[][];
    expect(values[1]?.[0]).toBe(STAMP);
    expect(values[3]).toEqual(["单位", "状态", "提交时间", "是否逾期", "错误数", "警告数", "上报说明数"]);
    expect(values[6]).toEqual(["长宁区总工会", "未上报", "", "是", 0, 0, 0]);
    expect((used?.numberFormat as string[][])[4]?.[2]).toBe("yyyy-mm-dd hh:mm");

    expect(sheet.conditionalFormats.map((c) => [c.address, c.type, c.cf.custom.rule.formula, c.cf.priority])).toEqual([
      ["A5:G7", "Custom", '=$D5="是"', 0],
      ["A5:G7", "Custom", '=$B5="已退回"', 1],
      ["A5:G7", "Custom", '=$B5="未上报"', 2],
    ]);
    expect(sheet.conditionalFormats[0]?.cf.custom.format.font.color).toBe(OFFICER_COLORS.late);
    expect(sheet.conditionalFormats[1]?.cf.custom.format.fill.color).toBe(COLORS.warning);
    expect(sheet.conditionalFormats[2]?.cf.custom.format.font.color).toBe("#808080");

    const x = excel.extras("填报情况");
    expect(x.autoFilters).toEqual(["A4:G7"]);
    expect(x.frozenRows).toEqual([4]);
    expect(sheet.protections).toEqual([OFFICER_PROTECTION]);
  });

  it("replaces an existing status sheet, still in 2 syncs", async () => {
    const { excel, workbook } = setup();
    const old = excel.addSheet("填报情况");
    await workbook.renderStatus(officerPlan(shanghaiView()).status, STAMP);
    expect(old.deleted).toBe(true);
    expect(excel.runs).toEqual([2]);
  });
});

describe("consolidated sheet", () => {
  it("draws the official form with totals, marks and 上报说明 notes — 2 syncs", async () => {
    const { excel, workbook } = setup();
    const plan = officerPlan(shanghaiView());
    const c = plan.consolidated;
    await workbook.renderConsolidated(c, STAMP);
    expect(excel.runs).toEqual([2]);
    const sheet = excel.sheet(c.layout.sheet);
    const at = (k: string) => c.layout.cells.find((x) => x.key === k)?.address as string;
    // The form itself, as the filler sees it, without input shading or validation.
    const used = sheet.ranges.get(`A1:D${c.layout.rows}`)?.values as string[][];
    expect(used[0]?.[0]).toBe("2014年上海工会金秋助学情况统计表");
    expect([...sheet.areas.values()].some((r) => r.format.fill.color === COLORS.input)).toBe(false);
    expect([...sheet.ranges.values()].some((r) => r.dataValidation.rule !== undefined)).toBe(false);
    // Totals as numbers in one run down column C.
    const run = sheet.ranges.get(`${at("raised")}:C${Number(at("raised").slice(1)) + 27}`)?.values as number[][];
    expect(run[0]).toEqual([123.75]);
    expect(run[4]).toEqual([125.2]);
    expect(sheet.ranges.get("A3")?.values).toEqual([[STAMP]]);
    // The rule on the totals marks the cell, and the unit's 上报说明 joins its note.
    expect(sheet.ranges.get(at("granted"))?.format.fill.color).toBe(COLORS.warning);
    const note = sheet.notesAdded.find((n) => n.address === at("granted"));
    expect(note?.text).toContain("【警告】第 2 项共发放助学款 125.2 万元");
    expect(note?.text).toContain("【上报说明】徐汇区总工会：使用了2013年结余资金10万元");
    // Every 上报说明 is also listed below the form.
    const list = sheet.ranges.get(`A${c.list.top}:D${c.list.top + 3}`)?.values as unknown[][];
    expect(list[3]).toEqual([
      2,
      "黄浦区总工会：大专以上学生资助标准较高",
      "avg-grant",
      "大专以上人均资助 6000 元，高于其他学段 2 倍以上",
    ]);
    expect(sheet.protections).toEqual([OFFICER_PROTECTION]);
  });
});

describe("matrix sheet", () => {
  it("items × units with 合计 and 占比 formulas, frozen labels — 2 syncs", async () => {
    const { excel, workbook } = setup();
    const v = shanghaiView();
    const m = matrixLayout(v.template, v.units, v.matrix, { share: true });
    await workbook.renderMatrix(m, STAMP);
    expect(excel.runs).toEqual([2]);
    const sheet = excel.sheet("分单位明细");
    const left = sheet.ranges.get("A1:F32");
    const values = left?.values as unknown[][];
    expect(values[3]).toEqual(["序号", "项目", "单位", "黄浦区总工会", "徐汇区总工会", "长宁区总工会"]);
    expect(values[4]).toEqual(["1", "2014 年助学活动共筹集资金", "万元", 82.5, 41.25, ""]);
    expect((left?.numberFormat as string[][])[4]).toEqual(["@", "@", "@", "0.00", "0.00", "0.00"]);
    expect(sheet.ranges.get("G5:G32")?.formulasR1C1[0]).toEqual(["=SUM(RC4:RC[-1])"]);
    expect(sheet.ranges.get("I5:K32")?.formulasR1C1[0]).toEqual(Array(3).fill('=IF(RC7=0,"",RC[-5]/RC7)'));
    expect(sheet.ranges.get("I4:K4")?.values).toEqual([["黄浦区总工会", "徐汇区总工会", "长宁区总工会"]]);
    expect(excel.extras("分单位明细").frozenAt).toEqual(["A1:C4"]);
    expect(sheet.conditionalFormats).toEqual([]);
  });

  it("a 3,000-unit matrix: one values write, one outlier format, column widths in 5 proxies — 2 syncs", async () => {
    const { excel, workbook } = setup();
    const v = syntheticView(3000, 60);
    const m = matrixLayout(v.template, v.units, v.matrix);
    await workbook.renderMatrix(m, STAMP);
    expect(excel.runs).toEqual([2]);
    const sheet = excel.sheet("分单位明细");
    expect((sheet.ranges.get(`A1:DKM64`)?.values as unknown[][])[4]).toHaveLength(3003);
    expect(sheet.conditionalFormats).toHaveLength(1);
    expect(sheet.conditionalFormats[0]?.address).toBe("D5:DKM64");
    const widths = [...sheet.ranges.entries()].filter(([, r]) => r.format.columnWidth !== undefined).map(([a]) => a);
    expect(widths).toEqual(["A:A", "B:B", "C:C", "D:DKM", "DKN:DKN"]);
  });
});

describe("live refresh", () => {
  it("writes the changed blocks, notes and stamps of every sheet in 1 sync", async () => {
    const { excel, workbook } = setup();
    const v = shanghaiView();
    const before = officerPlan(v);
    await workbook.renderStatus(before.status, STAMP);
    await workbook.renderMatrix(before.matrix, STAMP);
    await workbook.renderConsolidated(before.consolidated, STAMP);
    const next = {
      ...v,
      units: v.units.map((u) => (u.code === "sh-changning" ? { ...u, status: "submitted" as const } : u)),
      matrix: { ...v.matrix, values: { ...v.matrix.values, "sh-changning": { raised: "10", raised_gov: "10" } } },
      totals: { ...v.totals, raised: "133.75", raised_gov: "55" },
      problems: [],
    };
    const plan = refreshPlan(before, officerPlan(next));
    await workbook.refresh(plan.patches, "最后更新：2014-09-02 11:05:00");
    expect(excel.runs).toEqual([2, 2, 2, 1]);

    const status = excel.sheet("填报情况");
    expect(status.ranges.get("B7")?.values).toEqual([["已上报"]]);
    expect(status.ranges.get("A2")?.values).toEqual([["最后更新：2014-09-02 11:05:00"]]);
    expect(excel.extras("填报情况").reapplied).toBe(1);
    expect(status.unprotects).toBe(1);
    expect(status.protections).toHaveLength(2);

    const matrix = excel.sheet("分单位明细");
    expect(matrix.ranges.get("F5:F6")?.values).toEqual([[10], [10]]);

    const c = excel.sheet(before.consolidated.layout.sheet);
    const granted = before.consolidated.layout.cells.find((x) => x.key === "granted")?.address as string;
    // The warning cleared: fill cleared, the note now holds only the 上报说明.
    expect(excel.extras(before.consolidated.layout.sheet).fillsCleared).toContain(granted);
    expect(c.notesUpdated).toEqual([
      { address: granted, text: "【上报说明】徐汇区总工会：使用了2013年结余资金10万元" },
    ]);
  });

  it("3,000 units changed: still 1 sync, one range write of the unit block", async () => {
    const { excel, workbook } = setup();
    const before = syntheticView(3000, 60);
    const after = changeUnits(before, 3000);
    const a = matrixLayout(before.template, before.units, before.matrix);
    const b = matrixLayout(after.template, after.units, after.matrix);
    await workbook.renderMatrix(a, STAMP);
    const d = diffMatrix(a, b);
    await workbook.refreshMatrix(
      { sheet: b.sheet, blocks: d?.blocks ?? [], notes: [], reapplyFilter: false, stampAddress: b.stampAddress },
      STAMP,
    );
    expect(excel.runs).toEqual([2, 1]);
    const written = excel.sheet(b.sheet).ranges.get(b.unitRange)?.values as number[][];
    expect(written).toHaveLength(60);
    expect(written[0]).toEqual(b.values[0]);
  });

  it("300 scattered units changed: one block per unit, 1 sync", async () => {
    const { excel, workbook } = setup();
    const before = syntheticView(3000, 60);
    const after = changeUnits(before, 300);
    const a = matrixLayout(before.template, before.units, before.matrix);
    const b = matrixLayout(after.template, after.units, after.matrix);
    await workbook.renderMatrix(a, STAMP);
    const d = diffMatrix(a, b);
    expect(d?.blocks).toHaveLength(300);
    await workbook.refreshMatrix(
      { sheet: b.sheet, blocks: d?.blocks ?? [], notes: [], reapplyFilter: false, stampAddress: b.stampAddress },
      STAMP,
    );
    expect(excel.runs).toEqual([2, 1]);
  });

  it("a deleted sheet is reported as sheet_missing", async () => {
    const { workbook } = setup();
    await expect(
      workbook.refresh(
        [{ sheet: "分单位明细", blocks: [], notes: [], reapplyFilter: false, stampAddress: "A2" }],
        STAMP,
      ),
    ).rejects.toMatchObject({ code: "sheet_missing" });
  });
});

describe("charts", () => {
  it("a clustered bar of one item across units and a pie of the stage breakdown, with zh-CN titles — 2 syncs", async () => {
    const { excel, workbook } = setup();
    const plan = officerPlan(shanghaiView(), { chartCell: "granted", stageTotal: "granted" });
    await workbook.renderMatrix(plan.matrix, STAMP);
    await workbook.renderConsolidated(plan.consolidated, STAMP);
    await workbook.renderCharts(plan.charts);
    expect(excel.runs).toEqual([2, 2, 2]);
    const [bar] = excel.extras("分单位明细").charts;
    expect(bar).toMatchObject({
      type: "BarClustered",
      source: "D9:F9",
      seriesBy: "Rows",
      name: "HB_unit_bar",
      title: { text: "各单位「助学活动共发放助学款」（万元）" },
      series: { name: "助学活动共发放助学款（万元）", xAxis: "D4:F4" },
      legend: { visible: false },
      deleted: false,
    });
    const [pie] = excel.extras(plan.consolidated.layout.sheet).charts;
    expect(pie).toMatchObject({
      type: "Pie",
      seriesBy: "Columns",
      title: { text: "上海市总工会：助学活动共发放助学款构成" },
      dataLabels: { showPercentage: true },
    });
    expect(pie?.position).toEqual({ from: "F4", to: "L22" });
  });

  it("re-rendering replaces our charts only", async () => {
    const { excel, workbook } = setup();
    const plan = officerPlan(shanghaiView());
    await workbook.renderMatrix(plan.matrix, STAMP);
    await workbook.renderConsolidated(plan.consolidated, STAMP);
    await workbook.renderCharts(plan.charts);
    await workbook.renderCharts(officerPlan(shanghaiView(), { chartCell: "aided" }).charts);
    const charts = excel.extras("分单位明细").charts;
    expect(charts.map((c) => [c.title.text, c.deleted])).toEqual([
      ["各单位「助学活动共筹集资金」（万元）", true],
      ["各单位「助学活动中共资助困难职工和困难农民工子女」（人）", false],
    ]);
    expect(excel.runs.slice(2)).toEqual([2, 2]);
  });
});

/**
 * The officer's sheets over Office.js, on the strict fake Excel
 * (test/addin/excel/strict): what each render leaves in the workbook, and the
 * round trips — at most 2 per render, 1 per refresh (2 when the status rows
 * changed: their keys are read first), even when all 3,000 units changed.
 */
import { describe, expect, it } from "vitest";
import { OFFICER_PROTECTION, OfficeOfficerWorkbook, STATUS_PROTECTION } from "../../../addin/excel/officer-office";
import { COLORS } from "../../../schemas/layout/colors";
import { rangeAddress } from "../../../schemas/layout/address";
import { matrixLayout } from "../../../schemas/layout/officer/matrix-sheet";
import { officerPlan } from "../../../schemas/layout/officer/plan";
import { diffMatrix, refreshPlan } from "../../../addin/sheet/officer/refresh";
import { OFFICER_COLORS } from "../../../schemas/layout/officer/status-sheet";
import { changeUnits, shanghaiView, syntheticView } from "../../schemas/layout/officer/fixtures";
import { sheetNames } from "./officer-strict";
import { createStrictExcel } from "./strict/fake-excel";
import type { ProfileName } from "./strict/profiles";

const STAMP = "最后更新：2014-09-02 11:00:00";

function setup(profile: ProfileName = "web-1.20") {
  const excel = createStrictExcel(profile);
  // A workbook always has a sheet: the officer's sheets come beside it.
  excel.addSheet("Sheet1");
  return { excel, workbook: new OfficeOfficerWorkbook(excel.host) };
}

const addressOf = (c: { layout: { cells: { key: string; address: string }[] } }, key: string) =>
  c.layout.cells.find((x) => x.key === key)?.address as string;

describe("status sheet", () => {
  it("writes all rows in one call, colours by conditional formats, filters, freezes and protects — 2 syncs", async () => {
    const { excel, workbook } = setup();
    const plan = officerPlan(shanghaiView());
    await workbook.renderStatus(plan.status, STAMP);
    expect(excel.runs).toEqual([2]);
    expect(excel.values("填报情况", "A2")).toEqual([[STAMP]]);
    expect(excel.values("填报情况", "A4:G4")).toEqual([
      ["单位", "状态", "提交时间", "是否逾期", "错误数", "警告数", "上报说明数"],
    ]);
    expect(excel.values("填报情况", "A7:G7")).toEqual([["长宁区总工会", "未上报", "", "是", 0, 0, 0]]);
    expect(excel.cell("填报情况", "C5").numberFormat).toBe("yyyy-mm-dd hh:mm");

    const sheet = excel.sheet("填报情况");
    const cfs = [...sheet.conditionalFormats].sort((a, b) => a.priority - b.priority);
    expect(cfs.map((c) => [rangeAddress(c.boxes[0]!), c.formula, c.priority])).toEqual([
      ["A5:G7", '=$D5="是"', 0],
      ["A5:G7", '=$B5="已退回"', 1],
      ["A5:G7", '=$B5="未上报"', 2],
    ]);
    expect(cfs[0]?.fontColor).toBe(OFFICER_COLORS.late);
    expect(cfs[1]?.fill).toBe(COLORS.warning);
    expect(cfs[2]?.fontColor).toBe("#808080");
    // The unit codes, hidden, inside the filter: a sort moves them with their rows.
    expect(excel.values("填报情况", "H5:H7")).toEqual([["sh-huangpu"], ["sh-xuhui"], ["sh-changning"]]);
    expect(sheet.columns.get(8)?.hidden).toBe(true);
    expect(rangeAddress(sheet.autoFilter!)).toBe("A4:H7");
    expect(sheet.frozen).toBeDefined();
    expect(sheet.protection).toEqual({ protected: true, options: expect.objectContaining(STATUS_PROTECTION) });
  });

  it("replaces an existing status sheet, still in 2 syncs, leaving no other sheet behind", async () => {
    const { excel, workbook } = setup();
    await workbook.renderStatus(officerPlan(shanghaiView()).status, STAMP);
    await workbook.renderStatus(officerPlan(shanghaiView()).status, STAMP);
    expect(excel.runs).toEqual([2, 2]);
    expect(excel.hasSheet("填报情况")).toBe(true);
    expect(excel.tables()).toEqual([]);
    expect(await sheetNames(excel)).toEqual(["Sheet1", "填报情况"]);
  });
});

describe("consolidated sheet", () => {
  it("draws the official form with totals, marks and 上报说明 notes — 2 syncs", async () => {
    const { excel, workbook } = setup();
    const c = officerPlan(shanghaiView()).consolidated;
    const s = c.layout.sheet;
    await workbook.renderConsolidated(c, STAMP);
    expect(excel.runs).toEqual([2]);
    expect(excel.values(s, "A1")).toEqual([["2014年上海工会金秋助学情况统计表"]]);
    // The form itself, as the filler sees it, without input shading or validation.
    for (const cell of c.layout.cells) {
      expect(excel.cell(s, cell.address).fill).not.toBe(COLORS.input);
      expect(excel.cell(s, cell.address).validation).toBeUndefined();
    }
    expect(excel.cell(s, addressOf(c, "raised")).value).toBe(123.75);
    expect(excel.cell(s, addressOf(c, "granted")).value).toBe(125.2);
    expect(excel.values(s, "A3")).toEqual([[STAMP]]);
    // The rule on the totals marks the cell, and the unit's 上报说明 joins its note.
    const granted = excel.cell(s, addressOf(c, "granted"));
    expect(granted.fill).toBe(COLORS.warning);
    expect(granted.note).toContain("【警告】第 2 项共发放助学款 125.2 万元");
    expect(granted.note).toContain("【上报说明】徐汇区总工会：使用了2013年结余资金10万元");
    // Every 上报说明 is also listed below the form.
    expect(excel.values(s, `A${c.list.top + 3}:D${c.list.top + 3}`)).toEqual([
      [2, "黄浦区总工会：大专以上学生资助标准较高", "avg-grant", "大专以上人均资助 6000 元，高于其他学段 2 倍以上"],
    ]);
    expect(excel.sheet(s).protection).toEqual({
      protected: true,
      options: expect.objectContaining(OFFICER_PROTECTION),
    });
    // Labels stay locked; what a refresh writes is not.
    expect(excel.cell(s, "B5").locked).toBe(true);
    expect(excel.cell(s, addressOf(c, "raised")).locked).toBe(false);
  });
});

describe("matrix sheet", () => {
  it("items × units with 合计 and 占比 formulas, frozen labels — 2 syncs", async () => {
    const { excel, workbook } = setup();
    const v = shanghaiView();
    const m = matrixLayout(v.template, v.units, v.matrix, { share: true });
    await workbook.renderMatrix(m, STAMP);
    expect(excel.runs).toEqual([2]);
    const s = "分单位明细";
    expect(excel.values(s, "A4:F5")).toEqual([
      ["序号", "项目", "单位", "黄浦区总工会", "徐汇区总工会", "长宁区总工会"],
      ["1", "2014 年助学活动共筹集资金", "万元", 82.5, 41.25, ""],
    ]);
    expect(["A5", "D5", "E5", "F5"].map((a) => excel.cell(s, a).numberFormat)).toEqual(["@", "0.00", "0.00", "0.00"]);
    expect(excel.cell(s, "G5").formula).toBe("=SUM(RC4:RC[-1])");
    expect(excel.cell(s, "I5").formula).toBe('=IF(RC7=0,"",RC[-5]/RC7)');
    expect(excel.values(s, "I4:K4")).toEqual([["黄浦区总工会", "徐汇区总工会", "长宁区总工会"]]);
    expect(excel.sheet(s).frozen).toBeDefined();
    expect(excel.sheet(s).conditionalFormats).toEqual([]);
    // The unit block is written by refreshes; 合计 and labels stay locked.
    expect([excel.cell(s, "D5").locked, excel.cell(s, "G5").locked, excel.cell(s, "B5").locked]).toEqual([
      false,
      true,
      true,
    ]);
  });

  it("a 3,000-unit matrix: one values write, one outlier format — 2 syncs", async () => {
    const { excel, workbook } = setup();
    const v = syntheticView(3000, 60);
    await workbook.renderMatrix(matrixLayout(v.template, v.units, v.matrix), STAMP);
    expect(excel.runs).toEqual([2]);
    expect(excel.values("分单位明细", "A5:DKM5")[0]).toHaveLength(3003);
    const cfs = excel.sheet("分单位明细").conditionalFormats;
    expect(cfs.map((c) => rangeAddress(c.boxes[0]!))).toEqual(["D5:DKM64"]);
  });
});

describe("live refresh", () => {
  it("writes the changed blocks, notes and stamps of every sheet; the status keys are read first — 2 syncs", async () => {
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
    expect(excel.runs).toEqual([2, 2, 2, 2]);

    expect(excel.values("填报情况", "B7")).toEqual([["已上报"]]);
    expect(excel.values("填报情况", "A2")).toEqual([["最后更新：2014-09-02 11:05:00"]]);
    expect(excel.values("分单位明细", "F5:F6")).toEqual([[10], [10]]);
    const s = before.consolidated.layout.sheet;
    expect(excel.cell(s, addressOf(before.consolidated, "raised")).value).toBe(133.75);
    // The warning cleared: fill cleared, the note now holds only the 上报说明.
    const granted = excel.cell(s, addressOf(before.consolidated, "granted"));
    expect(granted.fill).toBeUndefined();
    expect(granted.note).toBe("【上报说明】徐汇区总工会：使用了2013年结余资金10万元");
  });

  it("3,000 units changed: 1 sync, one range write of the unit block", async () => {
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
    expect(d?.blocks.map((x) => x.address)).toEqual([b.unitRange]);
    expect(excel.values(b.sheet, "D5:DKM5")[0]).toEqual(b.values[0]);
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
    const [bar] = excel.sheet("分单位明细").charts;
    expect(bar).toMatchObject({
      type: "BarClustered",
      source: "D9:F9",
      seriesBy: "Rows",
      name: "HB_unit_bar",
      title: "各单位「助学活动共发放助学款」（万元）",
      xAxis: "D4:F4",
      legend: { visible: false },
    });
    const [pie] = excel.sheet(plan.consolidated.layout.sheet).charts;
    expect(pie).toMatchObject({ type: "Pie", seriesBy: "Columns", title: "上海市总工会：助学活动共发放助学款构成" });
    expect(pie?.showPercentage).toBe(true);
    expect(pie?.position).toEqual({ from: "F4", to: "L22" });
  });

  it("re-rendering replaces our charts only", async () => {
    const { excel, workbook } = setup();
    const plan = officerPlan(shanghaiView());
    await workbook.renderMatrix(plan.matrix, STAMP);
    await workbook.renderConsolidated(plan.consolidated, STAMP);
    await workbook.renderCharts(plan.charts);
    await workbook.renderCharts(officerPlan(shanghaiView(), { chartCell: "aided" }).charts);
    expect(excel.sheet("分单位明细").charts.map((c) => c.title)).toEqual([
      "各单位「助学活动中共资助困难职工和困难农民工子女」（人）",
    ]);
    expect(excel.runs.slice(2)).toEqual([2, 2]);
  });
});

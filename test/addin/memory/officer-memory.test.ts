/** The preview's officer sheets: the same interface, mirrored into the in-memory workbook the grid view draws. */
import { describe, expect, it } from "vitest";
import { officerPlan } from "../../../schemas/layout/officer/plan";
import { refreshPlan } from "../../../addin/sheet/officer/refresh";
import { barRows } from "../../../addin/preview/grid/chart-view";
import { MemoryOfficerWorkbook } from "../../../addin/memory/officer-memory";
import type { RosterTotals } from "../../../schemas/api/consolidation";
import { a1 } from "../../../schemas/layout/address";
import {
  huangshanRosterAnswer,
  huangshanRosterView,
  shanghaiView,
  syntheticView,
} from "../../schemas/layout/officer/fixtures";

const STAMP = "最后更新：2014-09-02 11:00:00";

describe("MemoryOfficerWorkbook", () => {
  it("shows the status, matrix and consolidated sheets as read-only tabs with their values and marks", async () => {
    const wb = new MemoryOfficerWorkbook();
    const plan = officerPlan(shanghaiView(), { share: true, chartCell: "granted" });
    await wb.renderStatus(plan.status, STAMP);
    await wb.renderMatrix(plan.matrix, STAMP);
    await wb.renderConsolidated(plan.consolidated, STAMP);
    await wb.renderCharts(plan.charts);
    expect(wb.workbook.sheetNames()).toEqual(["填报情况", "分单位明细", plan.consolidated.layout.sheet]);

    const status = wb.workbook.sheet("填报情况");
    expect(status?.values.get("B7")).toBe("未上报");
    expect(status?.values.get("C5")).toBe("2014-08-28 10:30");
    expect(status?.marks.get("D7")).toEqual({ severity: "error", note: "【错误】逾期" });
    expect(status?.marks.get("B6")?.severity).toBe("warning");
    expect(status?.layout.cells.every((c) => c.locked)).toBe(true);

    const matrix = wb.workbook.sheet("分单位明细");
    expect(matrix?.values.get("D5")).toBe(82.5);
    expect(matrix?.values.get("G5")).toBe(123.75);
    expect(matrix?.values.get("I5")).toBe("66.7%");

    const c = wb.workbook.sheet(plan.consolidated.layout.sheet);
    const granted = plan.consolidated.layout.cells.find((x) => x.key === "granted")?.address as string;
    expect(c?.values.get(granted)).toBe(125.2);
    expect(c?.marks.get(granted)?.note).toMatch(/^【警告】第 2 项共发放助学款[^【]*\n【上报说明】徐汇区总工会/);
    expect(c?.values.get("A3")).toBe(STAMP);

    const bar = plan.charts[0];
    expect(wb.charts("分单位明细")[0]).toEqual({
      name: "HB_unit_bar",
      type: "BarClustered",
      title: "各单位「助学活动共发放助学款」（万元）",
      categories: ["黄浦区总工会", "徐汇区总工会", "长宁区总工会"],
      values: [76.8, 48.4, null],
      from: bar?.from,
      to: bar?.to,
    });
    // The grid has cells under the whole chart to draw it over.
    expect(matrix?.layout.rows).toBeGreaterThanOrEqual(Number(bar?.to.replace(/^[A-Z]+/, "")));
    expect(wb.charts(plan.consolidated.layout.sheet).map((c) => [c.type, c.categories.length])).toEqual([["Pie", 3]]);
  });

  it("lets titles and 最后更新 run on over the empty cells to their right, as Excel shows them", async () => {
    const wb = new MemoryOfficerWorkbook();
    const plan = officerPlan(shanghaiView());
    await wb.renderMatrix(plan.matrix, STAMP);
    await wb.renderConsolidated(plan.consolidated, STAMP);
    const merges = (sheet: string) => wb.workbook.sheet(sheet)?.layout.merges ?? [];
    // Column A is 序号-wide: the stamp takes in B (40 wide), the larger title as many columns as it needs.
    expect(merges("分单位明细")).toEqual(expect.arrayContaining(["A2:B2"]));
    expect(merges("分单位明细").find((m) => m.startsWith("A1:"))).toMatch(/^A1:[C-Z]1$/);
    expect(merges(plan.consolidated.layout.sheet)).toEqual(expect.arrayContaining(["A3:B3"]));
    // Headers and numbers stay in their cells.
    expect(merges("分单位明细").some((m) => m.startsWith("A4") || m.startsWith("D5"))).toBe(false);
  });

  it("a refresh leaves the officer on the tab they were reading; a render shows what it drew", async () => {
    const wb = new MemoryOfficerWorkbook();
    const v = shanghaiView();
    const before = officerPlan(v);
    await wb.renderStatus(before.status, STAMP);
    await wb.renderMatrix(before.matrix, STAMP);
    await wb.renderConsolidated(before.consolidated, STAMP);
    expect(wb.workbook.active).toBe(before.consolidated.layout.sheet);
    wb.workbook.active = "分单位明细"; // the officer clicks its tab
    const told: string[] = [];
    wb.workbook.subscribe((sheet) => told.push(sheet));
    const next = {
      ...v,
      totals: { ...v.totals, raised: "200" },
      matrix: { ...v.matrix, values: { ...v.matrix.values, "sh-changning": { raised: "10" } } },
    };
    await wb.refresh(refreshPlan(before, officerPlan(next)).patches, "最后更新：later");
    await wb.renderCharts(before.charts);
    expect(wb.workbook.active).toBe("分单位明细");
    // The grid redraws on every notice: the last one must find the officer's tab active again.
    expect(told.at(-1)).toBe("分单位明细");
  });

  it("charts read the sheet's current values, so a refresh shows in them", async () => {
    const wb = new MemoryOfficerWorkbook();
    const v = shanghaiView();
    const before = officerPlan(v);
    await wb.renderMatrix(before.matrix, STAMP);
    await wb.renderCharts(before.charts);
    const next = { ...v, matrix: { ...v.matrix, values: { ...v.matrix.values, "sh-changning": { raised: "10" } } } };
    await wb.refresh(refreshPlan(before, officerPlan(next)).patches, "最后更新：later");
    expect(wb.charts("分单位明细")[0]?.values).toEqual([82.5, 41.25, 10]);
  });

  it("a refresh updates values, derived 合计 and the stamp", async () => {
    const wb = new MemoryOfficerWorkbook();
    const v = shanghaiView();
    const before = officerPlan(v);
    await wb.renderMatrix(before.matrix, STAMP);
    await wb.renderStatus(before.status, STAMP);
    await wb.renderConsolidated(before.consolidated, STAMP);
    const next = { ...v, matrix: { ...v.matrix, values: { ...v.matrix.values, "sh-changning": { raised: "10" } } } };
    await wb.refresh(refreshPlan(before, officerPlan(next)).patches, "最后更新：later");
    const matrix = wb.workbook.sheet("分单位明细");
    expect(matrix?.values.get("F5")).toBe(10);
    expect(matrix?.values.get("G5")).toBe(133.75);
    expect(matrix?.values.get("A2")).toBe("最后更新：later");
  });

  it("draws a chart's bars against its largest value; a pie's parts with their shares; blanks as —", () => {
    const pie = barRows({
      type: "Pie",
      categories: ["小学和初中", "高中和中等职业教育阶段", "大专以上"],
      values: [135, 45, null],
    });
    expect(pie).toEqual([
      { label: "小学和初中", fraction: 1, text: "135（75.0%）" },
      { label: "高中和中等职业教育阶段", fraction: 1 / 3, text: "45（25.0%）" },
      { label: "大专以上", fraction: 0, text: "—" },
    ]);
    expect(barRows({ type: "BarClustered", categories: ["黄浦区总工会"], values: [1234.5] })).toEqual([
      { label: "黄浦区总工会", fraction: 1, text: "1,234.5" },
    ]);
  });

  it("flags an outlier like the conditional format would", async () => {
    const wb = new MemoryOfficerWorkbook();
    const v = syntheticView(17, 3);
    const cell = v.matrix.cells[0] as string;
    const values = { ...v.matrix.values, u0003: { ...v.matrix.values.u0003, [cell]: "99999" } };
    await wb.renderMatrix(officerPlan({ ...v, matrix: { ...v.matrix, values } }).matrix, STAMP);
    expect(wb.workbook.sheet("分单位明细")?.marks.get("F5")?.severity).toBe("warning");
  });
});

describe("MemoryOfficerWorkbook: the roster of 附件2 on the consolidated sheet", () => {
  it("shows every submitted student with the unit that reported it, and a corrected one after a refresh", async () => {
    const wb = new MemoryOfficerWorkbook();
    const answer = huangshanRosterAnswer();
    const before = officerPlan(huangshanRosterView(answer));
    await wb.renderConsolidated(before.consolidated, STAMP);
    const layout = before.consolidated.layout;
    const roster = layout.rosters[0];
    const sheet = () => wb.workbook.sheet(layout.sheet);
    const row = (i: number) => [2, 3, 12, 16].map((col) => sheet()?.values.get(a1((roster?.firstRow ?? 0) + i, col)));
    expect(row(0)).toEqual(["汪子涵", expect.stringMatching(/^341022/), 2000, "休宁县总工会"]);
    expect(row(6)).toEqual(["叶梓轩（屯溪）", expect.any(String), 1500, "屯溪区总工会"]);
    expect(sheet()?.layout.cells.find((c) => c.address === a1(roster?.firstRow ?? 0, 12))?.numberFormat).toBe("0.00");

    const rows = answer.rosters[0]?.rowValues ?? [];
    const fixed = rows.map((r, i) => (i === 6 ? { ...r, values: { ...r.values, amount: "1200" } } : r));
    const after = officerPlan(
      huangshanRosterView({ ...answer, rosters: [{ ...(answer.rosters[0] as RosterTotals), rowValues: fixed }] }),
    );
    await wb.refresh(refreshPlan(before, after).patches, STAMP);
    expect(row(6)[2]).toBe(1200);
  });
});

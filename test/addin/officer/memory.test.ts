/** The preview's officer sheets: the same interface, mirrored into the in-memory workbook the grid view draws. */
import { describe, expect, it } from "vitest";
import { officerPlan, refreshPlan } from "../../../addin/officer/plan";
import { MemoryOfficerWorkbook } from "../../../addin/preview/officer-memory";
import { shanghaiView, syntheticView } from "./fixtures";

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
    expect(status?.values.get("B7")).toBe("未报");
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

    expect(wb.charts("分单位明细")[0]).toMatchObject({ type: "BarClustered", categories: ["黄浦区总工会", "徐汇区总工会", "长宁区总工会"], values: [76.8, 48.4, null] });
    expect(matrix?.texts.get(plan.charts[0]?.from ?? "")?.text).toMatch(/^〔图表〕各单位「助学活动共发放助学款」/);
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

  it("flags an outlier like the conditional format would", async () => {
    const wb = new MemoryOfficerWorkbook();
    const v = syntheticView(17, 3);
    const cell = v.matrix.cells[0] as string;
    const values = { ...v.matrix.values, u0003: { ...v.matrix.values.u0003, [cell]: "99999" } };
    await wb.renderMatrix(officerPlan({ ...v, matrix: { ...v.matrix, values } }).matrix, STAMP);
    expect(wb.workbook.sheet("分单位明细")?.marks.get("F5")?.severity).toBe("warning");
  });
});

/**
 * The officer's sheets against what real Excel enforces (issue 11, items 2, 5
 * and 10 on the officer's side), on the strict fake: table names unique in
 * the whole workbook and no half-drawn sheet after a failed drawing; refreshes
 * that keep the user's undo (no protection call); a status sheet that sorts
 * for real, and refreshes that follow the sort.
 */
import { describe, expect, it } from "vitest";
import { OfficeOfficerWorkbook, STATUS_PROTECTION } from "../../../addin/excel/officer-office";
import { OfficeWorkbook } from "../../../addin/excel/office-workbook";
import { refreshPlan } from "../../../addin/sheet/officer/refresh";
import { drawDrillSheet } from "../../../addin/ui/sessions/officer/drill-down";
import type { Report } from "../../../schemas/api/reports";
import { buildLayout } from "../../../schemas/layout/form/layout";
import { officerPlan } from "../../../schemas/layout/officer/plan";
import type { OfficerView } from "../../../schemas/layout/officer/view";
import { HS_2022_ROSTER_VALUES } from "../../schemas/fixtures/filled";
import { huangshanRoster } from "../../schemas/fixtures/templates";
import { huangshanRosterAnswer, huangshanRosterView, shanghaiView } from "../../schemas/layout/officer/fixtures";
import { sheetNames, sortRows } from "./officer-strict";
import { createStrictExcel, type StrictExcel } from "./strict/fake-excel";
import type { ProfileName } from "./strict/profiles";

const STAMP = "最后更新：2022-11-29 10:00:00";

function setup(profile: ProfileName = "web-1.20") {
  const excel = createStrictExcel(profile);
  excel.addSheet("Sheet1");
  return { excel, officer: new OfficeOfficerWorkbook(excel.host), forms: new OfficeWorkbook(excel.host) };
}

function report(unit: string, unitName: string, values: Record<string, string>): Report {
  return {
    round: "hs-2022-roster",
    unit,
    unitName,
    status: "submitted",
    version: 3,
    late: false,
    submittedAt: null,
    updatedAt: null,
    values,
    explanations: {},
    returnReason: null,
    locked: false,
    editable: false,
  };
}

/** Fails the second sync of the next Excel.run after `after` of its commands (the draw of a render). */
function failNextDrawing(excel: StrictExcel, after: number): void {
  const run = excel.host.run.bind(excel.host) as (
    o: Excel.RunOptions,
    b: (c: Excel.RequestContext) => Promise<unknown>,
  ) => Promise<unknown>;
  let armed = true;
  (excel.host as { run: unknown }).run = (
    options: Excel.RunOptions,
    batch: (c: Excel.RequestContext) => Promise<unknown>,
  ) =>
    run(options, (ctx) => {
      if (!armed) return batch(ctx);
      armed = false;
      const sync = ctx.sync.bind(ctx);
      let n = 0;
      ctx.sync = (() => {
        if (++n === 2) excel.failNextSync("InvalidArgument", after);
        return sync();
      }) as typeof ctx.sync;
      return batch(ctx);
    });
}

describe("table names: one workbook holds the filler's form, the consolidated sheet and every drill-down (item 2)", () => {
  it("draws, redraws and drills into 附件2 without a clash, every table named once", async () => {
    const { excel, officer, forms } = setup();
    const template = huangshanRoster();
    await forms.renderForm(buildLayout(template, { unitName: "休宁县总工会" }));
    const plan = officerPlan(huangshanRosterView());
    await officer.renderConsolidated(plan.consolidated, STAMP);
    await officer.renderConsolidated(plan.consolidated, STAMP);
    const xiuning = report("hs-xiuning", "休宁县总工会", HS_2022_ROSTER_VALUES);
    const tunxi = report("hs-tunxi", "屯溪区总工会", { "roster.r0001.name": "吴佳怡" });
    await drawDrillSheet(forms, template, xiuning, true);
    await drawDrillSheet(forms, template, tunxi, true);
    await drawDrillSheet(forms, template, xiuning, true);

    const names = excel.tables().map((t) => t.name.toLowerCase());
    expect(names).toHaveLength(4);
    expect(new Set(names).size).toBe(4);
    expect(excel.tables().map((t) => t.sheet.name)).toEqual(
      expect.arrayContaining([plan.consolidated.layout.sheet, "休宁县总工会 报表", "屯溪区总工会 报表"]),
    );
    expect(excel.values(plan.consolidated.layout.sheet, `P${plan.consolidated.layout.rosters[0]?.firstRow}`)).toEqual([
      ["休宁县总工会"],
    ]);
  });

  it("a drawing that fails halfway leaves the sheet it was to replace as it was, and no half-drawn sheet", async () => {
    const { excel, officer } = setup();
    const plan = officerPlan(huangshanRosterView());
    const sheet = plan.consolidated.layout.sheet;
    await officer.renderConsolidated(plan.consolidated, STAMP);
    const first = plan.consolidated.layout.rosters[0]?.firstRow ?? 0;
    expect(excel.values(sheet, `B${first}`)).toEqual([["汪子涵"]]);

    failNextDrawing(excel, 40);
    await expect(officer.renderConsolidated(plan.consolidated, "最后更新：2022-11-29 10:05:00")).rejects.toMatchObject({
      code: "InvalidArgument",
    });
    expect(await sheetNames(excel)).toEqual(["Sheet1", sheet]);
    expect(excel.values(sheet, "A3")).toEqual([[STAMP]]);
    expect(excel.values(sheet, `B${first}`)).toEqual([["汪子涵"]]);
    expect(excel.sheet(sheet).protection.protected).toBe(true);
    expect(excel.tables()).toHaveLength(1);
  });

  it("a first drawing that fails leaves no sheet at all", async () => {
    const { excel, officer } = setup();
    failNextDrawing(excel, 40);
    await expect(officer.renderConsolidated(officerPlan(huangshanRosterView()).consolidated, STAMP)).rejects.toThrow();
    expect(await sheetNames(excel)).toEqual(["Sheet1"]);
    expect(excel.tables()).toEqual([]);
  });
});

/** 长宁 submits: a status row, the summary, a matrix column, totals and a note change. */
function changningSubmits(v: OfficerView): OfficerView {
  return {
    ...v,
    units: v.units.map((u) => (u.code === "sh-changning" ? { ...u, status: "submitted" as const } : u)),
    matrix: { ...v.matrix, values: { ...v.matrix.values, "sh-changning": { raised: "10", raised_gov: "10" } } },
    totals: { ...v.totals, raised: "133.75", raised_gov: "55" },
    problems: [],
  };
}

async function renderAll(officer: OfficeOfficerWorkbook, v: OfficerView) {
  const plan = officerPlan(v, { chartCell: "granted" });
  await officer.renderStatus(plan.status, STAMP);
  await officer.renderMatrix(plan.matrix, STAMP);
  await officer.renderConsolidated(plan.consolidated, STAMP);
  await officer.renderCharts(plan.charts);
  return plan;
}

describe("the user's undo (item 5): refreshes call nothing that clears it", () => {
  it.each(["web-1.20", "windows-1.20"] as const)(
    "on %s a live refresh of every sheet, notes and fills included, clears nothing; the sheets stay protected",
    async (profile) => {
      const { excel, officer } = setup(profile);
      const v = shanghaiView();
      const before = await renderAll(officer, v);
      const cleared = excel.undo.clears.length;
      const plan = refreshPlan(before, officerPlan(changningSubmits(v)));
      expect(plan.rerender).toEqual([]);
      expect(plan.patches.find((p) => p.sheet === before.consolidated.layout.sheet)?.notes).not.toEqual([]);
      await officer.refresh(plan.patches, "最后更新：2014-09-02 11:05:00");
      expect(excel.undo.clears.slice(cleared)).toEqual([]);
      // Choosing another chart item redraws a chart: still nothing cleared.
      await officer.renderCharts(officerPlan(v, { chartCell: "aided" }).charts.slice(0, 1));
      expect(excel.undo.clears.slice(cleared)).toEqual([]);
      for (const s of ["填报情况", "分单位明细", before.consolidated.layout.sheet])
        expect(excel.sheet(s).protection.protected).toBe(true);
    },
  );

  it("a new 上报说明 goes into the list's room below the form: no redraw, nothing cleared", async () => {
    const { excel, officer } = setup("web-1.20");
    const v = { ...shanghaiView(), notes: [] };
    const before = await renderAll(officer, v);
    const c = before.consolidated;
    expect(excel.values(c.layout.sheet, `A${c.list.top}`)).toEqual([["上报说明（0 条）"]]);
    const cleared = excel.undo.clears.length;
    const plan = refreshPlan(before, officerPlan(shanghaiView()));
    expect(plan.rerender).toEqual([]);
    await officer.refresh(plan.patches, STAMP);
    expect(excel.undo.clears.slice(cleared)).toEqual([]);
    expect(excel.values(c.layout.sheet, `A${c.list.top}:B${c.list.top + 3}`)).toEqual([
      ["上报说明（2 条）", ""],
      ["序号", "单位：说明"],
      [1, "徐汇区总工会：使用了2013年结余资金10万元"],
      [2, "黄浦区总工会：大专以上学生资助标准较高"],
    ]);
    expect(excel.cell(c.layout.sheet, `B${c.list.top + 3}`).style.wrapText).toBe(true);
  });

  it("a render replaces the sheet, which no Excel can undo: protect, delete (and rename on Windows)", async () => {
    const web = setup("web-1.20");
    const win = setup("windows-1.20");
    for (const { excel, officer } of [web, win]) {
      const status = officerPlan(shanghaiView()).status;
      await officer.renderStatus(status, STAMP);
      const cleared = excel.undo.clears.length;
      await officer.renderStatus(status, STAMP);
      expect(excel.undo.clears.slice(cleared)).toEqual(
        excel === web.excel
          ? ["WorksheetProtection.protect", "Worksheet.delete"]
          : ["WorksheetProtection.protect", "Worksheet.delete", "Worksheet.name"],
      );
    }
  });

  it("below ExcelApi 1.18 notes are threaded comments, which a protected sheet refuses: only then a refresh unprotects", async () => {
    const { excel, officer } = setup("windows-1.10");
    expect(officer.noteMode).toBe("comments");
    const v = shanghaiView();
    const before = await renderAll(officer, v);
    const c = before.consolidated;
    await officer.refresh(refreshPlan(before, officerPlan(changningSubmits(v))).patches, STAMP);
    const granted = c.layout.cells.find((x) => x.key === "granted")?.address as string;
    expect(excel.cell(c.layout.sheet, granted).comment).toBe("【上报说明】徐汇区总工会：使用了2013年结余资金10万元");
    expect(excel.sheet(c.layout.sheet).protection.protected).toBe(true);
  });
});

describe("sorting (item 10): the status sheet sorts for real, the refresh follows the sort", () => {
  it("Excel lets the officer sort the status rows, but not the matrix's items or the consolidated form", async () => {
    const { excel, officer } = setup();
    const plan = await renderAll(officer, shanghaiView());
    expect(excel.sheet("填报情况").protection.options).toMatchObject(STATUS_PROTECTION);
    expect(excel.user.canSort("填报情况", "A5:H7")).toBe(true);
    // Headers, title and the other sheets stay as drawn.
    expect(excel.user.canSort("填报情况", "A4:H7")).toBe(false);
    expect(excel.user.canSort("分单位明细", `A${plan.matrix.firstRow}:G${plan.matrix.lastRow}`)).toBe(false);
    expect(excel.user.canSort(plan.consolidated.layout.sheet, "A5:D20")).toBe(false);
  });

  it("after the officer sorted the units, a refresh writes each unit's changes on its row, wherever it is now", async () => {
    const { excel, officer } = setup();
    const v = shanghaiView();
    const before = await renderAll(officer, v);
    // 长宁 (row 7) first, then 黄浦, then 徐汇.
    sortRows(excel, "填报情况", { top: 5, bottom: 7, left: 1, right: 8 }, [2, 0, 1]);
    expect(excel.values("填报情况", "A5:B5")).toEqual([["长宁区总工会", "未上报"]]);
    const runs = excel.runs.length;
    await officer.refresh(refreshPlan(before, officerPlan(changningSubmits(v))).patches, STAMP);
    expect(excel.runs.slice(runs)).toEqual([2]);
    expect(excel.values("填报情况", "A5:H7")).toEqual([
      ["长宁区总工会", "已上报", "", "是", 0, 0, 0, "sh-changning"],
      ["黄浦区总工会", "已上报", expect.any(Number), "否", 0, 1, 1, "sh-huangpu"],
      ["徐汇区总工会", "已退回", "", "否", 0, 1, 1, "sh-xuhui"],
    ]);
  });

  it("rows it cannot find by their key are all written again in the drawn order", async () => {
    const { excel, officer } = setup();
    const v = shanghaiView();
    const before = await renderAll(officer, v);
    sortRows(excel, "填报情况", { top: 5, bottom: 7, left: 1, right: 8 }, [2, 0, 1]);
    excel.seed("填报情况", "H5", [["改过的"]]);
    await officer.refresh(refreshPlan(before, officerPlan(changningSubmits(v))).patches, STAMP);
    expect(excel.values("填报情况", "A5:B7")).toEqual([
      ["黄浦区总工会", "已上报"],
      ["徐汇区总工会", "已退回"],
      ["长宁区总工会", "已上报"],
    ]);
    expect(excel.values("填报情况", "H5:H7")).toEqual([["sh-huangpu"], ["sh-xuhui"], ["sh-changning"]]);
  });
});

describe("every submitted student of a city within Excel on the web's 5 MB per request", () => {
  function withStudents(n: number) {
    const answer = huangshanRosterAnswer();
    const rows = answer.rosters[0]?.rowValues ?? [];
    const many = Array.from({ length: n }, (_, i) => ({ ...rows[i % rows.length]!, rowId: `r${i + 1}` }));
    return officerPlan(huangshanRosterView({ ...answer, rosters: [{ ...answer.rosters[0]!, rowValues: many }] }));
  }

  it.each([
    [2_000, [2]],
    [20_000, [4]],
  ])("%i rows: drawn under 4 MB per sync (%j syncs), the sheet swapped in once complete", async (n, runs) => {
    const { excel, officer } = setup("web-1.20");
    const plan = withStudents(n);
    await officer.renderConsolidated(plan.consolidated, STAMP);
    expect(excel.runs).toEqual(runs);
    expect(excel.payload.maxRequestBytes).toBeLessThan(4 * 1024 * 1024);
    const roster = plan.consolidated.layout.rosters[0]!;
    const last = plan.consolidated.rosters[0]?.rows[n - 1];
    expect(excel.values(plan.consolidated.layout.sheet, `B${roster.firstRow + n - 1}`)).toEqual([[last?.values.name]]);
    expect(excel.values(plan.consolidated.layout.sheet, `P${roster.firstRow + n - 1}`)).toEqual([[last?.unitName]]);
    expect(await sheetNames(excel)).toEqual(["Sheet1", plan.consolidated.layout.sheet]);
  });

  /** Every value of a row changed (a district re-entered its list): the name marked, the rest with a digit more. */
  const corrected = (values: Record<string, string>) =>
    Object.fromEntries(Object.entries(values).map(([k, v]) => [k, k === "name" ? `${v}（更正）` : `${v}0`]));

  it("a refresh that corrects every one of 20,000 students writes them under 4 MB per sync", async () => {
    const { excel, officer } = setup("web-1.20");
    const before = withStudents(20_000);
    await officer.renderConsolidated(before.consolidated, STAMP);
    const rosterRows = before.consolidated.rosters[0]!.rows;
    const after = {
      ...before.consolidated,
      rosters: [
        {
          ...before.consolidated.rosters[0]!,
          rows: rosterRows.map((r) => ({ ...r, values: corrected(r.values) })),
        },
      ],
    };
    excel.payload.reset();
    const sheet = before.consolidated.layout.sheet;
    const patches = refreshPlan(before, { ...before, consolidated: after }).patches.filter((p) => p.sheet === sheet);
    await officer.refresh(patches, STAMP);
    expect(excel.payload.syncs.every((s) => !s.failed)).toBe(true);
    expect(excel.payload.maxRequestBytes).toBeLessThan(4 * 1024 * 1024);
    const roster = before.consolidated.layout.rosters[0]!;
    expect(excel.values(before.consolidated.layout.sheet, `B${roster.firstRow + 19_999}`)).toEqual([
      [`${rosterRows[19_999]?.values.name}（更正）`],
    ]);
  }, 60_000);
});

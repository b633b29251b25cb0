/**
 * The Office.js adapter on the strict fake Excel, where Excel's own limits
 * apply: table names unique in the whole workbook, and 5 MB per request or
 * response on Excel on the web (each sync is kept under 4 MB).
 */
import { describe, expect, it } from "vitest";
import { OfficeWorkbook } from "../../../addin/excel/office-workbook";
import { consolidatedLayout } from "../../../schemas/layout/officer/consolidated-sheet";
import { buildLayout } from "../../../schemas/layout/form/layout";
import { CellIndex } from "../../../schemas/layout/form/cell-index";
import { rosterValues } from "../roster-fixture";
import { huangshanRoster, shanghaiJqzx } from "../../schemas/fixtures/templates";
import { createStrictExcel } from "./strict/fake-excel";

const MB4 = 4 * 1024 * 1024;

describe("OfficeWorkbook — table names (Excel wants them unique in the workbook)", () => {
  it("draws the filler's sheet, the consolidated sheet and two drill-downs of one roster form in one workbook", async () => {
    const excel = createStrictExcel("web-1.18");
    const workbook = new OfficeWorkbook(excel.host);
    const filler = buildLayout(huangshanRoster(), { unitName: "屯溪区总工会" });
    const layouts = [
      filler,
      consolidatedLayout(huangshanRoster(), "黄山市总工会"),
      buildLayout(huangshanRoster(), { unitName: "屯溪区总工会", sheetName: "屯溪区总工会 报表", rosterRows: 3 }),
      buildLayout(huangshanRoster(), { unitName: "黄山区总工会", sheetName: "黄山区总工会 报表", rosterRows: 3 }),
    ];
    for (const layout of layouts) await workbook.renderForm(layout);
    expect(excel.tables().map((t) => t.sheet.name)).toEqual(layouts.map((l) => l.sheet));
    expect(new Set(excel.tables().map((t) => t.name.toLowerCase())).size).toBe(4);

    // Reconnecting (the pane reopened) still finds the filler's table and its rows.
    const again = new OfficeWorkbook(excel.host);
    const attached = await again.attachForm(filler);
    expect(attached?.rosters[0]?.rowCount).toBe(filler.rosters[0]?.rowCount);
  });
});

describe("OfficeWorkbook — Excel on the web's 5 MB per request and response", () => {
  it("writes a 1,200-row roster in blocks, every request under 4 MB", async () => {
    const excel = createStrictExcel("web-1.18");
    const workbook = new OfficeWorkbook(excel.host);
    const layout = buildLayout(huangshanRoster(), { unitName: "屯溪区总工会", rosterRows: 1200 });
    await workbook.renderForm(layout);
    excel.payload.reset();
    const values = rosterValues(1200);
    const result = await workbook.writeValues(layout.sheet, values);
    expect(result.unplaced).toEqual([]);
    expect(excel.payload.maxRequestBytes).toBeLessThanOrEqual(MB4);
    expect(excel.payload.syncs.every((s) => !s.failed)).toBe(true);
    const index = new CellIndex(layout);
    for (const key of ["roster.r0001.idno", "roster.r0600.name", "roster.r1200.bankcard", "header.phone"]) {
      expect(excel.cell(layout.sheet, index.locate(key)?.address ?? "").value).toBe(values[key]);
    }
    expect(excel.cell(layout.sheet, index.locate("roster.r0007.amount")?.address ?? "").value).toBe(1000);
  });

  it("reads a 20,000-row roster in pages, every response under 4 MB", async () => {
    const excel = createStrictExcel("web-1.18");
    const workbook = new OfficeWorkbook(excel.host);
    const layout = buildLayout(huangshanRoster(), { unitName: "屯溪区总工会", rosterRows: 20_000 });
    await workbook.renderForm(layout);
    const roster = layout.rosters[0];
    if (!roster) throw new Error("no roster");
    const values = rosterValues(20_000);
    const rows = Array.from({ length: 20_000 }, (_, i) =>
      roster.columns.map((c) => values[`roster.r${String(i + 1).padStart(4, "0")}.${c.key}`] ?? ""),
    );
    excel.seed(layout.sheet, `A${roster.firstRow}`, rows);
    excel.payload.reset();
    const read = await workbook.readValues(layout.sheet);
    expect(excel.payload.maxResponseBytes).toBeLessThanOrEqual(MB4);
    expect(excel.payload.syncs.every((s) => !s.failed)).toBe(true);
    expect(read["roster.r0001.idno"]).toBe(values["roster.r0001.idno"]);
    expect(read["roster.r20000.phone"]).toBe(values["roster.r20000.phone"]);
    expect(Object.keys(read).filter((k) => k.startsWith("roster.")).length).toBe(20_000 * 14);
  }, 60_000); // drawing and filling 280,000 cells in the fake takes seconds

  it("draws a roster of any length in requests that do not grow with it", async () => {
    const requests: number[] = [];
    for (const rows of [2_000, 20_000]) {
      const excel = createStrictExcel("web-1.18");
      await new OfficeWorkbook(excel.host).renderForm(buildLayout(huangshanRoster(), { rosterRows: rows }));
      expect(excel.runs).toEqual([2]);
      requests.push(excel.payload.maxRequestBytes);
    }
    // Blank rows need no values, and each column's number format is one value (a template may allow 100,000 rows).
    expect(requests[1]).toBeLessThan((requests[0] ?? 0) * 1.1);
    expect(requests[1]).toBeLessThan(256 * 1024);
  }, 60_000);

  it("keeps an ordinary form at one sync to write and one to read", async () => {
    const excel = createStrictExcel("web-1.18");
    const workbook = new OfficeWorkbook(excel.host);
    const layout = buildLayout(shanghaiJqzx(), { unitName: "黄浦区总工会" });
    await workbook.renderForm(layout);
    await workbook.writeValues(layout.sheet, { raised: "12.5", raised_gov: "10", "header.reporter": "顾佳" });
    const read = await workbook.readValues(layout.sheet);
    expect(read.raised).toBe(12.5);
    expect(excel.runs.slice(1)).toEqual([1, 1]);
  });
});

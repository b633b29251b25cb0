/**
 * The clerk types while the add-in works (issue 11, items 3 and 8), on the
 * strict fake Excel: every batch waits for cell-edit mode instead of failing,
 * a change that cannot be read back is kept and read again — never lost —
 * and on hosts whose events carry no triggerSource the add-in's own writes do
 * not come back as the clerk's edits.
 */
import { describe, expect, it, vi } from "vitest";
import { buildLayout } from "../../../schemas/layout/form/layout";
import { OfficeWorkbook } from "../../../addin/excel/office-workbook";
import { UNREAD_MESSAGE } from "../../../addin/excel/office-changes";
import { createStrictExcel } from "./strict/fake-excel";
import type { ProfileName } from "./strict/profiles";
import { huangshanRoster, shanghaiJqzx } from "../../schemas/fixtures/templates";

const layout = buildLayout(shanghaiJqzx(), { unitName: "黄浦区总工会" });
const at = (key: string) => layout.cells.find((c) => c.key === key)?.address as string;

async function watched(profile: ProfileName) {
  const excel = createStrictExcel(profile);
  const workbook = new OfficeWorkbook(excel.host, { retryMs: 1 });
  await workbook.renderForm(layout);
  const seen: Record<string, unknown>[] = [];
  const unread: (string | null)[] = [];
  await workbook.onCellsChanged(
    layout.sheet,
    (_cells, values) => seen.push(values),
    (m) => unread.push(m),
  );
  return { excel, workbook, seen, unread };
}

describe("OfficeWorkbook — while the clerk edits a cell", () => {
  it("asks every batch to wait for cell-edit mode", async () => {
    const excel = createStrictExcel("web-1.18");
    const workbook = new OfficeWorkbook(excel.host);
    const roster = buildLayout(huangshanRoster());
    await workbook.renderForm(roster);
    await workbook.attachForm(roster);
    await workbook.onCellsChanged(roster.sheet, () => undefined);
    await workbook.writeValues(roster.sheet, { total_persons: "3" });
    await workbook.markCells(roster.sheet, [{ cell: "total_persons", severity: "error", note: "x" }], []);
    await workbook.growRosters(roster.sheet, { roster: 80 });
    await workbook.readValues(roster.sheet);
    await workbook.selectCell(roster.sheet, "total_persons");
    await workbook.hasSheet(roster.sheet);
    excel.user.type(roster.sheet, "A10", "汪小明");
    await excel.settle();
    expect(excel.runOptions.length).toBeGreaterThan(9);
    expect(excel.runOptions.every((o) => o.delayForCellEdit === true)).toBe(true);
  });

  it("marks and writes after the clerk leaves the cell, instead of failing", async () => {
    const { excel, workbook } = await watched("web-1.18");
    excel.user.startEditing();
    let done = false;
    const marking = Promise.all([
      workbook.markCells(layout.sheet, [{ cell: "aided", severity: "error", note: "必填" }], []),
      workbook.writeValues(layout.sheet, { raised: "12.5" }),
    ]).then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(done).toBe(false);
    excel.user.stopEditing();
    await marking;
    expect(excel.cell(layout.sheet, at("aided")).note).toBe("【错误】必填");
    expect(excel.values(layout.sheet, at("raised"))).toEqual([[12.5]]);
  });

  it("keeps a change it could not read (no delayForCellEdit before ExcelApi 1.11) and reads it again", async () => {
    const { excel, seen, unread } = await watched("windows-1.10");
    excel.user.type(layout.sheet, at("aided"), "30");
    // The clerk is already typing in the next cell when the add-in reads the first one back.
    excel.user.startEditing();
    await vi.waitFor(() => expect(unread).toEqual([UNREAD_MESSAGE]));
    expect(seen).toEqual([]);
    excel.user.stopEditing();
    await vi.waitFor(() => expect(seen).toEqual([{ aided: 30 }]));
    expect(unread).toEqual([UNREAD_MESSAGE, null]);
  });

  it("reads pending changes together with the next one", async () => {
    const { excel, seen, unread } = await watched("windows-1.10");
    excel.user.type(layout.sheet, at("aided"), "30");
    excel.user.startEditing();
    await vi.waitFor(() => expect(unread).toHaveLength(1));
    excel.user.stopEditing();
    excel.user.type(layout.sheet, at("posts"), "48");
    await vi.waitFor(() => expect(unread).toEqual([UNREAD_MESSAGE, null]));
    expect(Object.assign({}, ...seen)).toEqual({ aided: 30, posts: 48 });
  });
});

describe("OfficeWorkbook — its own writes on hosts without triggerSource (ExcelApi < 1.14)", () => {
  it("drops the echo of a write and still reports the clerk's next edit of the same cell", async () => {
    const { excel, workbook, seen } = await watched("windows-1.9");
    await workbook.writeValues(layout.sheet, { aided: "30", "header.reporter": "顾佳" });
    await excel.settle();
    expect(seen).toEqual([]);
    excel.user.type(layout.sheet, at("aided"), "31");
    await excel.settle();
    excel.user.type(layout.sheet, at("aided"), "30");
    await excel.settle();
    expect(seen).toEqual([{ aided: 31 }, { aided: 30 }]);
  });

  it("needs no memory where events say who changed the cell", async () => {
    const { excel, workbook, seen } = await watched("office2021-1.14");
    await workbook.writeValues(layout.sheet, { aided: "30" });
    await excel.settle();
    excel.user.type(layout.sheet, at("aided"), "30");
    await excel.settle();
    expect(seen).toEqual([{ aided: 30 }]);
  });
});

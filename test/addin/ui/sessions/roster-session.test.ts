/**
 * Rosters in an open form: they grow when the clerk fills the last prepared
 * row, when the server or this device holds rows beyond it, and on request
 * (增加行); a grown sheet is reconnected as it is. Memory workbook and fake server.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildLayout, type SheetLayout } from "../../../../schemas/layout/form/layout";
import { OfficeWorkbook } from "../../../../addin/excel/office-workbook";
import type { FormWorkbook } from "../../../../addin/sheet/form-workbook";
import { MemoryWorkbook } from "../../../../addin/memory/memory-workbook";
import { createApiClient } from "../../../../addin/sync/api-client";
import { MemoryStore } from "../../../../addin/sync/storage";
import { FormSession } from "../../../../addin/ui/sessions/form-session";
import { ROW_STEP, rowsToFit } from "../../../../addin/ui/sessions/roster-rows";
import { createStrictExcel } from "../../excel/strict/fake-excel";
import { huangshanRoster } from "../../../schemas/fixtures/templates";
import { rosterIdNo, rosterRow, rosterValues } from "../../roster-fixture";
import { FakeServer } from "../../sync/fake-server";

const template = huangshanRoster();
const layout = buildLayout(template, { unitName: "屯溪区总工会" });
const opened: FormSession[] = [];

afterEach(async () => {
  for (const s of opened.splice(0)) await s.dispose();
});

function setup(server = new FakeServer("hs-2022-roster", "hs-tunxi"), store = new MemoryStore()) {
  const api = createApiClient({ fetch: server.fetch, token: () => server.token, baseUrl: "https://pane.test/api/v1" });
  const open = async (workbook: FormWorkbook = new MemoryWorkbook()) => {
    const { session, reopened } = await FormSession.open({
      template,
      layout,
      workbook,
      api,
      store,
      round: server.round,
      unit: server.unit,
      debounceMs: 5,
      retry: { initialMs: 5, maxMs: 20 },
    });
    opened.push(session);
    return { session, reopened, workbook };
  };
  return { server, store, open };
}

/** Where a roster cell is in the layout the sheet has now. */
const addressIn = (l: SheetLayout, row: number, col: string) => {
  const roster = l.rosters[0]!;
  const c = roster.columns.find((x) => x.key === col)!;
  return `${String.fromCharCode(64 + c.col)}${roster.firstRow + row - 1}`;
};
const rowsOf = (session: FormSession) => session.state().rosters[0]?.rows;
const settled = (session: FormSession) =>
  vi.waitFor(() => expect(session.state().sync.label).toBe("已保存"), { timeout: 5000 });

describe("rowsToFit", () => {
  it("asks for a blank margin once the last prepared row (or one beyond it) holds something", () => {
    expect(rowsToFit(layout, { "roster.r0049.name": "汪子涵", total_persons: "3" })).toEqual({});
    expect(rowsToFit(layout, { "roster.r0050.name": "汪子涵" })).toEqual({ roster: 50 + ROW_STEP });
    expect(rowsToFit(layout, { "roster.r0120.idno": rosterIdNo(120), "roster.r0080.name": "程思远" })).toEqual({
      roster: 120 + ROW_STEP,
    });
    // Blanks, other spellings of a row id and unknown rosters have no place to make.
    expect(
      rowsToFit(layout, {
        "roster.r0120.name": null,
        "roster.r0099.name": "　",
        "roster.r120.name": "x",
        "other.r0100.a": "x",
      }),
    ).toEqual({});
  });
});

describe("a roster in the open form", () => {
  it("grows when the clerk types into the last prepared row, and 合计 moves down with its value", async () => {
    const { server, open } = setup();
    const { session, workbook } = await open();
    const wb = workbook as MemoryWorkbook;
    await settled(session);
    expect(rowsOf(session)).toBe(50);
    wb.paste(layout.sheet, layout.cells.find((c) => c.key === "total_persons")!.address, [["50"]]);
    expect(wb.type(layout.sheet, addressIn(layout, 50, "name"), "汪子涵").ok).toBe(true);
    await vi.waitFor(() => expect(rowsOf(session)).toBe(100));
    const grown = wb.sheet(layout.sheet)!.layout;
    expect(session.layout).toEqual(grown);
    expect(grown.rosters[0]?.rowCount).toBe(100);
    expect(wb.sheet(layout.sheet)!.values.get(grown.cells.find((c) => c.key === "total_persons")!.address)).toBe(50);
    expect(wb.type(layout.sheet, addressIn(grown, 100, "name"), "程思远").ok).toBe(true);
    await vi.waitFor(() => expect(rowsOf(session)).toBe(150));
    await settled(session);
    expect(server.value("roster.r0050.name")).toBe("汪子涵");
    expect(server.value("roster.r0100.name")).toBe("程思远");
    expect(server.value("total_persons")).toBe("50");
  });

  it(
    "opens a report of 300 rows from the server with every row in place, and marks a duplicate 身份证号 in row 250",
    { timeout: 30_000 },
    async () => {
      const server = new FakeServer("hs-2022-roster", "hs-tunxi");
      server.fields = rosterValues(300);
      server.version = 1;
      const { open } = setup(server);
      const { session, workbook } = await open();
      const wb = workbook as MemoryWorkbook;
      await vi.waitFor(() => expect(rowsOf(session)).toBe(300 + ROW_STEP), { timeout: 20_000 });
      const values = await wb.readValues(layout.sheet);
      expect(values["roster.r0300.idno"]).toBe(rosterIdNo(300));
      expect(values.total_persons).toBe(300);
      await vi.waitFor(() => expect(session.state().summary.errors).toBe(0), { timeout: 20_000 });

      const grown = session.layout;
      const marked = (row: number) => wb.sheet(layout.sheet)!.marks.get(addressIn(grown, row, "idno"))?.severity;
      wb.paste(layout.sheet, addressIn(grown, 250, "idno"), [[rosterIdNo(1)]]);
      await vi.waitFor(() => expect(marked(250)).toBe("error"), { timeout: 20_000 });
      expect(marked(1)).toBe("error");
      wb.paste(layout.sheet, addressIn(grown, 250, "idno"), [[rosterIdNo(250)]]);
      await vi.waitFor(() => expect(wb.sheet(layout.sheet)!.marks.size).toBe(0), { timeout: 20_000 });
    },
  );

  it("adds rows on request (增加行) so a long block can be pasted, and saves every pasted row", async () => {
    const { server, open } = setup();
    const { session, workbook } = await open();
    const wb = workbook as MemoryWorkbook;
    await session.addRows("roster", 150);
    expect(rowsOf(session)).toBe(200);
    const block = Array.from({ length: 120 }, (_, i) => Object.values(rosterRow(i + 1)));
    wb.paste(layout.sheet, addressIn(session.layout, 1, "name"), block);
    await vi.waitFor(() => expect(session.state().summary.entries.some((e) => e.cell === "total_persons")).toBe(true));
    await settled(session);
    expect(server.value("roster.r0120.phone")).toBe(rosterRow(120).phone);
    expect(rowsOf(session)).toBe(200);
  });

  it("reconnects to a sheet whose roster grew earlier, and makes room for rows queued offline on a fresh sheet", async () => {
    const { server, open } = setup();
    const first = await open();
    await settled(first.session);
    server.up = false;
    await first.session.addRows("roster", 100);
    const wb = first.workbook as MemoryWorkbook;
    wb.paste(layout.sheet, addressIn(first.session.layout, 120, "name"), [["叶梓轩"]]);
    await vi.waitFor(() => expect(first.session.state().sync.label).toMatch(/^离线/));
    await first.session.dispose();

    // The pane reloads over the same workbook: the sheet keeps its 170 rows.
    const again = await open(wb);
    expect(again.reopened).toBe(true);
    expect(again.session.layout.rosters[0]?.rowCount).toBe(170);
    await again.session.dispose();

    // A fresh workbook (the preview after a page reload): the queued row 120 still has a place.
    const fresh = await open();
    expect(fresh.reopened).toBe(false);
    expect((await fresh.workbook.readValues(layout.sheet))["roster.r0120.name"]).toBe("叶梓轩");
    server.up = true;
    await fresh.session.online();
    await settled(fresh.session);
    expect(server.value("roster.r0120.name")).toBe("叶梓轩");
  });

  it("says so in the pane when this Excel cannot grow a roster, and still saves what was typed", async () => {
    // Microsoft 365 Version 2008-era Excel: ExcelApi 1.10, no Table.resize.
    const excel = createStrictExcel("windows-1.10");
    const { server, open } = setup();
    const { session } = await open(new OfficeWorkbook(excel.host));
    await session.sheetChanged({ "roster.r0050.name": "汪子涵" });
    expect(session.state().verdict?.text).toContain("不能为名册增加行");
    expect(rowsOf(session)).toBe(50);
    await settled(session);
    expect(server.value("roster.r0050.name")).toBe("汪子涵");
  });
});

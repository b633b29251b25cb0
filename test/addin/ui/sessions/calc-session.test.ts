/**
 * Computed items in an open form (memory workbook, fake server): the sheet
 * computes them (formulas) or the pane writes the engine's value (no formula),
 * nothing computed is ever queued for the server, and what the server says
 * about a computed item never replaces a formula.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildLayout, type SheetLayout } from "../../../../schemas/layout/form/layout";
import { MemoryWorkbook } from "../../../../addin/memory/memory-workbook";
import { createApiClient } from "../../../../addin/sync/api-client";
import { MemoryStore } from "../../../../addin/sync/storage";
import { FormSession } from "../../../../addin/ui/sessions/form-session";
import { CALC } from "../../../schemas/fixtures/calc";
import { FakeServer } from "../../sync/fake-server";

const layout = buildLayout(CALC, { rosterRows: 10 });
const opened: FormSession[] = [];

afterEach(async () => {
  for (const s of opened.splice(0)) await s.dispose();
});

async function open(server = new FakeServer("calc-1", "hs-tunxi")) {
  const api = createApiClient({ fetch: server.fetch, token: () => server.token, baseUrl: "https://pane.test/api/v1" });
  const workbook = new MemoryWorkbook();
  const { session } = await FormSession.open({
    template: CALC,
    layout,
    workbook,
    api,
    store: new MemoryStore(),
    round: server.round,
    unit: server.unit,
    debounceMs: 5,
    retry: { initialMs: 5, maxMs: 20 },
  });
  opened.push(session);
  return { server, session, wb: workbook };
}

const addressOf = (l: SheetLayout, key: string) => l.cells.find((c) => c.key === key)?.address as string;
const rosterAddress = (l: SheetLayout, row: number, col: string) => {
  const roster = l.rosters[0]!;
  const c = roster.columns.find((x) => x.key === col)!;
  return `${String.fromCharCode(64 + c.col)}${roster.firstRow + row - 1}`;
};
const settled = (session: FormSession) =>
  vi.waitFor(() => expect(session.state().sync.label).toBe("已保存"), { timeout: 5000 });
const sentCells = (server: FakeServer) =>
  server.requests.flatMap((r) => ((r.body as { changes?: { cell: string }[] })?.changes ?? []).map((c) => c.cell));

describe("computed items in an open form", () => {
  it("shows them as the roster fills, writes the engine's value where no formula computes it, and never sends them", async () => {
    const { server, session, wb } = await open();
    const shown = (key: string) => wb.sheet(layout.sheet)?.values.get(addressOf(layout, key));
    wb.paste(layout.sheet, rosterAddress(layout, 1, "name"), [
      ["张三", "省总经费", "2000"],
      ["李四", "其他", "1001"],
    ]);
    await vi.waitFor(() => expect(shown("average")).toBe(1500.5));
    expect([shown("persons"), shown("amount"), shown("prov_persons"), shown("prov_amount")]).toEqual([
      2, 3001, 1, 2000,
    ]);
    await vi.waitFor(() => expect(server.value("students.r0002.amount")).toBe("1001"));
    await settled(session);
    const sent = sentCells(server);
    expect(sent.length).toBeGreaterThan(0);
    for (const key of ["persons", "amount", "prov_persons", "prov_amount", "average"]) expect(sent).not.toContain(key);
  });

  it("re-reads the sheet without taking a computed cell for the clerk's edit", async () => {
    const { server, session, wb } = await open();
    wb.paste(layout.sheet, rosterAddress(layout, 1, "name"), [["张三", "其他", "100"]]);
    await vi.waitFor(() => expect(server.value("students.r0001.amount")).toBe("100"));
    await settled(session);
    const saves = () => server.requests.filter((r) => r.method === "PATCH").length;
    const before = saves();
    await session.recheck();
    await settled(session);
    expect(saves()).toBe(before);
    expect(session.state().summary.errors).toBe(0);
  });

  it("takes the server's rows, computes from them, and keeps the formulas", async () => {
    const server = new FakeServer("calc-1", "hs-tunxi");
    // As the Worker stores them: the rows and the computed items it derived.
    server.fields = {
      "students.r0001.name": "王五",
      "students.r0001.amount": "300",
      persons: "1",
      amount: "300",
      average: "300",
    };
    server.version = 1;
    const { wb, session } = await open(server);
    const shown = (key: string) => wb.sheet(layout.sheet)?.values.get(addressOf(layout, key));
    await vi.waitFor(() => expect(shown("persons")).toBe(1));
    expect(shown("average")).toBe(300);
    server.otherSaves({ "students.r0002.name": "赵六", "students.r0002.amount": "100", persons: "2", amount: "400" });
    await session.regainFocus();
    await vi.waitFor(() => expect(shown("average")).toBe(200));
    expect([shown("persons"), shown("amount")]).toEqual([2, 400]);
  });
});

/**
 * Issue 12: the pane's lasting store (localStorage) never holds a 身份证号 the
 * clerk typed; it waits in the volatile store (sessionStorage) while it is not
 * sent, and is gone from it once the server acknowledged it. Memory workbook and
 * fake server, the 黄山 助学名册 whose `idno` column is sensitive by default.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildLayout } from "../../../../schemas/layout/form/layout";
import { MemoryWorkbook } from "../../../../addin/memory/memory-workbook";
import { createApiClient } from "../../../../addin/sync/api-client";
import { MemoryStore } from "../../../../addin/sync/storage";
import { FormSession } from "../../../../addin/ui/sessions/form-session";
import { sensitiveFields } from "../../../../addin/ui/sessions/sensitive-fields";
import { huangshanRoster } from "../../../schemas/fixtures/templates";
import { rosterIdNo } from "../../roster-fixture";
import { FakeServer } from "../../sync/fake-server";

const template = huangshanRoster();
const layout = buildLayout(template, { unitName: "屯溪区总工会" });
const opened: FormSession[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.dispose();
});

function setup() {
  const server = new FakeServer("hs-2022-roster", "hs-tunxi");
  const store = new MemoryStore();
  const volatile = new MemoryStore();
  const api = createApiClient({ fetch: server.fetch, token: () => server.token, baseUrl: "https://pane.test/api/v1" });
  const workbook = new MemoryWorkbook();
  const open = async () => {
    const { session } = await FormSession.open({
      template,
      layout,
      workbook,
      api,
      store,
      volatile,
      round: server.round,
      unit: server.unit,
      debounceMs: 5,
      retry: { initialMs: 5, maxMs: 20 },
    });
    opened.push(session);
    return session;
  };
  const lasting = () =>
    store
      .keys()
      .map((k) => store.get(k) ?? "")
      .join("\n");
  const address = (col: string) => {
    const roster = layout.rosters[0]!;
    const c = roster.columns.find((x) => x.key === col)!;
    return `${String.fromCharCode(64 + c.col)}${roster.firstRow}`;
  };
  return { server, store, volatile, workbook, open, lasting, address };
}

describe("sensitive values in the pane's outbox", () => {
  it("knows the template's sensitive fields: the roster's 身份证号, not the name", () => {
    const sensitive = sensitiveFields(template);
    expect(sensitive("roster.r0001.idno")).toBe(true);
    expect(sensitive("roster.r0001.name")).toBe(false);
    expect(sensitive("header.reporter")).toBe(false);
    expect(sensitive("nothing.here")).toBe(false);
  });

  it("keeps a typed 身份证号 out of localStorage, in sessionStorage until acknowledged, then nowhere", async () => {
    const { server, volatile, workbook, open, lasting, address } = setup();
    const session = await open();
    await vi.waitFor(() => expect(session.state().sync.label).toBe("已保存"));
    const id = rosterIdNo(7);
    server.up = false;
    expect(workbook.type(layout.sheet, address("name"), "汪子涵").ok).toBe(true);
    expect(workbook.type(layout.sheet, address("idno"), id).ok).toBe(true);
    await vi.waitFor(() => expect(session.engine.pendingCount).toBe(2));
    expect(lasting()).toContain("汪子涵");
    expect(lasting()).not.toContain(id);
    expect(volatile.keys()).toHaveLength(1);
    expect(volatile.get(volatile.keys()[0]!)).toContain(id);

    server.up = true;
    await session.engine.flush();
    await vi.waitFor(() => expect(session.state().sync.label).toBe("已保存"));
    expect(server.value("roster.r0001.idno")).toBe(id);
    expect(volatile.keys()).toEqual([]);
    expect(lasting()).not.toContain(id);
    // The open form still knows it (memory), for conflicts and the rules.
    expect(session.engine.server?.fields["roster.r0001.idno"]).toBe(id);
  });
});

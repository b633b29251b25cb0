/**
 * The open form asks the workbook to reopen the pane (AutoOpen) once the form
 * is on the sheet — drawn, or found again — and never while the clerk types:
 * saving document settings clears Excel's undo history (OfficeDev/office-js #3141).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import type { AutoOpen } from "../../../../addin/sheet/auto-open";
import { MemoryWorkbook } from "../../../../addin/memory/memory-workbook";
import { createApiClient } from "../../../../addin/sync/api-client";
import { MemoryStore } from "../../../../addin/sync/storage";
import { FormSession } from "../../../../addin/ui/sessions/form-session";
import { buildLayout } from "../../../../schemas/layout/form/layout";
import { shanghaiJqzx } from "../../../schemas/fixtures/templates";
import { FakeServer } from "../../sync/fake-server";

const template = shanghaiJqzx();
const layout = buildLayout(template, { unitName: "黄浦区总工会" });
const address = (key: string) => layout.cells.find((c) => c.key === key)?.address as string;
const opened: FormSession[] = [];

afterEach(async () => {
  for (const s of opened.splice(0)) await s.dispose();
});

function counting(): AutoOpen & { calls: number } {
  return {
    calls: 0,
    async tagWorkbook() {
      this.calls++;
    },
  };
}

async function open(
  workbook: MemoryWorkbook,
  autoOpen: AutoOpen,
  server = new FakeServer("sh-2014-jqzx", "sh-huangpu"),
) {
  const api = createApiClient({ fetch: server.fetch, token: () => server.token, baseUrl: "https://pane.test/api/v1" });
  const { session } = await FormSession.open({
    template,
    layout,
    workbook,
    api,
    store: new MemoryStore(),
    round: server.round,
    unit: server.unit,
    autoOpen,
    debounceMs: 5,
    retry: { initialMs: 5, maxMs: 20 },
  });
  opened.push(session);
  return session;
}

describe("reopening the pane with the workbook", () => {
  it("tags the workbook once when the form is drawn, and not again while the clerk types and it saves", async () => {
    const workbook = new MemoryWorkbook();
    const autoOpen = counting();
    const session = await open(workbook, autoOpen);
    expect(autoOpen.calls).toBe(1);
    for (const [key, value] of [
      ["raised", "82.5"],
      ["raised_social", "30"],
      ["posts", "120"],
    ] as const) {
      expect(workbook.type(layout.sheet, address(key), value).ok).toBe(true);
    }
    await vi.waitFor(() => expect(session.state().sync.label).toBe("已保存"), { timeout: 2000 });
    expect(autoOpen.calls).toBe(1);
  });

  it("tags a workbook whose form was drawn before (the pane reconnects to it)", async () => {
    const workbook = new MemoryWorkbook();
    await open(workbook, counting());
    const again = counting();
    await open(workbook, again);
    expect(again.calls).toBe(1);
  });

  it("opens the form even when tagging fails", async () => {
    const workbook = new MemoryWorkbook();
    await open(workbook, { tagWorkbook: () => Promise.reject(new Error("settings")) });
    expect(await workbook.hasSheet(layout.sheet)).toBe(true);
  });
});

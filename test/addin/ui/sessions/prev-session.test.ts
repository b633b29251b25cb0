/**
 * Rules that compare with last round (prev()) in an open form: the pane's
 * Validator gets the previous values the server's GET of the report carries,
 * so the live check marks what the server's check on save and submit finds.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { MemoryWorkbook } from "../../../../addin/memory/memory-workbook";
import { createApiClient } from "../../../../addin/sync/api-client";
import { MemoryStore } from "../../../../addin/sync/storage";
import { FormSession } from "../../../../addin/ui/sessions/form-session";
import { checkTemplate } from "../../../../schemas/check";
import { buildLayout } from "../../../../schemas/layout/form/layout";
import { shanghaiJqzx } from "../../../schemas/fixtures/templates";
import { FakeServer } from "../../sync/fake-server";

const checked = checkTemplate({
  ...shanghaiJqzx(),
  rules: [
    ...shanghaiJqzx().rules,
    {
      id: "growth",
      expr: "raised <= prev(raised) * 1.5",
      severity: "warning",
      message: "比上年 {prev(raised)} 万元增长超过 50%",
    },
  ],
});
if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
const template = checked.template;
const layout = buildLayout(template, { unitName: "黄浦区总工会" });
const address = (key: string) => layout.cells.find((c) => c.key === key)?.address as string;
const opened: FormSession[] = [];

afterEach(async () => {
  for (const s of opened.splice(0)) await s.dispose();
});

async function open(server: FakeServer) {
  const api = createApiClient({ fetch: server.fetch, token: () => server.token, baseUrl: "https://pane.test/api/v1" });
  const workbook = new MemoryWorkbook();
  const { session } = await FormSession.open({
    template,
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
  return { session, workbook };
}

const growth = (s: FormSession) => s.state().summary.entries.find((e) => e.id === "growth");

describe("prev() in the pane", () => {
  it("checks against last round's values from the server, and marks the cell", async () => {
    const server = new FakeServer("sh-2015-jqzx", "sh-huangpu");
    server.previous = { raised: "10" };
    const { session, workbook } = await open(server);
    workbook.paste(layout.sheet, address("raised"), [["16"]]);
    await vi.waitFor(() => expect(growth(session)?.message).toBe("比上年 10 万元增长超过 50%"));
    await vi.waitFor(() =>
      expect(workbook.sheet(layout.sheet)?.marks.get(address("raised"))?.note).toContain("增长超过 50%"),
    );
    expect(workbook.type(layout.sheet, address("raised"), "15").ok).toBe(true);
    await vi.waitFor(() => expect(growth(session)).toBeUndefined());
  });

  it("does not fire without last round's values", async () => {
    const server = new FakeServer("sh-2015-jqzx", "sh-huangpu");
    server.previous = {};
    const { session, workbook } = await open(server);
    workbook.paste(layout.sheet, address("raised"), [["16"]]);
    await vi.waitFor(() => expect(session.state().summary.entries.some((e) => e.id === "parts:raised")).toBe(true));
    expect(growth(session)).toBeUndefined();
  });
});

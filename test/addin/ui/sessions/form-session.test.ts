/**
 * The open form without a DOM: the memory workbook stands in for Excel and the
 * sync tests' fake server for the Worker. What the clerk types ends up checked,
 * marked, normalised in the sheet and saved once; offline edits survive a reload.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { createApiClient } from "../../../../addin/sync/api-client";
import { MemoryStore } from "../../../../addin/sync/storage";
import { buildLayout } from "../../../../schemas/layout/form/layout";
import { MemoryWorkbook } from "../../../../addin/memory/memory-workbook";
import { FormSession } from "../../../../addin/ui/sessions/form-session";
import { SH_2014_JQZX_VALUES } from "../../../schemas/fixtures/filled";
import { shanghaiJqzx } from "../../../schemas/fixtures/templates";
import { FakeServer } from "../../sync/fake-server";

const template = shanghaiJqzx();
const layout = buildLayout(template, { unitName: "黄浦区总工会" });
const opened: FormSession[] = [];

function setup(
  server = new FakeServer("sh-2014-jqzx", "sh-huangpu"),
  store = new MemoryStore(),
  workbook = new MemoryWorkbook(),
) {
  const api = createApiClient({ fetch: server.fetch, token: () => server.token, baseUrl: "https://pane.test/api/v1" });
  const open = async () => {
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
    return { session, reopened };
  };
  return { server, store, workbook, open };
}

afterEach(async () => {
  for (const s of opened.splice(0)) await s.dispose();
});

const address = (key: string) => layout.cells.find((c) => c.key === key)?.address as string;
const sheet = (wb: MemoryWorkbook) => wb.sheet(layout.sheet)!;
const patches = (server: FakeServer) => server.requests.filter((r) => r.method === "PATCH");
const settled = (session: FormSession) =>
  vi.waitFor(() => expect(session.state().sync.label).toBe("已保存"), { timeout: 2000 });

describe("the live check on the sheet", () => {
  it("marks a pasted block whose parts do not add up, and clears the marks when fixed", async () => {
    const { workbook, open } = setup();
    const { session, reopened } = await open();
    expect(reopened).toBe(false);
    workbook.paste(layout.sheet, address("raised"), [["82.5"], ["30"], ["23.5"], ["30"]]);
    await vi.waitFor(() => expect(session.state().summary.entries.some((e) => e.id === "parts:raised")).toBe(true));
    await vi.waitFor(() => expect(sheet(workbook).marks.get(address("raised_social"))?.severity).toBe("error"));
    expect(sheet(workbook).marks.get(address("raised_social"))?.note).toContain("【错误】");
    expect(session.state().submitBlock).toMatch(/^还有 \d+ 个错误/);

    expect(workbook.type(layout.sheet, address("raised_social"), "22.5").ok).toBe(true);
    await vi.waitFor(() => expect(session.state().summary.entries.some((e) => e.id === "parts:raised")).toBe(false));
    await vi.waitFor(() => expect(sheet(workbook).marks.has(address("raised_social"))).toBe(false));
  });

  it("writes normalised values back (full-width digits, thousands separators) and saves the canonical text", async () => {
    const { server, workbook, open } = setup();
    const { session } = await open();
    workbook.paste(layout.sheet, address("raised"), [["８２．５"]]);
    workbook.paste(layout.sheet, address("enrolled"), [["1,260"]]);
    await vi.waitFor(() => expect(sheet(workbook).values.get(address("raised"))).toBe(82.5));
    await settled(session);
    expect(server.value("raised")).toBe("82.5");
    expect(server.value("enrolled")).toBe("1260");
    expect(sheet(workbook).values.get(address("enrolled"))).toBe(1260);
  });

  it("saves a burst of edits as one cell-level PATCH with base version and Idempotency-Key", async () => {
    const { server, workbook, open } = setup();
    const { session } = await open();
    await settled(session);
    workbook.type(layout.sheet, address("raised"), "82.5");
    workbook.type(layout.sheet, address("raised_gov"), "30");
    await vi.waitFor(() => expect(patches(server)).toHaveLength(1));
    await settled(session);
    const [patch] = patches(server);
    expect(patches(server)).toHaveLength(1);
    expect(patch?.headers["if-match"]).toBe('"0"');
    expect(patch?.headers["idempotency-key"]).toBeTruthy();
    expect(patch?.body).toEqual({
      baseVersion: 0,
      changes: [
        { cell: "raised", value: "82.5" },
        { cell: "raised_gov", value: "30" },
      ],
      explanations: {},
    });
  });

  it("keeps unreadable text in the sheet with an error but does not send it", async () => {
    const { server, workbook, open } = setup();
    const { session } = await open();
    workbook.paste(layout.sheet, address("raised"), [["12a"]]);
    await vi.waitFor(() => expect(session.state().summary.entries.some((e) => e.id === "type:raised")).toBe(true));
    await settled(session);
    expect(patches(server)).toHaveLength(0);
    expect(sheet(workbook).values.get(address("raised"))).toBe("12a");
  });
});

describe("offline and reconnecting", () => {
  it("keeps offline edits across a reload, shows them in a fresh sheet and sends them once", async () => {
    const { server, store, workbook, open } = setup();
    const first = (await open()).session;
    await settled(first);
    server.up = false;
    workbook.type(layout.sheet, address("raised"), "82.5");
    workbook.type(layout.sheet, address("posts"), "48");
    await vi.waitFor(() => expect(first.state().sync.label).toBe("离线（2 项待同步）"));
    await first.dispose();

    // The pane reloads over an empty workbook (the preview after a page reload).
    const again = setup(server, store);
    const { session, reopened } = await again.open();
    expect(reopened).toBe(false);
    expect(sheet(again.workbook).values.get(address("raised"))).toBe(82.5);
    expect(sheet(again.workbook).values.get(address("posts"))).toBe(48);
    server.up = true;
    await session.online();
    await settled(session);
    expect(server.value("raised")).toBe("82.5");
    expect(server.value("posts")).toBe("48");
    expect([...server.applications.values()].every((n) => n === 1)).toBe(true);
  });

  it("reconnects to a sheet that already holds the form and queues what was typed while the pane was closed", async () => {
    const { server, store, workbook, open } = setup();
    const first = (await open()).session;
    await settled(first);
    await first.dispose();
    workbook.paste(layout.sheet, address("posts"), [["48"]]);
    const { session, reopened } = await setup(server, store, workbook).open();
    expect(reopened).toBe(true);
    await settled(session);
    expect(server.value("posts")).toBe("48");
  });

  it("shows a conflict instead of overwriting, and puts theirs in the sheet when picked", async () => {
    const { server, workbook, open } = setup();
    const { session } = await open();
    await settled(session);
    server.otherSaves({ raised: "90" });
    workbook.type(layout.sheet, address("raised"), "82.5");
    await vi.waitFor(() => expect(session.state().sync.state.kind).toBe("conflict"));
    expect(server.value("raised")).toBe("90");
    expect(session.describe("raised")).toContain("共筹集资金");
    session.resolve({ raised: "theirs" });
    await settled(session);
    expect(sheet(workbook).values.get(address("raised"))).toBe(90);
    expect(server.value("raised")).toBe("90");
  });
});

describe("submit", () => {
  const fill = async (workbook: MemoryWorkbook, values: Record<string, string>) => {
    for (const [key, value] of Object.entries(values)) workbook.paste(layout.sheet, address(key), [[value]]);
  };

  it("is blocked by errors, needs 上报说明 for warnings, then goes through and the form turns read-only", async () => {
    const { server, workbook, open } = setup();
    const { session } = await open();
    await session.submit();
    expect(session.state().verdict?.text).toMatch(/^还有 \d+ 个错误/);
    expect(server.requests.some((r) => r.path.endsWith("/submit"))).toBe(false);

    await fill(workbook, { ...SH_2014_JQZX_VALUES, granted: "90", granted_college: "47.2" });
    await vi.waitFor(() => expect(session.state().summary.errors).toBe(0));
    expect(session.state().summary.unexplained).toBe(1);
    expect(session.state().submitBlock).toContain("上报说明");
    session.explain("granted-vs-raised", "含往年结余资金");
    expect(session.state().submitBlock).toBeNull();

    await session.submit();
    expect(session.state().verdict).toMatchObject({ tone: "ok" });
    expect(session.state().status).toBe("submitted");
    expect(server.value("note:granted-vs-raised")).toBe("含往年结余资金");
    expect(session.state().editable).toBe(false);

    // An edit after submit is put back, not queued.
    workbook.type(layout.sheet, address("posts"), "50");
    await vi.waitFor(() => expect(sheet(workbook).values.get(address("posts"))).toBe(48));
    expect(session.state().verdict?.text).toContain("不能修改");
  });

  it("maps the server's 422 problems back to cells", async () => {
    const server = new FakeServer("sh-2014-jqzx", "sh-huangpu");
    server.check = () => [
      { id: "server-only", ruleId: "server-only", severity: "error", cells: ["posts"], message: "服务器发现的问题" },
    ];
    const { workbook, open } = setup(server);
    const { session } = await open();
    await fill(workbook, SH_2014_JQZX_VALUES);
    await vi.waitFor(() => expect(session.state().summary.errors).toBe(0));
    await session.submit();
    const state = session.state();
    expect(state.verdict?.tone).toBe("error");
    expect(state.summary.entries.find((e) => e.id === "server-only")?.source).toBe("server");
    await vi.waitFor(() => expect(sheet(workbook).marks.get(address("posts"))?.note).toContain("服务器发现的问题"));
  });
});

describe("blank required cells before the first 上报", () => {
  const required = (s: FormSession) => s.state().summary.entries.filter((e) => e.ruleId === "required");

  it("are a neutral 待填 count, not red 错误, while wrong values are errors at once", async () => {
    const { workbook, open } = setup();
    const { session } = await open();
    await settled(session);
    const untouched = session.state();
    expect(untouched.summary).toMatchObject({ errors: 0, warnings: 0, entries: [] });
    expect(untouched.summary.toFill).toBeGreaterThanOrEqual(3);
    expect(untouched.submitBlock).toBeNull();
    expect(sheet(workbook).marks.size).toBe(0);

    workbook.paste(layout.sheet, address("raised"), [["12a"]]);
    await vi.waitFor(() => expect(sheet(workbook).marks.get(address("raised"))?.severity).toBe("error"));
    expect(session.state().summary).toMatchObject({ errors: 1, toFill: untouched.summary.toFill - 1 });
    expect(sheet(workbook).marks.has(address("header.reporter"))).toBe(false);
  });

  it("become errors, marked red, on the first 上报; the Worker is not asked; a reload of the pane keeps them so", async () => {
    const { server, store, workbook, open } = setup();
    const first = (await open()).session;
    await settled(first);
    const toFill = first.state().summary.toFill;
    await first.submit();
    expect(first.state().verdict?.text).toMatch(/^还有 \d+ 个错误，改正后才能上报。例如：.*为必填项$/);
    expect(required(first)).toHaveLength(toFill);
    expect(first.state().summary).toMatchObject({ errors: toFill, toFill: 0 });
    await vi.waitFor(() => expect(sheet(workbook).marks.get(address("header.reporter"))?.severity).toBe("error"));
    expect(sheet(workbook).marks.get(address("header.reporter"))?.note).toContain("为必填项");
    expect(server.requests.some((r) => r.path.endsWith("/submit"))).toBe(false);
    await first.dispose();

    const again = setup(server, store);
    const { session } = await again.open();
    expect(required(session)).toHaveLength(toFill);
    await vi.waitFor(() => expect(sheet(again.workbook).marks.get(address("header.reporter"))?.severity).toBe("error"));
  });
});

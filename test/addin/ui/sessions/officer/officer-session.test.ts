/**
 * The officer's open round without a DOM: the preview's memory workbooks stand
 * in for Excel and a fake Worker for the API. Consolidation → sheets; the change
 * feed → one refresh that writes only what changed; drill-down; return and
 * approve with If-Match; zh-CN messages for failures.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import type { OfficerWorkbook } from "../../../../../addin/sheet/officer-workbook";
import { consolidatedLayout } from "../../../../../schemas/layout/officer/consolidated-sheet";
import { MemoryWorkbook } from "../../../../../addin/memory/memory-workbook";
import { MemoryOfficerWorkbook } from "../../../../../addin/memory/officer-memory";
import { createApiClient } from "../../../../../addin/sync/api-client";
import { OfficerSession } from "../../../../../addin/ui/sessions/officer/officer-session";
import { SH_2014_JQZX_VALUES } from "../../../../schemas/fixtures/filled";
import { shanghaiJqzx } from "../../../../schemas/fixtures/templates";
import { FakeOfficerServer, ROUND } from "./officer-fake-server";

const template = shanghaiJqzx();
const NOTE = "含2013年结余资金7.5万元";
const HUANGPU = { ...SH_2014_JQZX_VALUES, granted: "90", granted_college: "47.2" };
const XUHUI = Object.fromEntries(
  Object.entries(SH_2014_JQZX_VALUES).map(([k, v]) => [k, k.startsWith("header.") ? v : String(Number(v) * 2)]),
);
const opened: OfficerSession[] = [];

/** Counts what reaches the workbook: a live refresh must be one `refresh` and no render. */
class CountingSheets implements OfficerWorkbook {
  readonly calls: string[] = [];
  constructor(readonly inner: MemoryOfficerWorkbook) {}
  renderStatus: OfficerWorkbook["renderStatus"] = (...a) => (
    this.calls.push("renderStatus"),
    this.inner.renderStatus(...a)
  );
  renderConsolidated: OfficerWorkbook["renderConsolidated"] = (...a) => (
    this.calls.push("renderConsolidated"),
    this.inner.renderConsolidated(...a)
  );
  renderMatrix: OfficerWorkbook["renderMatrix"] = (...a) => (
    this.calls.push("renderMatrix"),
    this.inner.renderMatrix(...a)
  );
  refreshMatrix: OfficerWorkbook["refreshMatrix"] = (...a) => (
    this.calls.push("refreshMatrix"),
    this.inner.refreshMatrix(...a)
  );
  refresh: OfficerWorkbook["refresh"] = (...a) => (this.calls.push("refresh"), this.inner.refresh(...a));
  renderCharts: OfficerWorkbook["renderCharts"] = (...a) => (
    this.calls.push("renderCharts"),
    this.inner.renderCharts(...a)
  );
}

async function setup(prepare: (server: FakeOfficerServer) => void = () => undefined, node = "sh") {
  const server = new FakeOfficerServer(template);
  prepare(server);
  const forms = new MemoryWorkbook();
  const sheets = new CountingSheets(new MemoryOfficerWorkbook(forms));
  const api = createApiClient({ fetch: server.fetch, token: () => "hb_test", baseUrl: "https://pane.test/api/v1" });
  let clock = Date.parse("2014-09-02T03:00:00Z");
  const session = await OfficerSession.open({
    api,
    sheets,
    forms,
    round: ROUND,
    template,
    tree: server.tree(),
    node,
    now: () => new Date((clock += 1000)),
    poll: { minMs: 10, maxMs: 40 },
  });
  opened.push(session);
  return { server, forms, sheets, session };
}

afterEach(async () => {
  for (const s of opened.splice(0)) await s.dispose();
});

const layout = consolidatedLayout(template, "上海市总工会");
const at = (key: string) => layout.cells.find((c) => c.key === key)?.address as string;

describe("OfficerSession", () => {
  it("draws the status, matrix and consolidated sheets with exact totals, units in tree order", async () => {
    const { session, forms, sheets } = await setup((s) => {
      s.submit("sh-huangpu", HUANGPU, { "granted-vs-raised": NOTE });
      s.submit("sh-xuhui", XUHUI);
    });
    expect(sheets.calls).toEqual(["renderStatus", "renderMatrix", "renderConsolidated", "renderCharts"]);
    const c = forms.sheet(layout.sheet);
    expect(c?.values.get(at("raised"))).toBe(82.5 + 165);
    expect(c?.values.get(at("granted"))).toBe(90 + 153.6);
    // 黄浦's 上报说明 sits on the cell of the warning it explains, although the totals do not fire it.
    expect(sheets.inner.model(layout.sheet)?.notes.get(at("granted"))).toContain(`【上报说明】黄浦区总工会：${NOTE}`);
    const s = session.state();
    expect(s.units.map((u) => u.code)).toEqual(["sh-huangpu", "sh-xuhui", "sh-ju-jiaoyu"]);
    expect(s.units.map((u) => [u.status, u.late, u.version])).toEqual([
      ["submitted", true, 2],
      ["submitted", true, 2],
      ["draft", true, 0],
    ]);
    expect(s.stamp).toMatch(/^最后更新：2014-09-02 11:00:0\d$/);
    expect(s.nodes.map((n) => n.code)).toEqual(["sh", "sh-ju"]);
    expect(s.chart.items[0]?.cell).toBe("raised");
  });

  it("refreshes live from the change feed with one workbook call, however many units changed", async () => {
    const { server, sheets, session, forms } = await setup();
    sheets.calls.length = 0;
    const before = session.state().stamp;
    server.submit("sh-huangpu", HUANGPU, { "granted-vs-raised": NOTE });
    server.submit("sh-xuhui", XUHUI);
    server.submit("sh-ju-jiaoyu", SH_2014_JQZX_VALUES);
    await vi.waitFor(() => expect(session.state().units.every((u) => u.status === "submitted")).toBe(true), {
      timeout: 2000,
    });
    expect(sheets.calls).toEqual(["refresh"]);
    expect(forms.sheet(layout.sheet)?.values.get(at("raised"))).toBe(82.5 * 4);
    expect(session.state().stamp).not.toBe(before);
  });

  it("consolidates a branch node with its own sub-units", async () => {
    const { session, forms } = await setup((s) => {
      s.submit("sh-huangpu", HUANGPU);
      s.submit("sh-ju-jiaoyu", SH_2014_JQZX_VALUES);
    });
    await session.setNode("sh-ju");
    const s = session.state();
    expect(s.node).toEqual({ code: "sh-ju", name: "局(产业)工会" });
    expect(s.units.map((u) => u.code)).toEqual(["sh-ju-jiaoyu"]);
    expect(forms.sheet(consolidatedLayout(template, "局(产业)工会").sheet)?.values.get(at("raised"))).toBe(82.5);
  });

  it("returns a report only with a reason, sending the version the officer saw", async () => {
    const { server, session } = await setup((s) => s.submit("sh-huangpu", HUANGPU, { "granted-vs-raised": NOTE }));
    expect(await session.returnUnit("sh-huangpu", "  ")).toBe(false);
    expect(session.state().message).toEqual({ tone: "error", text: "退回必须填写原因，填报单位会看到这段话" });
    expect(server.requests.some((r) => r.path.endsWith("/return"))).toBe(false);

    expect(await session.returnUnit("sh-huangpu", "请核对第 2 项")).toBe(true);
    const sent = server.requests.find((r) => r.path.endsWith("/return"));
    expect(sent?.headers["if-match"]).toBe('"2"');
    expect(sent?.body).toEqual({ reason: "请核对第 2 项" });
    expect(server.unit("sh-huangpu").returnReason).toBe("请核对第 2 项");
    expect(session.state().units[0]?.status).toBe("returned");
    expect(session.state().message?.text).toBe("已退回「黄浦区总工会」，原因已转给填报单位");
  });

  it("says so in zh-CN when the report moved on since the officer looked (412), and refreshes", async () => {
    const { server, session } = await setup((s) => s.submit("sh-huangpu", HUANGPU));
    server.unit("sh-huangpu").version++; // someone else acted meanwhile, unseen
    expect(await session.approve("sh-huangpu")).toBe(false);
    expect(session.state().message?.text).toContain("该单位的报表刚刚有了变化，已为您刷新");
    expect(session.state().units[0]?.version).toBe(3);
  });

  it("approves all clean reports and skips one whose warning has no 上报说明", async () => {
    const { server, session } = await setup((s) => {
      s.submit("sh-huangpu", HUANGPU); // warning without 上报说明: not clean
      s.submit("sh-xuhui", XUHUI);
      s.submit("sh-ju-jiaoyu", SH_2014_JQZX_VALUES);
    });
    const result = await session.approveAll();
    expect(result.approved).toEqual(["徐汇区总工会", "上海市教育工会"]);
    expect(result.skipped).toEqual([{ name: "黄浦区总工会", why: "报表有 1 个警告没有上报说明，请退回修改" }]);
    expect(server.unit("sh-xuhui").status).toBe("approved");
    expect(server.unit("sh-huangpu").status).toBe("submitted");
    expect(session.state().message?.tone).toBe("error");
    expect(session.state().message?.text).toMatch(
      /^已审核通过 2 家：徐汇区总工会、上海市教育工会；未审核 1 家：黄浦区总工会/,
    );
  });

  it("drills into a unit: its report read-only in its own sheet, its history newest first", async () => {
    const { session, forms } = await setup((s) => s.submit("sh-huangpu", HUANGPU, { "granted-vs-raised": NOTE }));
    await session.openUnit("sh-huangpu");
    const drill = session.state().drill;
    expect(drill?.sheet).toBe("黄浦区总工会 报表");
    expect(drill?.status).toBe("已上报（逾期）");
    expect(drill?.history.map((h) => h.what)).toEqual(["上报", "修改"]);
    expect(drill?.history[1]?.changes[0]).toMatch(/^填报人：空 → 王丽$|「.*」：空 → /);
    const sheet = forms.sheet("黄浦区总工会 报表");
    expect(forms.active).toBe("黄浦区总工会 报表");
    expect(sheet?.layout.cells.every((c) => c.locked)).toBe(true);
    const granted = sheet?.layout.cells.find((c) => c.key === "granted")?.address as string;
    expect(sheet?.values.get(granted)).toBe(90);
    expect(sheet?.marks.get(granted)?.note).toContain(`【上报说明】${NOTE}`);
  });

  it("exports the consolidation of the chosen node, with the server's file name", async () => {
    const { server, session } = await setup();
    const file = await session.exportFile("csv");
    expect(file?.filename).toBe("金秋助学-上海市总工会汇总.csv");
    expect(await file?.blob.text()).toContain("项目,合计");
    expect(server.requests.at(-1)?.path).toBe("/rounds/sh-2014-jqzx/consolidated/export.csv?unit=sh");
  });

  it("keeps the sheets and says when the server cannot be reached", async () => {
    const { server, session, sheets } = await setup();
    sheets.calls.length = 0;
    server.up = false;
    await session.refresh();
    expect(sheets.calls).toEqual([]);
    expect(session.state().message?.text).toMatch(
      /^刷新没有完成：无法连接服务器，请检查网络后重试（表中是2014-09-02 11:00:0\d的数据）$/,
    );
  });
});

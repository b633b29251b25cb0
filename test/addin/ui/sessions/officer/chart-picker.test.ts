/**
 * The officer picks the item charted per unit: through the session onto the
 * Office.js adapter (on the strict fake Excel), only the bar chart is drawn
 * again — 2 syncs, the stage chart untouched — and the choice holds through a
 * live refresh (no chart work: one read of the status sheet's keys, one write),
 * a re-render of another node, and a new session that is handed the remembered item.
 */
import { afterEach, describe, expect, it } from "vitest";
import { OfficeOfficerWorkbook } from "../../../../../addin/excel/officer-office";
import { MATRIX_SHEET } from "../../../../../schemas/layout/officer/matrix-sheet";
import { consolidatedLayout } from "../../../../../schemas/layout/officer/consolidated-sheet";
import { MemoryWorkbook } from "../../../../../addin/memory/memory-workbook";
import { createApiClient } from "../../../../../addin/sync/api-client";
import { OfficerSession } from "../../../../../addin/ui/sessions/officer/officer-session";
import { SH_2014_JQZX_VALUES } from "../../../../schemas/fixtures/filled";
import { FakeOfficerServer, ROUND } from "./officer-fake-server";
import { jqzx } from "../../../../schemas/layout/officer/fixtures";
import { createStrictExcel } from "../../../excel/strict/fake-excel";

const template = jqzx();
const opened: OfficerSession[] = [];
const CONSOLIDATED = consolidatedLayout(template, "上海市总工会").sheet;

async function setup(chartCell?: string) {
  const server = new FakeOfficerServer(template);
  server.submit("sh-huangpu", SH_2014_JQZX_VALUES);
  const excel = createStrictExcel("web-1.20");
  excel.addSheet("Sheet1");
  const remembered: string[] = [];
  const session = await OfficerSession.open({
    api: createApiClient({ fetch: server.fetch, token: () => "hb_test", baseUrl: "https://pane.test/api/v1" }),
    sheets: new OfficeOfficerWorkbook(excel.host),
    forms: new MemoryWorkbook(),
    round: ROUND,
    template,
    tree: server.tree(),
    node: "sh",
    // Polled by hand below, so the counts are the test's own.
    poll: { minMs: 3_600_000, maxMs: 3_600_000 },
    chartCell,
    onChartItem: (cell) => remembered.push(cell),
  });
  opened.push(session);
  /** Syncs per `Excel.run` of what `f` does. */
  const runsOf = async (f: () => Promise<unknown>) => {
    const before = excel.runs.length;
    await f();
    return excel.runs.slice(before);
  };
  const live = (sheet: string) => excel.sheet(sheet).charts;
  return { server, excel, session, remembered, runsOf, live };
}

afterEach(async () => {
  for (const s of opened.splice(0)) await s.dispose();
});

describe("the chart item picker", () => {
  it("offers the form's numeric items with zh-CN labels, the first charted by default", async () => {
    const { session, live } = await setup();
    const { chart } = session.state();
    expect(chart.cell).toBe("raised");
    expect(chart.items[0]).toEqual({ cell: "raised", label: "1 2014 年助学活动共筹集资金（万元）" });
    expect(chart.items.find((i) => i.cell === "aided")?.label).toBe(
      "4 2014 年助学活动中共资助困难职工和困难农民工子女（人）",
    );
    expect(live(MATRIX_SHEET).map((c) => c.title)).toEqual(["各单位「助学活动共筹集资金」（万元）"]);
  });

  it("draws only the bar chart again for the chosen item: 2 syncs, the stage chart stays", async () => {
    const { session, remembered, runsOf, live } = await setup();
    const stage = [...live(CONSOLIDATED)];
    expect(stage).toHaveLength(1);

    expect(await runsOf(() => session.setChartItem("aided"))).toEqual([2]);
    const [bar] = live(MATRIX_SHEET);
    expect(live(MATRIX_SHEET)).toHaveLength(1);
    expect(bar).toMatchObject({
      type: "BarClustered",
      source: "D17:F17",
      title: "各单位「助学活动中共资助困难职工和困难农民工子女」（人）",
    });
    // The same chart object: the stage chart was neither deleted nor drawn again.
    expect(live(CONSOLIDATED)[0]).toBe(stage[0]);
    expect(remembered).toEqual(["aided"]);
    expect(session.state().chart.cell).toBe("aided");
    expect(session.state().message?.text).toBe("已更新图表：各单位「助学活动中共资助困难职工和困难农民工子女」（人）");

    // Choosing the charted item again, or something that is not an item, draws nothing.
    expect(await runsOf(() => session.setChartItem("aided"))).toEqual([]);
    expect(await runsOf(() => session.setChartItem("header.contact"))).toEqual([]);
    expect(remembered).toEqual(["aided"]);
  });

  it("keeps the choice through a live refresh (no chart work) and a re-render", async () => {
    const { server, session, runsOf, live } = await setup();
    await session.setChartItem("aided");
    const bar = live(MATRIX_SHEET)[0];

    server.submit("sh-xuhui", SH_2014_JQZX_VALUES);
    // One Excel.run: the status sheet's keys read (the officer may have sorted it), then every write.
    expect(await runsOf(() => session.pollNow())).toEqual([2]);
    expect(live(MATRIX_SHEET)).toHaveLength(1);
    expect(live(MATRIX_SHEET)[0]).toBe(bar);

    await session.setNode("sh-ju");
    expect(live(MATRIX_SHEET).map((c) => c.title)).toEqual([
      "各单位「助学活动中共资助困难职工和困难农民工子女」（人）",
    ]);
    expect(session.state().chart.cell).toBe("aided");
  });

  it("a new session starts from the remembered item; one the form no longer has falls back to the first", async () => {
    const again = await setup("granted");
    expect(again.session.state().chart.cell).toBe("granted");
    expect(again.live(MATRIX_SHEET).map((c) => c.title)).toEqual(["各单位「助学活动共发放助学款」（万元）"]);
    const stale = await setup("no_such_item");
    expect(stale.session.state().chart.cell).toBe("raised");
  });
});

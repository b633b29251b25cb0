/**
 * The city officer in the preview, end to end against a real wrangler dev:
 * three units submit through the API at once; the officer's consolidated sheet
 * sums them, every unit is flagged late against the 2014 due date, a 上报说明
 * sits on its cell; the officer drills into one unit, returns it with a reason,
 * the filler (a second browser context) sees the reason, fixes and resubmits,
 * and the officer's sheets follow without a manual refresh; approving locks the
 * report, and a colleague's stale offline edit then gets the Worker's refusal in
 * the filler's pane.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SH_2014_JQZX_VALUES } from "../schemas/fixtures/filled";
import { cell, HUANGPU, JQZX, openRound, signIn, syncLabel, typeInto } from "./filler-steps";
import { launchChromium, startWorker, type RunningWorker } from "./harness";
import {
  call,
  consolidatedAddress,
  consolidatedSheet,
  fillAndSubmit,
  fillerToken,
  scaled,
  shownNumber,
  showTab,
  unitRow,
} from "./officer-steps";

let worker: RunningWorker;
let browser: Browser;
let officerContext: BrowserContext;
let officer: Page;
const contexts: BrowserContext[] = [];
const errors: string[] = [];

const NOTE = "含2013年结余资金7.5万元，已经区总工会批准使用";
const REASON = "第 2 项共发放助学款超过筹集资金，请核对后重报";
/** 黄浦 ×1 with a warning it explains, 徐汇 ×2, 教育工会 ×3. */
const HUANGPU_VALUES = { ...SH_2014_JQZX_VALUES, granted: "90", granted_college: "47.2" };
const XUHUI_VALUES = scaled(SH_2014_JQZX_VALUES, 2);
const JIAOYU_VALUES = scaled(SH_2014_JQZX_VALUES, 3);
const sum = (key: string, ...all: Record<string, string>[]) =>
  Math.round(all.reduce((s, v) => s + Number(v[key]), 0) * 100) / 100;

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1500, height: 900 }, acceptDownloads: true });
  contexts.push(context);
  const page = await context.newPage();
  page.on("pageerror", (e) => errors.push(e.message));
  return page;
}

beforeAll(async () => {
  [worker, browser] = await Promise.all([startWorker(), launchChromium()]);
  officer = await newPage();
  officerContext = contexts[0] as BrowserContext;
});

afterAll(async () => {
  await officer?.screenshot({ path: "/tmp/officer-last.png" }).catch(() => undefined);
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await worker?.stop();
});

describe("the city officer consolidates, drills down, returns and approves 附件1", () => {
  it("three units submit through the API in parallel", async () => {
    const xuhui = await fillerToken(worker.base, "sh-xuhui", "徐汇区总工会（测试）");
    await Promise.all([
      fillAndSubmit(worker.base, HUANGPU, JQZX, "sh-huangpu", HUANGPU_VALUES, { "granted-vs-raised": NOTE }),
      fillAndSubmit(worker.base, xuhui, JQZX, "sh-xuhui", XUHUI_VALUES),
      fillAndSubmit(worker.base, "hb_demo_filler_jiaoyu", JQZX, "sh-ju-jiaoyu", JIAOYU_VALUES),
    ]);
  });

  it("the reviewer's round list counts them against the due date", async () => {
    await officer.goto(`${worker.base}/preview.html?pollMs=1000`);
    await officer.locator(".hb-demo-tokens button", { hasText: "上海市总工会保障工作部" }).click();
    await officer.locator("#hb-sign-in").click();
    const progress = officer.locator(`[data-progress="${JQZX}"]`);
    await expect.poll(() => progress.innerText(), { timeout: 15_000 }).toContain("已上报 3 家");
    expect(await progress.innerText()).toMatch(/逾期 \d+/);
    expect(await officer.locator("#hb-who").innerText()).toContain("审核");
  });

  it("opens the round: the consolidated sheet holds the sum of the three", async () => {
    await officer.locator(`button[data-round="${JQZX}"]`).click();
    await unitRow(officer, "sh-huangpu").waitFor({ timeout: 20_000 });
    expect(await officer.locator("#hb-stamp").innerText()).toMatch(/^最后更新：\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    const tabs = await officer.locator(".xl-tab").allInnerTexts();
    expect(tabs).toEqual(expect.arrayContaining(["填报情况", "分单位明细", consolidatedSheet()]));
    await showTab(officer, consolidatedSheet());
    for (const key of ["raised", "granted", "enrolled", "aided", "posts"]) {
      expect(await shownNumber(officer, consolidatedAddress(key)), key).toBe(
        sum(key, HUANGPU_VALUES, XUHUI_VALUES, JIAOYU_VALUES),
      );
    }
  });

  it("shows the whole title and 最后更新 stamp, though they sit in a narrow column", async () => {
    const uncut = (selector: string) =>
      officer.locator(selector).evaluate((el) => el.scrollWidth <= el.clientWidth && el.clientWidth > 0);
    await showTab(officer, "分单位明细");
    expect(await uncut('td[data-address="A1"]')).toBe(true);
    expect(await uncut('td[data-address="A2"] input')).toBe(true);
    await showTab(officer, consolidatedSheet());
    expect(await uncut('td[data-address="A3"] input')).toBe(true);
  });

  it("draws the per-unit bar chart and the stage breakdown over the sheets, from the sheets' values", async () => {
    await showTab(officer, "分单位明细");
    const bar = officer.locator('figure.xl-chart[data-chart="HB_unit_bar"]');
    expect(await bar.locator("figcaption").innerText()).toBe("各单位「助学活动共筹集资金」（万元）");
    const values = await bar.locator("text.xl-chart-value").allTextContents();
    expect(values.filter((v) => v !== "—").sort()).toEqual(["165", "247.5", "82.5"]);
    expect(await bar.locator("rect.xl-bar").count()).toBe(values.length);
    await showTab(officer, consolidatedSheet());
    const stage = officer.locator('figure.xl-chart[data-chart="HB_stage"]');
    expect(await stage.locator("figcaption").innerText()).toBe("上海市总工会：助学活动共筹集资金构成");
    // 其中 各级党委政府资助 / 社会捐助 / 各级工会投入 of the three units (×1, ×2, ×3), with their shares.
    expect(await stage.locator("text.xl-chart-value").allTextContents()).toEqual([
      "180（36.4%）",
      "135（27.3%）",
      "180（36.4%）",
    ]);
  });

  it("charts the item the officer picks, and keeps it through a refresh", async () => {
    const caption = officer.locator('figure.xl-chart[data-chart="HB_unit_bar"] figcaption');
    await officer.locator("#hb-chart-item").selectOption("aided");
    await expect.poll(() => officer.locator("#hb-officer-msg").innerText()).toContain("已更新图表");
    await showTab(officer, "分单位明细");
    expect(await caption.innerText()).toBe("各单位「助学活动中共资助困难职工和困难农民工子女」（人）");
    const refreshes = () =>
      officer.evaluate(
        () =>
          (
            window as unknown as { huibiao: { app: { officer(): { counts: { refreshes: number } } } } }
          ).huibiao.app.officer().counts.refreshes,
      );
    const before = await refreshes();
    await officer.locator("#hb-refresh").click();
    await expect.poll(refreshes).toBeGreaterThan(before);
    expect(await officer.locator("#hb-chart-item").inputValue()).toBe("aided");
    expect(await caption.innerText()).toBe("各单位「助学活动中共资助困难职工和困难农民工子女」（人）");
    await officer.screenshot({ path: "/tmp/officer-chart.png" });
  });

  it("flags every submitted unit 逾期 against the 2014-09-01 due date", async () => {
    for (const unit of ["sh-huangpu", "sh-xuhui", "sh-ju-jiaoyu"]) {
      expect(await unitRow(officer, unit).getAttribute("data-status")).toBe("submitted");
      expect(await unitRow(officer, unit).getAttribute("data-late")).toBe("true");
      expect(await unitRow(officer, unit).innerText()).toContain("逾期");
    }
    expect(await officer.locator("#hb-progress").innerText()).toContain("已上报 3 家");
    await showTab(officer, "填报情况");
    // The status sheet's rows: 单位 | 状态 | 提交时间 | 是否逾期 …
    const rows = await officer
      .locator(".xl-grid tbody tr")
      .evaluateAll((trs) =>
        trs.map((tr) => Array.from(tr.querySelectorAll("td input")).map((i) => (i as HTMLInputElement).value)),
      );
    const huangpu = rows.find((r) => r[0] === "黄浦区总工会");
    expect(huangpu?.[1]).toBe("已上报");
    expect(huangpu?.[3]).toBe("是");
  });

  it("shows 黄浦's 上报说明 on its cell of the consolidated sheet", async () => {
    await showTab(officer, consolidatedSheet());
    const td = officer.locator(`td[data-address="${consolidatedAddress("granted")}"]`);
    expect(await td.getAttribute("class")).toContain("xl-has-note");
    expect(await td.locator(".xl-note").textContent()).toContain(`【上报说明】黄浦区总工会：${NOTE}`);
    await officer.screenshot({ path: "/tmp/officer-consolidated.png" });
  });

  it("drills into 黄浦 from its matrix column: a read-only sheet and its history", async () => {
    await showTab(officer, "分单位明细");
    await officer.locator("td.xl-text", { hasText: "黄浦区总工会" }).first().click();
    await expect
      .poll(() => officer.locator("#hb-drill-title").innerText(), { timeout: 10_000 })
      .toContain("黄浦区总工会");
    await expect.poll(() => officer.locator(".xl-tab-on").innerText()).toBe("黄浦区总工会 报表");
    expect(await cell(officer, "granted").inputValue()).toBe("90.00");
    expect(await cell(officer, "granted").getAttribute("readonly")).not.toBeNull();
    const history = await officer.locator("#hb-history").innerText();
    expect(history).toContain("上报");
    expect(history).toContain("修改");
    expect(history).toContain("第 1 项「2014 年助学活动共筹集资金」：空 → 82.5");
    await officer.screenshot({ path: "/tmp/officer-drill.png" });
    await showTab(officer, consolidatedSheet());
    await officer.screenshot({ path: "/tmp/officer-overview.png" });
  });

  it("returns 黄浦 with a required reason; the totals drop it", async () => {
    const row = unitRow(officer, "sh-huangpu");
    await row.locator('button[data-act="return"]').click();
    await officer.locator("#hb-return-confirm").click();
    await expect.poll(() => officer.locator("#hb-officer-msg").innerText()).toContain("退回必须填写原因");
    await officer.locator("#hb-return-reason-input").fill(REASON);
    await officer.locator("#hb-return-confirm").click();
    await expect
      .poll(() => officer.locator("#hb-officer-msg").innerText(), { timeout: 10_000 })
      .toContain("已退回「黄浦区总工会」");
    await expect.poll(() => unitRow(officer, "sh-huangpu").getAttribute("data-status")).toBe("returned");
    await showTab(officer, consolidatedSheet());
    expect(await shownNumber(officer, consolidatedAddress("granted"))).toBe(
      sum("granted", XUHUI_VALUES, JIAOYU_VALUES),
    );
  });

  let filler: Page;
  let stale: Page;
  let staleContext: BrowserContext;

  it("the filler sees the reason; a colleague's laptop opens the form too, then drops offline", async () => {
    filler = await newPage();
    await signIn(filler, worker.base);
    await openRound(filler);
    await expect.poll(() => filler.locator("#hb-return-reason").innerText(), { timeout: 10_000 }).toContain(REASON);

    stale = await newPage();
    staleContext = contexts[contexts.length - 1] as BrowserContext;
    await signIn(stale, worker.base);
    await openRound(stale);
    await expect.poll(() => syncLabel(stale)).toContain("已保存");
    await staleContext.setOffline(true);
  });

  it("the filler fixes and resubmits; the officer's sheet updates by itself", async () => {
    await typeInto(filler, "granted_college", "34");
    await typeInto(filler, "granted", "76.8");
    await expect.poll(() => syncLabel(filler), { timeout: 10_000 }).toContain("已保存");
    await filler.locator("#hb-submit").click();
    await expect.poll(() => filler.locator("#hb-verdict").innerText(), { timeout: 15_000 }).toContain("已上报");

    // No click on the officer's page: the change feed brings it.
    const expected = sum("granted", SH_2014_JQZX_VALUES, XUHUI_VALUES, JIAOYU_VALUES);
    await expect.poll(() => shownNumber(officer, consolidatedAddress("granted")), { timeout: 30_000 }).toBe(expected);
    await expect.poll(() => unitRow(officer, "sh-huangpu").getAttribute("data-status")).toBe("submitted");
    await officer.screenshot({ path: "/tmp/officer-live.png" });
  });

  it("approves 黄浦: its report turns read-only", async () => {
    await unitRow(officer, "sh-huangpu").locator('button[data-act="approve"]').click();
    await expect
      .poll(() => officer.locator("#hb-officer-msg").innerText(), { timeout: 10_000 })
      .toContain("已审核通过「黄浦区总工会」");
    await expect.poll(() => unitRow(officer, "sh-huangpu").getAttribute("data-status")).toBe("approved");
    const report = await call(worker.base, HUANGPU, "GET", `/rounds/${JQZX}/reports/sh-huangpu`);
    expect(report.body).toMatchObject({ status: "approved", editable: false });
  });

  it("the colleague's stale offline edit reaches the Worker and its refusal shows in the pane", async () => {
    await typeInto(stale, "posts", "50");
    await expect.poll(() => syncLabel(stale)).toContain("离线");
    await staleContext.setOffline(false);
    const refusal = await call(worker.base, HUANGPU, "PATCH", `/rounds/${JQZX}/reports/sh-huangpu`, {
      body: { baseVersion: 1, changes: [{ cell: "posts", value: "50" }] },
      ifMatch: 1,
    });
    expect(refusal.status).toBe(409);
    const message = (refusal.body.error as { message: string }).message;
    await stale
      .locator("#hb-sync button")
      .click()
      .catch(() => undefined);
    await expect.poll(() => syncLabel(stale), { timeout: 15_000 }).toContain(message);
    await stale.screenshot({ path: "/tmp/officer-filler-refused.png" });
    const after = await call(worker.base, HUANGPU, "GET", `/rounds/${JQZX}/reports/sh-huangpu`);
    expect((after.body.values as Record<string, string>).posts).toBe(SH_2014_JQZX_VALUES.posts);
  });

  it("consolidates the 局(产业)工会 node on its own", async () => {
    await officer.locator("#hb-node").selectOption("sh-ju");
    await expect.poll(() => officer.locator("#hb-units li").count(), { timeout: 10_000 }).toBeLessThan(20);
    expect(await unitRow(officer, "sh-huangpu").count()).toBe(0);
    expect(await unitRow(officer, "sh-ju-jiaoyu").getAttribute("data-status")).toBe("submitted");
    await showTab(officer, consolidatedSheet());
    await expect.poll(() => shownNumber(officer, consolidatedAddress("granted"))).toBe(Number(JIAOYU_VALUES.granted));
    await officer.locator("#hb-node").selectOption("sh");
    await unitRow(officer, "sh-huangpu").waitFor({ timeout: 10_000 });
  });

  it("approves the remaining clean reports at once and exports the consolidation", async () => {
    await officer.locator("#hb-approve-all").click();
    // The outcome is the units' status; the message line may already be taken by a live refresh.
    await expect
      .poll(() => unitRow(officer, "sh-xuhui").getAttribute("data-status"), { timeout: 15_000 })
      .toBe("approved");
    await expect.poll(() => unitRow(officer, "sh-ju-jiaoyu").getAttribute("data-status")).toBe("approved");
    const download = officer.waitForEvent("download");
    await officer.locator("#hb-export-csv").click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.csv$/);
    await showTab(officer, "分单位明细");
    await officer.screenshot({ path: "/tmp/officer-matrix.png" });
    expect(errors).toEqual([]);
    void officerContext;
  });
});

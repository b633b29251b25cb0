/**
 * A new filler in the preview, end to end against a real wrangler dev: sign in,
 * open Shanghai 附件1, type, paste a block with a wrong total, see the problem and
 * the mark, fix it, explain a warning, submit, and read the report back from the API.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SH_2014_JQZX_VALUES } from "../schemas/fixtures/filled";
import { launchChromium, startWorker, type RunningWorker } from "./harness";
import { cell, cellBox, openRound, pasteInto, readReport, signIn, syncLabel, typeInto } from "./filler-steps";

let worker: RunningWorker;
let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  [worker, browser] = await Promise.all([startWorker(), launchChromium()]);
  page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
  page.on("pageerror", (e) => errors.push(e.message));
});

afterAll(async () => {
  await page?.screenshot({ path: "/tmp/filler-last.png" }).catch(() => undefined);
  await browser?.close();
  await worker?.stop();
});

/** The filled values, except that 第 2 项 exceeds 第 1 项 (a warning that needs a 上报说明). */
const EXPECTED: Record<string, string> = { ...SH_2014_JQZX_VALUES, granted: "90", granted_college: "47.2" };

describe("a filler fills, fixes, explains and submits Shanghai 附件1", () => {
  it("signs in and lists my rounds with due date, days left and status", async () => {
    await signIn(page, worker.base);
    const round = page.locator('.hb-round[data-round="sh-2014-jqzx"]');
    await expect.poll(() => round.innerText()).toContain("2014年上海工会金秋助学情况统计表");
    const text = await round.innerText();
    expect(text).toContain("截止 2014-09-01");
    expect(text).toMatch(/已逾期 \d+ 天/);
    expect(text).toContain("未上报");
    expect(await page.locator("#hb-who").innerText()).toContain("黄浦区总工会");
  });

  it("opens the form: 填报单位 from /me, the sync badge shows 已保存, blank required cells only as 待填", async () => {
    await openRound(page);
    await expect.poll(() => page.locator("#sheet").innerText()).toContain("黄浦区总工会");
    await expect.poll(() => syncLabel(page)).toContain("已保存");
    // An untouched form is work to do, not a page of red 错误.
    await expect.poll(() => page.locator("#hb-counts").innerText()).toMatch(/^待填 \d+ 项$/);
    expect(await page.locator("#hb-counts").getAttribute("data-tone")).toBe("todo");
    expect(await page.locator(".hb-problem").count()).toBe(0);
    expect(await page.locator("#sheet .xl-error").count()).toBe(0);
    expect(await page.locator("#hb-submit").isDisabled()).toBe(false);
    expect(await page.locator("#hb-submit-reason").innerText()).toMatch(/还有 \d+ 项必填内容待填/);
  });

  it("the first 上报 lists the blank required cells as errors and marks them red, without asking the Worker", async () => {
    await page.locator("#hb-submit").click();
    const reporter = page.locator('.hb-problem[data-problem="required:header.reporter"]');
    await expect.poll(() => reporter.count()).toBe(1);
    expect(await reporter.getAttribute("class")).toContain("hb-error");
    expect(await reporter.innerText()).toContain("为必填项");
    await expect.poll(() => cellBox(page, "header.reporter").getAttribute("class")).toContain("xl-error");
    expect(await page.locator("#hb-verdict").innerText()).toMatch(/^还有 \d+ 个错误/);
    expect(await page.locator("#hb-counts").innerText()).toMatch(/^错误 \d+ · 警告 0$/);
    expect((await readReport(worker.base)).status).toBe("draft");
  });

  it("normalises full-width input and marks a pasted block whose parts do not add up", async () => {
    await typeInto(page, "header.reporter", EXPECTED["header.reporter"] as string);
    await typeInto(page, "header.phone", EXPECTED["header.phone"] as string);
    await pasteInto(page, "raised", "８２．５");
    await expect.poll(() => cell(page, "raised").inputValue()).toBe("82.50");
    // 30 + 23.5 + 30 ≠ 82.5
    await pasteInto(page, "raised_gov", "30\n23.5\n30");
    const problem = page.locator('.hb-problem[data-problem="parts:raised"]');
    await expect.poll(() => problem.count()).toBe(1);
    expect(await problem.getAttribute("class")).toContain("hb-error");
    await expect.poll(() => cellBox(page, "raised_social").getAttribute("class")).toContain("xl-error");
    expect(await cellBox(page, "raised_social").locator(".xl-note").innerText()).toContain("【错误】");
    expect(await page.locator("#hb-counts").innerText()).toMatch(/错误 \d+/);
    // Errors block submit and the pane says which.
    expect(await page.locator("#hb-submit").isDisabled()).toBe(true);
    expect(await page.locator("#hb-submit-reason").innerText()).toContain("个错误");
    // Clicking the problem selects its cell.
    await problem.locator("button").click();
    await expect.poll(() => page.locator(":focus").getAttribute("data-key")).toBe("raised");
  });

  it("clears the problem and the marks when the cell is fixed", async () => {
    await typeInto(page, "raised_social", "22.5");
    await expect.poll(() => page.locator('.hb-problem[data-problem="parts:raised"]').count()).toBe(0);
    await expect.poll(() => cellBox(page, "raised_social").getAttribute("class")).not.toContain("xl-error");
    expect(await cellBox(page, "raised_social").locator(".xl-note").innerText()).toBe("");
  });

  it("fills the rest; a warning asks for a 上报说明 before submit", async () => {
    const done = new Set(["header.reporter", "header.phone", "raised", "raised_gov", "raised_social", "raised_union"]);
    for (const [key, value] of Object.entries(EXPECTED)) if (!done.has(key)) await typeInto(page, key, value);
    const warning = page.locator('.hb-problem[data-problem="granted-vs-raised"]');
    await expect.poll(() => warning.count()).toBe(1);
    await expect.poll(() => page.locator(".hb-problem.hb-error").count()).toBe(0);
    await expect.poll(() => cellBox(page, "granted").getAttribute("class")).toContain("xl-warning");
    expect(await page.locator("#hb-submit").isDisabled()).toBe(true);
    expect(await page.locator("#hb-submit-reason").innerText()).toContain("上报说明");
    await warning.locator("textarea").fill("含2013年结余资金7.5万元，已经区总工会批准使用");
    await expect.poll(() => page.locator("#hb-submit").isDisabled()).toBe(false);
    await expect.poll(() => syncLabel(page), { timeout: 10_000 }).toContain("已保存");
    await page.locator(".xl-scroll").evaluate((el) => el.scrollTo(0, 0));
    await page.locator("#hb-token, #hb-form-title").first().click();
    await page.screenshot({ path: "/tmp/filler-before-submit.png" });
  });

  it("submits; the server's verdict shows and the report reads back from the API", async () => {
    await page.locator("#hb-submit").click();
    await expect.poll(() => page.locator("#hb-verdict").innerText(), { timeout: 15_000 }).toContain("已上报");
    expect(await page.locator("#hb-report-status").innerText()).toContain("已上报");
    await page.screenshot({ path: "/tmp/filler-submitted.png" });

    const report = await readReport(worker.base);
    expect(report.status).toBe("submitted");
    expect(report.values).toEqual({ ...EXPECTED, raised: "82.5" });
    expect(report.explanations["granted-vs-raised"]).toContain("结余资金");
    expect(errors).toEqual([]);
  });
});

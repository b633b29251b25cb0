/**
 * /fill.html as a new clerk without the add-in uses it, against a real wrangler
 * dev: sign in with a token, see the round, download the form (an xlsx), fill it
 * in "their spreadsheet" (exceljs) with one error, upload, see the error by its
 * Excel address, fix, upload, explain the warning, submit: 已上报. Then the same
 * upload in a browser with JavaScript off: the plain form posts and the answer
 * page lists the problems.
 */
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SH_2014_JQZX_VALUES } from "../schemas/fixtures/filled";
import { HUANGPU, readReport } from "./filler-steps";
import { addresses, downloadForm, fillForm, signInOnFillPage, uploadFile } from "./fill-steps";
import { launchChromium, startWorker, type RunningWorker } from "./harness";

let worker: RunningWorker;
let browser: Browser;
let page: Page;
const errors: string[] = [];
const where = addresses("黄浦区总工会");
/** 第 2 项 over 第 1 项: a warning that needs a 上报说明. */
const VALUES: Record<string, string> = { ...SH_2014_JQZX_VALUES, granted: "90", granted_college: "47.2" };
let form: Buffer;

beforeAll(async () => {
  [worker, browser] = await Promise.all([startWorker(), launchChromium()]);
  page = await browser.newPage({ viewport: { width: 1100, height: 900 }, acceptDownloads: true });
  page.on("pageerror", (e) => errors.push(e.message));
});

afterAll(async () => {
  await page?.screenshot({ path: "/tmp/fill-last.png", fullPage: true }).catch(() => undefined);
  await browser?.close();
  await worker?.stop();
});

describe("a clerk without the add-in fills Shanghai 附件1 on /fill.html", () => {
  it("signs in with a token and sees the round with its due date and status", async () => {
    await signInOnFillPage(page, worker.base, HUANGPU);
    const round = page.locator('.fill-round[data-round="sh-2014-jqzx"]');
    const text = await round.innerText();
    expect(text).toContain("2014年上海工会金秋助学情况统计表");
    expect(text).toContain("截止 2014-09-01");
    expect(text).toContain("未上报");
    expect(await page.locator("#fill-who").innerText()).toContain("黄浦区总工会");
    // Not remembered: the token lives in this tab's sessionStorage only.
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.endsWith("token")))).toEqual([]);
  });

  it("downloads the form: an xlsx named after the unit and the form", async () => {
    await page.locator('button[data-round="sh-2014-jqzx"]').click();
    const { bytes, name } = await downloadForm(page);
    expect(name).toMatch(/黄浦区总工会.*\.xlsx$/);
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as never);
    expect(book.worksheets.map((s) => s.name)).toContain("汇表标识");
    form = bytes;
  });

  it("uploads a file with a breakdown over its total and sees the error at its address", async () => {
    const wrong = await fillForm(form, { ...VALUES, raised_social: "23.5" }, where);
    await uploadFile(page, "黄浦区-附件1.xlsx", wrong);
    const listed = await page.locator("#fill-errors").innerText();
    expect(listed).toContain(where.get("raised") as string);
    expect(await page.locator("#fill-message").innerText()).toContain("1 个错误");
    await page.screenshot({ path: "/tmp/fill-error.png", fullPage: true });
  });

  it("fixes the cell, uploads again, explains the warning and submits: 已上报", async () => {
    const fixed = await fillForm(form, VALUES, where);
    await uploadFile(page, "黄浦区-附件1.xlsx", fixed);
    // The clerk's own earlier upload is not someone else's change: no conflict, the fix is taken.
    expect(await page.locator("#fill-refusal").count(), await page.locator("main").innerText()).toBe(0);
    expect(await page.locator("#fill-check").innerText()).toContain("错误 0 个");
    const note = page.locator('textarea[data-note="granted-vs-raised"]');
    await note.fill("含2013年结余资金7.5万元，已经区总工会批准使用");
    await page.locator("#fill-submit").click();
    await expect.poll(() => page.locator("#fill-report-status").innerText(), { timeout: 15_000 }).toContain("已上报");
    await page.screenshot({ path: "/tmp/fill-submitted.png", fullPage: true });
    const report = await readReport(worker.base);
    expect(report.status).toBe("submitted");
    expect(report.values.granted).toBe("90");
    expect(report.explanations["granted-vs-raised"]).toContain("结余资金");
    expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.includes("fill-notes")))).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe("/fill.html without JavaScript", () => {
  it("shows the plain form, whose post answers a page with the problems by address", async () => {
    const jiaoyu = "hb_demo_filler_jiaoyu";
    const res = await fetch(`${worker.base}/api/v1/rounds/sh-2014-jqzx/reports/sh-ju-jiaoyu/form.xlsx`, {
      headers: { authorization: `Bearer ${jiaoyu}` },
    });
    expect(res.status).toBe(200);
    const wrong = await fillForm(
      Buffer.from(await res.arrayBuffer()),
      { ...VALUES, raised_social: "23.5" },
      addresses("上海市教育工会"),
    );
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const plain = await context.newPage();
      await plain.goto(`${worker.base}/fill.html`);
      expect(await plain.locator("#fill-plain").isVisible()).toBe(true);
      await plain.locator("#fill-token").fill(jiaoyu);
      await plain
        .locator("#fill-file-plain")
        .setInputFiles({ name: "教育工会-附件1.xlsx", mimeType: "application/octet-stream", buffer: wrong });
      await Promise.all([
        plain.waitForURL(/\/fill\/upload$/),
        plain.locator("#fill-plain button[type=submit]").click(),
      ]);
      await plain.screenshot({ path: "/tmp/fill-noscript.png", fullPage: true });
      expect(await plain.locator("#fill-message").innerText()).toContain("1 个错误");
      expect(await plain.locator("#fill-errors").innerText()).toContain(where.get("raised") as string);
    } finally {
      await context.close();
    }
  });
});

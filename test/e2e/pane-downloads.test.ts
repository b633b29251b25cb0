/**
 * The task pane's offline forms in the preview: a filler's 下载离线填报表 saves its
 * own form (an xlsx with the 汇表标识 sheet), and the officer's 下发填报表 saves the
 * forms of every unit below the chosen node as one zip, one xlsx per unit.
 */
import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JQZX, signIn } from "./filler-steps";
import { zipEntryNames } from "./fill-steps";
import { launchChromium, startWorker, type RunningWorker } from "./harness";

let worker: RunningWorker;
let browser: Browser;
const errors: string[] = [];

beforeAll(async () => {
  [worker, browser] = await Promise.all([startWorker(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

async function newPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1360, height: 860 }, acceptDownloads: true });
  page.on("pageerror", (e) => errors.push(e.message));
  return page;
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ bytes: Buffer; name: string }> {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  return { bytes: readFileSync(await download.path()), name: download.suggestedFilename() };
}

describe("offline forms from the task pane", () => {
  it("a filler downloads its own form from the round list", async () => {
    const page = await newPage();
    await signIn(page, worker.base);
    const { bytes, name } = await downloaded(page, () => page.locator(`button[data-form-file="${JQZX}"]`).click());
    expect(name).toMatch(/^黄浦区总工会.*\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as never);
    expect(book.worksheets.map((s) => s.name)).toContain("汇表标识");
    expect(await page.locator(".hb-status").first().innerText()).toContain("fill.html");
  });

  it("an officer hands out the forms of every unit below a node as one zip", async () => {
    const page = await newPage();
    await page.goto(`${worker.base}/preview.html`);
    await page.locator(".hb-demo-tokens button", { hasText: "上海市总工会保障工作部" }).click();
    await page.locator("#hb-sign-in").click();
    await page.locator(`button[data-round="${JQZX}"]`).click();
    await page.locator("#hb-units li").first().waitFor({ timeout: 20_000 });
    const { bytes, name } = await downloaded(page, () => page.locator("#hb-distribute").click());
    expect(name).toMatch(/\.zip$/);
    const names = zipEntryNames(bytes);
    expect(names.some((n) => n.startsWith("黄浦区总工会") && n.endsWith(".xlsx"))).toBe(true);
    expect(names.length).toBeGreaterThan(1);
    expect(await page.locator("#hb-officer-msg").innerText()).toContain("已下载");
    expect(errors).toEqual([]);
  });
});

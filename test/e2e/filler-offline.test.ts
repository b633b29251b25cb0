/**
 * Offline: edits made while the API is unreachable are queued in local storage,
 * survive a reload of the page (the task pane closing), and reach the Worker
 * exactly once, in order, when the network returns.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, startWorker, type RunningWorker } from "./harness";
import { cell, openRound, readHistory, readReport, signIn, syncLabel, typeInto } from "./filler-steps";

let worker: RunningWorker;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  [worker, browser] = await Promise.all([startWorker(), launchChromium()]);
  context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
  page = await context.newPage();
  page.on("pageerror", (e) => errors.push(e.message));
});

afterAll(async () => {
  await page?.screenshot({ path: "/tmp/filler-offline-last.png" }).catch(() => undefined);
  await browser?.close();
  await worker?.stop();
});

const goOffline = async () => {
  await page.route("**/api/**", (route) => route.abort("internetdisconnected"));
  await context.setOffline(true);
};

describe("offline edits survive a reload and reach the Worker exactly once", () => {
  let versionBefore = 0;

  it("saves online edits first", async () => {
    await signIn(page, worker.base);
    await openRound(page);
    await typeInto(page, "header.reporter", "王丽");
    await typeInto(page, "raised", "82.5");
    await expect.poll(() => syncLabel(page), { timeout: 10_000 }).toContain("已保存");
    await expect.poll(async () => (await readReport(worker.base)).values.raised).toBe("82.5");
    versionBefore = (await readReport(worker.base)).version;
  });

  it("queues edits while offline and says how many wait", async () => {
    await goOffline();
    await typeInto(page, "raised_gov", "30");
    await typeInto(page, "raised_social", "22.5");
    await typeInto(page, "raised_union", "30");
    await expect.poll(() => syncLabel(page), { timeout: 10_000 }).toContain("离线（3 项待同步）");
    expect((await readReport(worker.base)).version).toBe(versionBefore);
  });

  it("keeps them across a reload of the pane, still offline", async () => {
    // The page itself must load; the API stays blocked.
    await context.setOffline(false);
    await page.reload();
    await page.locator('input.xl-input[data-key="raised_gov"]').waitFor({ timeout: 15_000 });
    await expect.poll(() => cell(page, "raised_social").inputValue()).toBe("22.50");
    expect(await cell(page, "raised_gov").inputValue()).toBe("30.00");
    expect(await cell(page, "raised").inputValue()).toBe("82.50");
    await expect.poll(() => syncLabel(page), { timeout: 10_000 }).toContain("离线（3 项待同步）");
    await typeInto(page, "granted", "76.8");
    await expect.poll(() => syncLabel(page), { timeout: 10_000 }).toContain("离线（4 项待同步）");
    await page.screenshot({ path: "/tmp/filler-offline.png" });
  });

  it("flushes in order when the network returns, each edit applied once", async () => {
    await page.unroute("**/api/**");
    await expect.poll(() => syncLabel(page), { timeout: 30_000 }).toContain("已保存");
    const report = await readReport(worker.base);
    expect(report.values).toMatchObject({
      raised: "82.5",
      raised_gov: "30",
      raised_social: "22.5",
      raised_union: "30",
      granted: "76.8",
    });

    const history = await readHistory(worker.base);
    const after = history.entries.filter((e) => e.version > versionBefore);
    expect(report.version).toBe(versionBefore + after.length);
    const touched = after.flatMap((e) => e.cells.map((c) => c.cell));
    // Every offline edit exactly once; the batch typed before the reload first.
    expect([...touched].sort()).toEqual(["granted", "raised_gov", "raised_social", "raised_union"]);
    expect(touched.indexOf("granted")).toBe(3);
    expect(errors).toEqual([]);
  });
});

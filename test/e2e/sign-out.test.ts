/**
 * Issue 12, in the preview page against `wrangler dev`: the pane shows until
 * when the token works; 退出登录 with edits the server has not got warns and
 * asks, keeps them when the clerk says so, and once they are saved signs out
 * and leaves no outbox in localStorage for the next person at this computer.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, startWorker, type RunningWorker } from "./harness";
import { openRound, readReport, signIn, syncLabel, typeInto } from "./filler-steps";

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
  await page?.screenshot({ path: "/tmp/sign-out-last.png" }).catch(() => undefined);
  await browser?.close();
  await worker?.stop();
});

const outboxKeys = () =>
  page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes("outbox:") && !k.includes(":unreadable:")));

describe("sign-out and the token's lifetime in the pane", () => {
  it("shows until when the token works", async () => {
    await signIn(page, worker.base);
    await expect.poll(() => page.locator("#hb-expiry").textContent()).toMatch(/^登录有效期至 \d{4}-\d\d-\d\d$/);
    await openRound(page);
  });

  it("warns before discarding edits it could not send, and keeps them when asked", async () => {
    await page.route("**/api/**", (route) => route.abort("internetdisconnected"));
    await typeInto(page, "raised", "61.5");
    await expect.poll(() => syncLabel(page), { timeout: 10_000 }).toContain("待同步");
    await page.click("#hb-sign-out");
    await expect
      .poll(() => page.locator("#hb-unsent-message").textContent(), { timeout: 30_000 })
      .toContain("本机还有 1 项修改没有同步到服务器");
    await page.click("#hb-unsent-keep");
    await page.unroute("**/api/**");
    await expect.poll(() => syncLabel(page), { timeout: 30_000 }).toContain("已保存");
    expect((await readReport(worker.base)).values.raised).toBe("61.5");
  });

  it("signs out at once when everything is saved, and clears the outboxes", async () => {
    expect(await outboxKeys()).not.toEqual([]);
    await page.click("#hb-sign-out");
    await page.locator("#hb-token").waitFor({ timeout: 15_000 });
    expect(await page.locator(".hb-app > .hb-status").textContent()).toContain("已退出登录");
    expect(await outboxKeys()).toEqual([]);
  });

  it("discards unsent edits only when the clerk confirms", async () => {
    await signIn(page, worker.base);
    await openRound(page);
    await expect.poll(() => syncLabel(page), { timeout: 10_000 }).toContain("已保存");
    await page.route("**/api/**", (route) => route.abort("internetdisconnected"));
    await typeInto(page, "raised", "70");
    await expect.poll(() => syncLabel(page), { timeout: 10_000 }).toContain("待同步");
    await page.click("#hb-sign-out");
    await page.locator("#hb-unsent-discard").click({ timeout: 30_000 });
    await page.locator("#hb-token").waitFor({ timeout: 15_000 });
    expect(await page.locator(".hb-app > .hb-status").textContent()).toContain("1 项未同步的修改已从本机删除");
    expect(await outboxKeys()).toEqual([]);
    await page.unroute("**/api/**");
    expect((await readReport(worker.base)).values.raised).toBe("61.5");
    expect(errors).toEqual([]);
  });
});

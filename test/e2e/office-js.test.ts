/**
 * Where the built pages take office.js from (issue 11, item 1): the task pane
 * loads Microsoft's CDN (answered here from the npm copy, since Chromium has no
 * internet), the Worker serves no office.js of its own, and the preview works
 * with every request to another origin refused.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JQZX, openRound, signIn } from "./filler-steps";
import { launchChromium, startWorker, type RunningWorker } from "./harness";
import { OFFICE_JS_CDN, serveOfficeCdnLocally } from "./office-cdn";

let worker: RunningWorker;
let browser: Browser;

beforeAll(async () => {
  [worker, browser] = await Promise.all([startWorker(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe("office.js in the built add-in", () => {
  it("the task pane loads it from Microsoft's CDN and, outside Excel, says to open it in Excel", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const asked = await serveOfficeCdnLocally(page);
    await page.goto(`${worker.base}/taskpane.html`);
    await expect.poll(() => page.locator("#app").innerText(), { timeout: 20_000 }).toContain("汇表需要在 Excel 中打开");
    expect(asked[0]).toBe(OFFICE_JS_CDN);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the Worker serves no copy of its own", async () => {
    for (const path of ["/office-js/office.js", "/office.js"]) {
      expect((await fetch(`${worker.base}${path}`)).status, path).toBe(404);
    }
  });

  it("the preview needs nothing but its own origin", async () => {
    const page = await browser.newPage();
    const elsewhere: string[] = [];
    await page.route(
      (url) => url.origin !== new URL(worker.base).origin,
      (route) => {
        elsewhere.push(route.request().url());
        return route.abort("internetdisconnected");
      },
    );
    await signIn(page, worker.base);
    await openRound(page, JQZX);
    expect(await page.locator("#sheet").innerText()).toContain("金秋助学");
    expect(elsewhere).toEqual([]);
    await page.close();
  });
});

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, startWorker, type RunningWorker } from "./harness";

let worker: RunningWorker;
let browser: Browser;

beforeAll(async () => {
  [worker, browser] = await Promise.all([startWorker(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe("the preview served by wrangler dev", () => {
  it("shows the empty sheet beside the task pane's sign-in with the demo tokens, with no page errors", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${worker.base}/preview.html`);
    await expect.poll(() => page.locator("#pane").innerText(), { timeout: 15_000 }).toContain("hb_demo_filler_huangpu");
    expect(await page.locator("#sheet").innerText()).toContain("打开一张报表");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("answers the API on the same origin", async () => {
    const res = await fetch(`${worker.base}/api/v1/health`);
    expect(await res.json()).toMatchObject({ ok: true });
  });
});

/**
 * Two people edit the same form in two browsers: different cells merge without
 * a word; the same cell changed differently shows the conflict dialog (mine /
 * theirs) and nothing is overwritten until the clerk picks.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, startWorker, type RunningWorker } from "./harness";
import { cell, openRound, readReport, signIn, syncLabel, typeInto } from "./filler-steps";

let worker: RunningWorker;
let browser: Browser;
let a: Page;
let b: Page;
const errors: string[] = [];

beforeAll(async () => {
  [worker, browser] = await Promise.all([startWorker(), launchChromium()]);
  // Two contexts: two devices, each with its own local storage and outbox.
  const pages = await Promise.all(
    [0, 1].map(async () => {
      const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
      const page = await context.newPage();
      page.on("pageerror", (e) => errors.push(e.message));
      return page;
    }),
  );
  [a, b] = pages as [Page, Page];
});

afterAll(async () => {
  await b?.screenshot({ path: "/tmp/filler-conflict-last.png" }).catch(() => undefined);
  await browser?.close();
  await worker?.stop();
});

const saved = (page: Page) => expect.poll(() => syncLabel(page), { timeout: 10_000 }).toContain("已保存");

describe("two devices edit one report", () => {
  it("both open Shanghai 附件1", async () => {
    await Promise.all([signIn(a, worker.base), signIn(b, worker.base)]);
    await Promise.all([openRound(a), openRound(b)]);
  });

  it("merges edits of different cells silently", async () => {
    await typeInto(a, "raised_gov", "30");
    await saved(a);
    await typeInto(b, "raised_social", "22.5");
    await saved(b);
    // B saved against an older version: the server merged A's cell and B's sheet shows it.
    await expect.poll(() => cell(b, "raised_gov").inputValue()).toBe("30.00");
    expect(await b.locator(".hb-dialog").isHidden()).toBe(true);
    const report = await readReport(worker.base);
    expect(report.values).toMatchObject({ raised_gov: "30", raised_social: "22.5" });
  });

  it("shows the conflict when both change the same cell, and takes theirs when picked", async () => {
    await typeInto(a, "raised", "82.5");
    await saved(a);
    await typeInto(b, "raised", "80");
    const dialog = b.locator(".hb-dialog");
    await expect.poll(() => dialog.isVisible(), { timeout: 10_000 }).toBe(true);
    const conflict = dialog.locator('.hb-conflict[data-cell="raised"]');
    const text = await conflict.innerText();
    expect(text).toContain("共筹集资金");
    expect(text).toMatch(/我的：\s*80/);
    expect(text).toMatch(/他人的：\s*82\.5/);
    expect(await syncLabel(b)).toContain("冲突");
    await b.screenshot({ path: "/tmp/filler-conflict.png" });
    // Nothing was overwritten while the question is open.
    expect((await readReport(worker.base)).values.raised).toBe("82.5");

    await conflict.locator('input[value="theirs"]').check();
    await b.locator("#hb-conflict-apply").click();
    await expect.poll(() => dialog.isHidden()).toBe(true);
    await expect.poll(() => cell(b, "raised").inputValue()).toBe("82.50");
    await saved(b);
    expect((await readReport(worker.base)).values.raised).toBe("82.5");
  });

  it("keeps mine when picked", async () => {
    await typeInto(a, "posts", "48");
    await saved(a);
    await typeInto(b, "posts", "50");
    const conflict = b.locator('.hb-dialog .hb-conflict[data-cell="posts"]');
    await expect.poll(() => conflict.isVisible(), { timeout: 10_000 }).toBe(true);
    await conflict.locator('input[value="mine"]').check();
    await b.locator("#hb-conflict-apply").click();
    await saved(b);
    await expect.poll(async () => (await readReport(worker.base)).values.posts).toBe("50");
    expect(await cell(b, "posts").inputValue()).toBe("50");
    expect(errors).toEqual([]);
  });
});

/**
 * A Huangshan district fills its 金秋助学 roster in the preview against a real
 * wrangler dev: typing into the last prepared row makes more rows, 增加行 makes
 * room for a long paste, and every pasted row reaches the server.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rosterRow } from "../addin/roster-fixture";
import { launchChromium, startWorker, type RunningWorker } from "./harness";
import { cell, pasteInto, signIn, syncLabel, typeInto } from "./filler-steps";

let worker: RunningWorker;
let browser: Browser;
let page: Page;
const errors: string[] = [];
const ROUND = "hs-2022-roster";

beforeAll(async () => {
  [worker, browser] = await Promise.all([startWorker(), launchChromium()]);
  page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
  page.on("pageerror", (e) => errors.push(e.message));
});

afterAll(async () => {
  await page?.screenshot({ path: "/tmp/filler-roster-last.png" }).catch(() => undefined);
  await browser?.close();
  await worker?.stop();
});

const rosterLine = () => page.locator('.hb-roster-rows[data-roster="roster"]').innerText();

describe("a district fills a roster longer than the rows drawn at first", () => {
  it("opens the roster with 50 prepared rows and says how to get more", async () => {
    await signIn(page, worker.base, "屯溪区总工会");
    await page.locator(`button[data-round="${ROUND}"]`).click();
    await cell(page, "roster.r0050.name").waitFor();
    expect(await cell(page, "roster.r0051.name").count()).toBe(0);
    expect(await rosterLine()).toBe("受助学生名册：表中已有 50 行（最多 20000 行）。");
    expect(await page.locator("#hb-rosters").innerText()).toContain("请先在这里增加行数再粘贴");
  });

  it("grows by 50 rows when the clerk types into the last one, and keeps 合计 below the roster", async () => {
    await typeInto(page, "roster.r0050.name", "汪子涵");
    await cell(page, "roster.r0100.name").waitFor();
    expect(await rosterLine()).toContain("表中已有 100 行");
    const row = (key: string) =>
      cell(page, key).evaluate((el) =>
        Number(
          el
            .closest("td")
            ?.getAttribute("data-address")
            ?.replace(/^[A-Z]+/, ""),
        ),
      );
    expect(await row("total_persons")).toBeGreaterThan(await row("roster.r0100.name"));
    // 合计 is computed from the roster (a locked, grey cell) and 序号 numbers the filled rows.
    await expect.poll(() => cell(page, "total_persons").inputValue()).toBe("1");
    expect(await cell(page, "total_persons").getAttribute("readonly")).not.toBeNull();
    const serial = async (key: string) => page.locator(`td[data-address="A${await row(key)}"]`).innerText();
    expect(await serial("roster.r0050.name")).toBe("1");
    // The clerk goes on typing in the row below, as in Excel.
    await typeInto(page, "roster.r0051.name", "程思远");
    await expect.poll(() => cell(page, "total_persons").inputValue()).toBe("2");
    expect(await serial("roster.r0051.name")).toBe("2");
  });

  it("adds rows on request, then takes a pasted block of 120 recipients and saves every row", async () => {
    await page.locator("#hb-add-rows-roster").fill("100");
    await page.locator('.hb-add-rows[data-roster="roster"]').click();
    await expect.poll(rosterLine).toContain("表中已有 200 行");
    await expect.poll(() => page.locator(".hb-status").innerText()).toContain("可以粘贴了");
    const block = Array.from({ length: 120 }, (_, i) => Object.values(rosterRow(i + 1)).join("\t")).join("\n");
    await pasteInto(page, "roster.r0001.name", block);
    await expect.poll(() => cell(page, "roster.r0120.phone").inputValue()).toBe(rosterRow(120).phone);
    await expect.poll(() => syncLabel(page), { timeout: 20_000 }).toContain("已保存");
    const res = await fetch(`${worker.base}/api/v1/rounds/${ROUND}/reports/hs-tunxi`, {
      headers: { authorization: "Bearer hb_demo_filler_tunxi" },
    });
    const report = (await res.json()) as { values: Record<string, string> };
    expect(report.values["roster.r0120.idno"]).toBe(rosterRow(120).idno);
    expect(report.values["roster.r0001.name"]).toBe(rosterRow(1).name);
    expect(errors).toEqual([]);
  });
});

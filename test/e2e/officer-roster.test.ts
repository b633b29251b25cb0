/**
 * The Huangshan officer's consolidated sheet of 附件2 (受助学生名册) in the
 * preview, end to end against a real wrangler dev: two districts submit their
 * students through the API, and the officer's consolidated sheet lists every
 * one of them with the unit that reported it (issue 11: the table was empty).
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HS_2022_ROSTER } from "../../schemas/forms/index";
import { consolidatedLayout } from "../../schemas/layout/officer/consolidated-sheet";
import { Template } from "../../schemas/template";
import { HS_2022_ROSTER_VALUES } from "../schemas/fixtures/filled";
import { launchChromium, startWorker, type RunningWorker } from "./harness";
import { fillAndSubmit, showTab, unitRow } from "./officer-steps";

let worker: RunningWorker;
let browser: Browser;
let page: Page;
const errors: string[] = [];
const ROUND = "hs-2022-roster";
const template = Template.parse(HS_2022_ROSTER);
/** The items the Worker computes (calc): a filler never sends them. */
const computed = new Set(
  template.sections
    .flatMap((s) => (s.kind === "items" ? s.items : []))
    .filter((i) => i.calc)
    .map((i) => i.key),
);
const TYPED = Object.fromEntries(Object.entries(HS_2022_ROSTER_VALUES).filter(([k]) => !computed.has(k)));
/** 歙县 sends the fixture's five students, 屯溪 two of them under other names. */
const TUNXI = Object.fromEntries(
  Object.entries(TYPED)
    .filter(([k]) => !/^roster\.r[345]\./.test(k))
    .map(([k, v]) => [k, k.endsWith(".name") ? `${v}（屯溪）` : v]),
);

beforeAll(async () => {
  [worker, browser] = await Promise.all([startWorker(), launchChromium()]);
  page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
  page.on("pageerror", (e) => errors.push(e.message));
});

afterAll(async () => {
  await page?.screenshot({ path: "/tmp/officer-roster-last.png" }).catch(() => undefined);
  await browser?.close();
  await worker?.stop();
});

describe("the officer's consolidated 附件2", () => {
  it("two districts submit their students", async () => {
    await fillAndSubmit(worker.base, "hb_demo_filler_shexian", ROUND, "hs-shexian", TYPED);
    await fillAndSubmit(worker.base, "hb_demo_filler_tunxi", ROUND, "hs-tunxi", TUNXI);
  });

  it("lists every submitted student with the unit that reported it", async () => {
    await page.goto(`${worker.base}/preview.html`);
    await page.locator(".hb-demo-tokens button", { hasText: "黄山市总工会权益保障部" }).click();
    await page.locator("#hb-sign-in").click();
    await page.locator(`button[data-round="${ROUND}"]`).click();
    await unitRow(page, "hs-tunxi").waitFor({ timeout: 20_000 });
    const rows = Array.from({ length: 7 }, () => ({ unit: "", unitName: "", rowId: "", values: {} }));
    const layout = consolidatedLayout(template, "黄山市总工会", { rosters: [{ key: "roster", rows }] });
    await showTab(page, layout.sheet);
    const roster = layout.rosters[0]!;
    const shown = (address: string) => page.locator(`td[data-address="${address}"] input`).inputValue();
    const lines: string[][] = [];
    for (let r = roster.firstRow; r < roster.firstRow + 7; r++)
      lines.push([await shown(`B${r}`), await shown(`P${r}`)]);
    expect(lines.filter(([, unit]) => unit === "歙县总工会").map(([name]) => name)).toHaveLength(5);
    expect(lines.filter(([, unit]) => unit === "屯溪区总工会").map(([name]) => name)).toEqual([
      expect.stringMatching(/（屯溪）$/),
      expect.stringMatching(/（屯溪）$/),
    ]);
    // Nothing below the seventh student: the table has exactly the submitted rows.
    expect(await page.locator(`td[data-address="B${roster.firstRow + 7}"] input`).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});

/**
 * Retakes the README's screenshots from the real thing: a fresh `wrangler dev`
 * with the demo data and the apt Chromium (test/e2e/harness.ts).
 *
 *   tsx scripts/screenshots.ts      → docs/img/preview.png, docs/img/officer.png
 *
 * preview.png: 黄浦区总工会 filling Shanghai 附件1 with a pasted block whose
 * parts exceed their total (the mark, the note, the problems list).
 * officer.png: the city officer's 分单位明细 of three submitted districts,
 * with the per-unit chart.
 */
import { SH_2014_JQZX_VALUES } from "../test/schemas/fixtures/filled";
import { openRound, pasteInto, signIn } from "../test/e2e/filler-steps";
import { launchChromium, startWorker } from "../test/e2e/harness";
import { fillAndSubmit, fillerToken, scaled, unitRow } from "../test/e2e/officer-steps";

const worker = await startWorker();
const browser = await launchChromium();
try {
  const filler = await (await browser.newContext({ viewport: { width: 1360, height: 860 } })).newPage();
  await filler.addInitScript("window.__name = (f) => f");
  await signIn(filler, worker.base);
  await openRound(filler);
  // 共筹集资金 and its three sources, the sources adding up to more than the total.
  await pasteInto(filler, "raised", "82.5\n40\n30\n20");
  await filler.locator("td.xl-error").first().waitFor();
  await filler.waitForTimeout(1500); // autosave settles: 已保存
  await filler.screenshot({ path: "docs/img/preview.png" });

  const xuhui = await fillerToken(worker.base, "sh-xuhui", "徐汇区总工会 填报员");
  await Promise.all([
    fillAndSubmit(worker.base, "hb_demo_filler_jiaoyu", "sh-2014-jqzx", "sh-ju-jiaoyu", scaled(SH_2014_JQZX_VALUES, 3)),
    fillAndSubmit(worker.base, xuhui, "sh-2014-jqzx", "sh-xuhui", scaled(SH_2014_JQZX_VALUES, 2)),
  ]);
  const officer = await (await browser.newContext({ viewport: { width: 1500, height: 900 } })).newPage();
  await officer.addInitScript("window.__name = (f) => f");
  await officer.goto(`${worker.base}/preview.html`);
  await officer.locator(".hb-demo-tokens button", { hasText: "上海市总工会保障工作部" }).click();
  await officer.locator("#hb-sign-in").click();
  await officer.locator('button[data-round="sh-2014-jqzx"]').click();
  await unitRow(officer, "sh-xuhui").waitFor({ timeout: 20_000 });
  await officer.locator(".xl-tab", { hasText: "分单位明细" }).first().click();
  await officer.locator(".xl-tab-on", { hasText: "分单位明细" }).waitFor();
  await officer.waitForTimeout(500);
  await officer.screenshot({ path: "docs/img/officer.png" });
  console.log("docs/img/preview.png, docs/img/officer.png");
} finally {
  await browser.close();
  await worker.stop();
}

/**
 * The filler add-in: round trips per render and per edit (Office.js adapter on
 * office-addin-mock), keystroke-to-mark time in the preview (real Chromium on a
 * real `wrangler dev`), and the task pane bundle size.
 *
 * Keystroke-to-mark is compared with the floor of any reaction in the same page
 * — a keystroke to the next animation frame — measured alternately in the same run.
 */
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { buildLayout } from "../addin/excel/layout";
import { OfficeWorkbook } from "../addin/excel/office-workbook";
import { checkTemplate } from "../schemas/check";
import { OFFICIAL_TEMPLATES } from "../schemas/forms";
import { createExcelMock } from "../test/addin/excel-mock";
import { launchChromium, startWorker } from "../test/e2e/harness";
import { openRound, signIn } from "../test/e2e/filler-steps";
import { note, printReport, report } from "./harness";

// 1. Round trips, per official form.
for (const input of OFFICIAL_TEMPLATES) {
  const checked = checkTemplate(input);
  if (!checked.ok) throw new Error(input.id);
  const layout = buildLayout(checked.template, { unitName: "黄浦区总工会" });
  const excel = createExcelMock();
  const workbook = new OfficeWorkbook(excel.host);
  await workbook.renderForm(layout);
  const key = layout.cells[0]?.key as string;
  await workbook.writeValues(layout.sheet, { [key]: "1" });
  await workbook.markCells(layout.sheet, [{ cell: key, severity: "error", note: "x" }], []);
  const [render, write, mark] = excel.runs;
  note(`round trips ${input.id}: render / write / mark`, `${render} / ${write} / ${mark}`, "≤ 2 / ≤ 1 / ≤ 1");
}

// 2. Bundle size.
for (const file of ["taskpane.js", "preview.js"]) {
  const bytes = readFileSync(`dist/addin/${file}`);
  note(`bundle ${file} (gzip)`, `${(gzipSync(bytes).length / 1024).toFixed(1)} KB`, file === "taskpane.js" ? "≤ 150 KB" : "");
}

// 3. Keystroke-to-mark in the preview.
const worker = await startWorker();
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  // tsx keeps function names with a `__name` helper that the page does not have.
  await page.addInitScript("window.__name = (f) => f");
  await signIn(page, worker.base);
  await openRound(page);
  // In the page: type a value into a cell and resolve when the mark of `marked` changes.
  const timings = await page.evaluate(async () => {
    const input = (key: string) => document.querySelector(`input.xl-input[data-key="${key}"]`) as HTMLInputElement;
    const box = (key: string) => input(key).closest("td") as HTMLElement;
    // A paste, as clerks enter most numbers: it bypasses data validation like Excel's does,
    // so only the live check can catch a wrong sum.
    const commit = (key: string, value: string) => {
      const transfer = new DataTransfer();
      transfer.setData("text/plain", value);
      input(key).dispatchEvent(new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }));
    };
    const until = (check: () => boolean) =>
      new Promise<void>((resolve) => {
        if (check()) return resolve();
        const observer = new MutationObserver(() => {
          if (check()) {
            observer.disconnect();
            resolve();
          }
        });
        observer.observe(document.body, { subtree: true, attributes: true, childList: true });
      });
    const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
    const marked = () => box("raised").className.includes("error");
    commit("raised", "100");
    commit("raised_gov", "100");
    commit("raised_social", "0");
    commit("raised_union", "0");
    await until(() => !marked());
    const subject: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < 30; i++) {
      let t = performance.now();
      commit("raised_union", "1"); // parts now exceed the total: the total's cell turns red
      await until(marked);
      subject.push(performance.now() - t);
      commit("raised_union", "0");
      await until(() => !marked());
      t = performance.now();
      commit("raised_union", "0");
      await frame();
      floor.push(performance.now() - t);
    }
    return { subject, floor };
  });
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  report(
    "keystroke → mark, Shanghai 附件1 (preview, Chromium)",
    {
      subject: { median: median(timings.subject), runs: timings.subject.length },
      baseline: { median: median(timings.floor), runs: timings.floor.length },
    },
    "vs keystroke → next frame",
  );
} finally {
  await browser.close();
  await worker.stop();
}

printReport("Filler add-in");

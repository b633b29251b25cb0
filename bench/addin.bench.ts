/**
 * The filler add-in: round trips per render, per edit and per roster grow,
 * undo-clearing calls per edit and the largest request of a roster render
 * (Office.js adapter on the strict fake Excel), keystroke-to-mark time in the
 * preview (real Chromium on a real `wrangler dev`) for Shanghai 附件1 and for a
 * Huangshan roster of 2,000 rows, and the task pane bundle size.
 *
 * Keystroke-to-mark is compared with the floor of any reaction in the same page
 * — a keystroke to the next animation frame — measured alternately in the same run.
 */
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { buildLayout } from "../schemas/layout/form/layout";
import { OfficeWorkbook } from "../addin/excel/office-workbook";
import { checkTemplate } from "../schemas/check";
import { OFFICIAL_TEMPLATES } from "../schemas/forms";
import { createStrictExcel } from "../test/addin/excel/strict/fake-excel";
import type { Page } from "playwright-core";
import { rosterIdNo, rosterValues } from "../test/addin/roster-fixture";
import { launchChromium, startWorker } from "../test/e2e/harness";
import { openRound, signIn } from "../test/e2e/filler-steps";
import { note, printReport, report } from "./harness";

/** Rows of the Huangshan roster in part 4, saved through the API before the clerk opens it. */
const ROSTER_ROWS = 2000;

// 1. Round trips and undo-clearing calls, per official form (Excel with add-in undo, ExcelApi 1.20).
for (const input of OFFICIAL_TEMPLATES) {
  const checked = checkTemplate(input);
  if (!checked.ok) throw new Error(input.id);
  const layout = buildLayout(checked.template, { unitName: "黄浦区总工会" });
  const excel = createStrictExcel("windows-1.20");
  const workbook = new OfficeWorkbook(excel.host);
  await workbook.renderForm(layout);
  const cleared = excel.undo.clears.length;
  const key = (layout.cells.find((c) => !c.locked) ?? layout.cells[0])?.key as string;
  await workbook.writeValues(layout.sheet, { [key]: "1" });
  await workbook.markCells(layout.sheet, [{ cell: key, severity: "error", note: "x" }], []);
  await workbook.markCells(layout.sheet, [], [key]);
  const [render, write, mark] = excel.runs;
  note(`round trips ${input.id}: render / write / mark`, `${render} / ${write} / ${mark}`, "≤ 2 / ≤ 1 / ≤ 1");
  note(`undo-clearing calls per edit ${input.id} (ExcelApi 1.20)`, String(excel.undo.since(cleared).length), "0");
  if (layout.rosters.length > 0) {
    await workbook.growRosters(layout.sheet, Object.fromEntries(layout.rosters.map((l) => [l.key, ROSTER_ROWS + 50])));
    note(`round trips ${input.id}: grow roster 50 → ${ROSTER_ROWS + 50} rows`, String(excel.runs[4]), "≤ 1");
  }
}
for (const rows of [2000, 10000]) {
  const template = OFFICIAL_TEMPLATES.map(checkTemplate).find(
    (c) => c.ok && c.template.sections.some((x) => x.kind === "roster"),
  );
  if (!template?.ok) break;
  const excel = createStrictExcel("web-1.18");
  await new OfficeWorkbook(excel.host).renderForm(buildLayout(template.template, { rosterRows: rows }));
  note(
    `largest request drawing a ${rows}-row roster (Excel on the web)`,
    `${(excel.payload.maxRequestBytes / 1e6).toFixed(2)} MB`,
    "≤ 4 MB",
  );
}

// 2. Bundle size.
for (const file of ["taskpane.js", "preview.js"]) {
  const bytes = readFileSync(`dist/addin/${file}`);
  note(
    `bundle ${file} (gzip)`,
    `${(gzipSync(bytes).length / 1024).toFixed(1)} KB`,
    file === "taskpane.js" ? "≤ 150 KB" : "",
  );
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
      input(key).dispatchEvent(
        new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }),
      );
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
  await page.close();

  // 4. The same for a Huangshan 金秋助学 roster of 2,000 rows, saved through the API beforehand.
  await loadReport(worker.base, "hb_demo_filler_tunxi", "hs-2022-roster", "hs-tunxi", rosterValues(ROSTER_ROWS));
  const roster = await browser.newPage();
  await roster.addInitScript("window.__name = (f) => f");
  await signIn(roster, worker.base, "屯溪区总工会");
  const opening = performance.now();
  await roster.locator('button[data-round="hs-2022-roster"]').click();
  await roster.locator(`input.xl-input[data-key="roster.r${ROSTER_ROWS}.idno"]`).waitFor({ timeout: 120_000 });
  note(
    `open a ${ROSTER_ROWS}-row roster until its last row shows (preview)`,
    `${((performance.now() - opening) / 1000).toFixed(1)} s`,
  );
  await roster.waitForFunction(() => document.querySelector("#hb-counts")?.textContent === "无问题", undefined, {
    timeout: 120_000,
  });
  // Row 1's 身份证号 pasted into row 1,500 (a duplicate, both rows marked), then its own number again.
  const t = await keystrokeToMark(roster, "roster.r1500.idno", rosterIdNo(1), rosterIdNo(1500), 15);
  const floor = { median: median(t.floor), runs: t.floor.length };
  report(
    `keystroke → mark, duplicate 身份证号 in a ${ROSTER_ROWS}-row roster`,
    { subject: { median: median(t.mark), runs: t.mark.length }, baseline: floor },
    "vs keystroke → next frame",
  );
  report(
    `keystroke → mark cleared, same roster`,
    { subject: { median: median(t.clear), runs: t.clear.length }, baseline: floor },
    "vs keystroke → next frame",
  );
} finally {
  await browser.close();
  await worker.stop();
}

printReport("Filler add-in");

/**
 * Saves `values` as the report's draft, as another device or an earlier session
 * would have, in batches that stay under the Worker's 2 MB body limit.
 */
async function loadReport(
  base: string,
  token: string,
  round: string,
  unit: string,
  values: Record<string, string>,
): Promise<void> {
  const url = `${base}/api/v1/rounds/${round}/reports/${unit}`;
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const got = await fetch(url, { headers });
  let version = got.ok ? ((await got.json()) as { version: number }).version : 0;
  const changes = Object.entries(values).map(([cell, value]) => ({ cell, value }));
  for (let i = 0; i < changes.length; i += 4000) {
    const body = { baseVersion: version, changes: changes.slice(i, i + 4000), explanations: {} };
    const res = await fetch(url, {
      method: "PATCH",
      headers: { ...headers, "if-match": `"${version}"` },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`PATCH ${res.status}: ${await res.text()}`);
    version = ((await res.json()) as { version: number }).version;
  }
}

interface MarkTimings {
  /** Paste of the wrong value → its cell marked. */
  mark: number[];
  /** Paste of the right value → the mark gone. */
  clear: number[];
  /** Paste of the value the cell already holds → the next animation frame. */
  floor: number[];
}

/**
 * In the page: paste `wrong` into `key` and wait for its cell's error mark,
 * paste `right` and wait for the mark to go, then time the floor; `runs` times.
 */
function keystrokeToMark(page: Page, key: string, wrong: string, right: string, runs: number): Promise<MarkTimings> {
  return page.evaluate(
    async ({ key, wrong, right, runs }) => {
      const input = document.querySelector(`input.xl-input[data-key="${key}"]`) as HTMLInputElement;
      const box = input.closest("td") as HTMLElement;
      // A paste, as rosters are filled: it bypasses data validation, only the live check sees a duplicate.
      const paste = (value: string) => {
        const transfer = new DataTransfer();
        transfer.setData("text/plain", value);
        input.dispatchEvent(new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }));
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
          observer.observe(box, { attributes: true, attributeFilter: ["class"] });
        });
      const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
      const marked = () => box.classList.contains("xl-error");
      const out: { mark: number[]; clear: number[]; floor: number[] } = { mark: [], clear: [], floor: [] };
      for (let i = 0; i < runs; i++) {
        let t = performance.now();
        paste(wrong);
        await until(marked);
        out.mark.push(performance.now() - t);
        t = performance.now();
        paste(right);
        await until(() => !marked());
        out.clear.push(performance.now() - t);
        t = performance.now();
        paste(right);
        await frame();
        out.floor.push(performance.now() - t);
      }
      return out;
    },
    { key, wrong, right, runs },
  );
}

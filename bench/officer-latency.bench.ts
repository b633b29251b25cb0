/**
 * Live refresh, end to end: the time from a district's submit to the city
 * officer's consolidated sheet showing the new total. A real `wrangler dev`
 * (local D1, demo seed) and Chromium with the officer pane open in the preview
 * at its default polling interval; the districts submit 附件1 through the API.
 *
 * Each submit lands at a known point of the poll cycle: the pane arms its next
 * poll when a refresh ends, i.e. when the sheet shows the previous total, and
 * the waits before the submits step evenly through one interval (in a mixed
 * order). So the median is the average case of a submit at a random moment,
 * and the maximum is the worst case.
 *
 * Baselines, measured from the same page in the same run, between submits:
 *   submit → sheet   vs  interval / 2 + GET /changes + the refresh's two reads
 *                        (GET /consolidated and GET /reports, in parallel):
 *                        what any poller at this interval must spend on average
 *   feed → sheet     vs  the refresh's two reads alone: the pane's own cost
 *                        (plan, diff, sheets, grid) on top of them
 */
import type { Page } from "playwright-core";
import { consolidatedAddress, consolidatedSheet, call } from "../test/e2e/officer-steps";
import { launchChromium, startWorker } from "../test/e2e/harness";
import { SH_2014_JQZX_VALUES } from "../test/schemas/fixtures/filled";
import { note, printReport, report } from "./harness";

// Run inside the page; this program is typechecked without the DOM library.
declare const window: {
  huibiao: {
    workbook: { active?: string; subscribe(listener: () => void): () => void };
    app: { officer(): { pollInterval: { minMs: number; maxMs: number } } };
  };
  __feed: { at: number; submits: string[] }[];
};
declare const document: { querySelector(selector: string): { value: string } | null };

const ROUND = "sh-2014-jqzx";
const ADMIN = "hb_demo_admin";
const REVIEWER = "hb_demo_reviewer_sh";
/** The first warms up; the rest are measured. */
const DISTRICTS = [
  "sh-xuhui",
  "sh-changning",
  "sh-jingan",
  "sh-putuo",
  "sh-zhabei",
  "sh-hongkou",
  "sh-yangpu",
  "sh-minhang",
  "sh-baoshan",
  "sh-jiading",
  "sh-pudong",
];
const RAISED = Number(SH_2014_JQZX_VALUES.raised);
/** Where in the poll cycle each measured submit lands, as a share of the interval. */
const PHASES = [0.5, 0.1, 0.9, 0.3, 0.7, 0.2, 0.8, 0.4, 0.6, 0.0].map((p) => p + 0.05);

interface Ready {
  unit: string;
  token: string;
  version: number;
}

/** A district with its report saved as a draft, ready to submit (tokens issued by the admin). */
async function prepare(base: string, unit: string): Promise<Ready> {
  const issued = await call(base, ADMIN, "POST", "/tokens", {
    body: { role: "filler", unit, label: `${unit}（测速）` },
  });
  if (issued.status !== 201) throw new Error(`token for ${unit}: ${issued.status}`);
  const token = issued.body.token as string;
  const path = `/rounds/${ROUND}/reports/${unit}`;
  const read = await call(base, token, "GET", path);
  const version = read.body.version as number;
  const changes = Object.entries(SH_2014_JQZX_VALUES).map(([cell, value]) => ({ cell, value }));
  const saved = await call(base, token, "PATCH", path, {
    body: { baseVersion: version, changes, explanations: {} },
    ifMatch: version,
  });
  if (saved.status !== 200) throw new Error(`save ${unit}: ${saved.status} ${JSON.stringify(saved.body)}`);
  return { unit, token, version: saved.body.version as number };
}

async function submit(base: string, r: Ready): Promise<number> {
  const res = await call(base, r.token, "POST", `/rounds/${ROUND}/reports/${r.unit}/submit`, { ifMatch: r.version });
  if (res.status !== 200) throw new Error(`submit ${r.unit}: ${res.status} ${JSON.stringify(res.body)}`);
  return Date.now();
}

/** In the page, from now on: the time each answer of the change feed arrived and whose submits it carried. */
const RECORD_FEED = `
  window.__name = (f) => f;
  window.__feed = [];
  const original = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const res = await original(input, init);
    const url = typeof input === "string" ? input : input.url;
    if (url.includes("/api/v1/changes")) {
      const at = Date.now();
      res.clone().json().then((b) => window.__feed.push({ at, submits: (b.events || []).filter((e) => e.kind === "submit").map((e) => e.unit) }), () => {});
    }
    return res;
  };
`;

/** Resolves with the page's clock when the consolidated sheet shows `expected` at `address`. */
function shown(page: Page, sheet: string, address: string, expected: number): Promise<number> {
  return page.evaluate(
    ({ sheet, address, expected }) =>
      new Promise<number>((resolve) => {
        const wb = window.huibiao.workbook;
        const check = () => {
          const input = document.querySelector(`td[data-address="${address}"] input`);
          return wb.active === sheet && input !== null && Number(input.value.replace(/,/g, "")) === expected;
        };
        if (check()) return resolve(Date.now());
        // The grid subscribed first, so by the time this runs it has drawn the change.
        const off = wb.subscribe(() => {
          if (!check()) return;
          off();
          resolve(Date.now());
        });
      }),
    { sheet, address, expected },
  );
}

/** The refresh's reads and an idle poll, bare, from the page (same origin, same token). */
function bareReads(page: Page): Promise<{ changes: number; reads: number }> {
  return page.evaluate(
    async ({ round, token }) => {
      const get = (path: string) =>
        fetch(`/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json());
      // A cursor past the head: an idle poll, nothing new.
      let t = performance.now();
      await get(`/changes?round=${round}&limit=1000&since=999999999`);
      const changes = performance.now() - t;
      t = performance.now();
      await Promise.all([get(`/rounds/${round}/consolidated?unit=sh`), get(`/rounds/${round}/reports`)]);
      return { changes, reads: performance.now() - t };
    },
    { round: ROUND, token: REVIEWER },
  );
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const sleepUntil = (at: number) => new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));

const worker = await startWorker();
const browser = await launchChromium();
try {
  const base = worker.base;
  const ready: Ready[] = [];
  for (const unit of DISTRICTS.slice(0, PHASES.length + 1)) ready.push(await prepare(base, unit));

  const page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
  await page.addInitScript(RECORD_FEED);
  await page.goto(`${base}/preview.html`);
  await page.locator(".hb-demo-tokens button", { hasText: "上海市总工会保障工作部" }).click();
  await page.locator("#hb-sign-in").click();
  await page.locator(`button[data-round="${ROUND}"]`).click();
  await page.locator("#hb-units li").first().waitFor({ timeout: 60_000 });
  const sheet = consolidatedSheet();
  await page.locator(".xl-tab", { hasText: sheet }).first().click();
  const interval = await page.evaluate(() => window.huibiao.app.officer().pollInterval);
  const stated = await page.locator("#hb-poll-hint").innerText();
  const address = consolidatedAddress("raised");
  // Before any unit has reported the total is blank, and a blank cell has no input in the grid.
  const total = () =>
    page.evaluate(
      (a) => Number(document.querySelector(`td[data-address="${a}"] input`)?.value.replace(/,/g, "") ?? "0") || 0,
      address,
    );

  const toSheet: number[] = [];
  const feedToSheet: number[] = [];
  const changes: number[] = [];
  const reads: number[] = [];
  let lastShown = 0;
  for (let i = 0; i < ready.length; i++) {
    const r = ready[i] as Ready;
    const expected = Math.round(((await total()) + RAISED) * 100) / 100;
    if (i > 0) {
      const bare = await bareReads(page);
      changes.push(bare.changes);
      reads.push(bare.reads);
      await sleepUntil(lastShown + (PHASES[i - 1] as number) * interval.minMs);
    }
    const showing = shown(page, sheet, address, expected);
    const submitted = await submit(base, r);
    lastShown = await showing;
    const feed = (await page.evaluate(() => window.__feed)).find((f) => f.submits.includes(r.unit));
    if (i === 0) continue;
    toSheet.push(lastShown - submitted);
    if (feed) feedToSheet.push(lastShown - feed.at);
  }

  const runs = toSheet.length;
  report(
    `submit → officer's sheet shows it (${runs} districts)`,
    {
      subject: { median: median(toSheet), runs },
      baseline: { median: interval.minMs / 2 + median(changes) + median(reads), runs },
    },
    "baseline: interval/2 + idle GET /changes + refresh reads",
  );
  note("  worst case (submit right after a poll)", `${Math.max(...toSheet).toFixed(0)} ms`, `≤ interval + refresh`);
  report(
    "feed answer → sheet (the pane's refresh)",
    {
      subject: { median: median(feedToSheet), runs: feedToSheet.length },
      baseline: { median: median(reads), runs: reads.length },
    },
    "baseline: GET /consolidated ‖ GET /reports, bare",
  );
  note(
    "polling interval",
    `${interval.minMs} ms`,
    `while units are yet to report (≤ ${interval.maxMs} ms once all have)`,
  );
  note("  as the pane states it", stated);
} finally {
  await browser.close();
  await worker.stop();
}

printReport(
  "Officer live refresh: a district's submit → the officer's consolidated sheet (preview in Chromium on wrangler dev)",
);

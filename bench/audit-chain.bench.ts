/**
 * What the audit hash chain (worker/integrity/chain.ts) costs: the Worker as
 * built vs the same Worker whose entryHash hashes nothing (the module replaced
 * at bundle time, NO_CHAIN below). Both bundles are built by esbuild the same
 * way and run in one Miniflare each (workerd + local D1), seeded the same,
 * requests interleaved:
 *
 *   big save     PATCH of a 2,000-row roster (4 columns: 8,000 cells, every one changed)
 *   small save   PATCH of 8 cells, 1,000 times on another report: 1,000 audit entries
 *   verify       GET /integrity over those 1,000 entries (8,000 cell changes) — the time
 *                per 1,000 entries — and over the big roster's history. The baseline
 *                replays the same rows and compares the stored "hashes" without hashing.
 */
import { migrationStatements } from "./migrations";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import type { TemplateInput } from "../schemas/template";
import { checkTemplate } from "../schemas/check";
import { seedStatements } from "../scripts/seed";
import { compareAsync, note, printReport, report } from "./harness";

const ROWS = 2000;
const SMALL_SAVES = 1000;
const ROUND = "chain-2024";
const UNIT = "u1";
const VERIFY_ROUND = "chain-2024-verify";
const VERIFY_UNIT = "u2";
const TOKEN = "hb_bench_chain_admin";

const FORM: TemplateInput = {
  id: "bench-roster",
  version: 1,
  title: "名册基准表",
  issuer: "基准市总工会",
  docNo: "基准〔2024〕1号",
  period: "2024年",
  dueDate: "2099-12-31",
  sections: [
    {
      kind: "roster",
      key: "students",
      columns: [
        { key: "name", label: "姓名", type: "text" },
        { key: "school", label: "学校", type: "text" },
        { key: "grade", label: "年级", type: "text" },
        { key: "amount", label: "资助金额", type: "money", unit: "元" },
      ],
    },
  ],
  rules: [],
};

/** integrity/chain.ts without the hashing: every entry's hash is the same constant. */
const NO_CHAIN = `export const GENESIS = "";
export function entryHash() { return Promise.resolve("0".repeat(64)); }`;

async function bundle(stub: boolean): Promise<string> {
  const outdir = mkdtempSync(join(tmpdir(), `huibiao-chain-${stub ? "off" : "on"}-`));
  await build({
    entryPoints: ["worker/index.ts"],
    bundle: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    conditions: ["workerd", "worker", "browser"],
    external: ["cloudflare:*", "node:*"],
    minify: true,
    outfile: join(outdir, "index.js"),
    logLevel: "error",
    plugins: stub
      ? [
          {
            name: "no-chain",
            setup(b) {
              b.onLoad({ filter: /integrity[\\/]chain\.ts$/ }, () => ({ contents: NO_CHAIN, loader: "ts" }));
            },
          },
        ]
      : [],
  });
  return outdir;
}

function worker(outdir: string): Miniflare {
  return new Miniflare({
    modules: true,
    scriptPath: join(outdir, "index.js"),
    modulesRoot: outdir,
    compatibilityDate: "2026-04-01",
    d1Databases: { DB: "huibiao-chain-bench" },
    bindings: { APP_VERSION: "bench" },
  });
}

async function prepare(mf: Miniflare): Promise<void> {
  const db = await mf.getD1Database("DB");
  const migrations = migrationStatements();
  const checked = checkTemplate(FORM);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  const seed = await seedStatements({
    units: [
      {
        code: "root",
        name: "基准市总工会",
        children: [
          { code: UNIT, name: "基准基层工会" },
          { code: VERIFY_UNIT, name: "基准校验工会" },
        ],
      },
    ],
    templates: [checked.template],
    rounds: [
      { id: ROUND, templateId: FORM.id, templateVersion: 1, rootUnit: "root", units: [UNIT] },
      { id: VERIFY_ROUND, templateId: FORM.id, templateVersion: 1, rootUnit: "root", units: [VERIFY_UNIT] },
    ],
    tokens: [{ token: TOKEN, role: "admin", unit: "root", label: "基准 管理员" }],
  });
  for (const sql of [...migrations, ...seed]) await db.prepare(sql).run();
}

function changes(salt: number, rows: number): { cell: string; value: string }[] {
  const out: { cell: string; value: string }[] = [];
  for (let r = 1; r <= rows; r++) {
    out.push({ cell: `students.r${r}.name`, value: `学生${r}-${salt}` });
    out.push({ cell: `students.r${r}.school`, value: `第${(r % 40) + 1}中学` + (salt % 2 ? "（分校）" : "") });
    out.push({ cell: `students.r${r}.grade`, value: `${(r + salt) % 6}年级` });
    out.push({ cell: `students.r${r}.amount`, value: String(1000 + ((r + salt) % 500)) });
  }
  return out;
}

function saver(mf: Miniflare, round: string, unit: string, rows: number): () => Promise<void> {
  let version = 0;
  let salt = 0;
  return async () => {
    salt++;
    const res = await mf.dispatchFetch(`http://bench.test/api/v1/rounds/${round}/reports/${unit}`, {
      method: "PATCH",
      headers: { Authorization: `Bearer ${TOKEN}`, "If-Match": `"${version}"`, "Content-Type": "application/json" },
      body: JSON.stringify({ baseVersion: version, changes: changes(salt, rows) }),
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`PATCH: ${res.status} ${text.slice(0, 300)}`);
    version = (JSON.parse(text) as { version: number }).version;
  };
}

/** Guards the baseline: had the bundle-time replacement missed, both Workers would hash. */
async function mustHashWith(mf: Miniflare, chain: boolean): Promise<void> {
  const row = await (await mf.getD1Database("DB")).prepare("SELECT hash FROM audit LIMIT 1").first<{ hash: string }>();
  if ((row?.hash !== "0".repeat(64)) !== chain) throw new Error(`unexpected audit hash ${row?.hash} (chain: ${chain})`);
}

/** GET /integrity of one round; both Workers must find it intact, or the timing means nothing. */
function verifier(mf: Miniflare, round: string): () => Promise<void> {
  return async () => {
    const res = await mf.dispatchFetch(`http://bench.test/api/v1/integrity?round=${round}`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    const text = await res.text();
    if (res.status !== 200 || !(JSON.parse(text) as { ok: boolean }).ok) {
      throw new Error(`GET /integrity: ${res.status} ${text.slice(0, 300)}`);
    }
  };
}

async function main(): Promise<void> {
  const [on, off] = await Promise.all([bundle(false), bundle(true)]);
  const chained = worker(on);
  const plain = worker(off);
  await prepare(chained);
  await prepare(plain);
  const big = await compareAsync(saver(chained, ROUND, UNIT, ROWS), saver(plain, ROUND, UNIT, ROWS), 9);
  report(`PATCH ${ROWS}-row roster (${ROWS * 4} cells), hash chain vs none`, big);
  await mustHashWith(plain, false);
  await mustHashWith(chained, true);
  // One warm-up save each + SMALL_SAVES - 1 rounds: exactly SMALL_SAVES audit entries per Worker.
  const small = await compareAsync(
    saver(chained, VERIFY_ROUND, VERIFY_UNIT, 2),
    saver(plain, VERIFY_ROUND, VERIFY_UNIT, 2),
    SMALL_SAVES - 1,
  );
  report("PATCH 8 cells, hash chain vs none", small);
  const v = await compareAsync(verifier(chained, VERIFY_ROUND), verifier(plain, VERIFY_ROUND), 15);
  report(`GET /integrity, ${SMALL_SAVES} entries × 8 cells, hash chain vs none`, v);
  note(
    "verify time per 1,000 audit entries (8 cells each)",
    `${((v.subject.median * 1000) / SMALL_SAVES).toFixed(1)} ms`,
  );
  const vb = await compareAsync(verifier(chained, ROUND), verifier(plain, ROUND), 11);
  report(`GET /integrity, the ${ROWS}-row roster (10 entries × ${ROWS * 4} cells)`, vb);
  printReport("audit hash chain");
  await chained.dispose();
  await plain.dispose();
}

await main();

/**
 * 跨单位重复 over 100,000 indexed roster rows (issue 12), run for real: the bundle of
 * `wrangler deploy --dry-run` inside Miniflare (workerd + a local D1), the migrations
 * applied, 3,000 units in 30 districts, one round of a 名册 form, and 100,000
 * blind-index entries (worker/db/blind-index.ts, migration 0006) of which 500
 * values are held by two units of different districts. Measured in the same run:
 *
 *   GET consolidated?matrix=false at the city (its duplicates read beside the rest)
 *     vs the bare duplicate search (GROUP BY hmac over the year) in workerd   goal: the GET ≤ 1 s
 *   the same GET at one district (3 % of the rows) vs the same bare search
 */
import type { TemplateInput } from "../schemas/template";
import type { UnitNode } from "../schemas/units/unit";
import { checkTemplate } from "../schemas/check";
import { seedStatements } from "../scripts/seed";
import { compareAsync, note, printReport, report } from "./harness";
import { benchWorker, bundleWorker } from "./miniflare";

const UNITS = 3000;
const DISTRICTS = 30;
const ROWS = 100_000;
const DUPLICATES = 500;
const ROUND = "bench-dup-2024";
const TOKEN = "hb_bench_admin";

const outdir = bundleWorker("bench-dup");

const FORM: TemplateInput = {
  id: "bench-roster",
  version: 1,
  title: "基准助学名册",
  issuer: "基准市总工会",
  docNo: "基工〔2024〕2号",
  period: "2024年",
  dueDate: "2099-12-31",
  sections: [
    {
      kind: "roster",
      key: "roster",
      title: "名册",
      columns: [
        { key: "name", label: "姓名", type: "text" },
        { key: "idno", label: "身份证号", type: "idcard" },
      ],
    },
  ],
};
const checked = checkTemplate(FORM);
if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
const template = checked.template;

const worker = await benchWorker(outdir, "huibiao-bench-dup", {
  PII_INDEX_KEY: "dGVzdC1vbmx5LWJsaW5kLWluZGV4LWtleS0zMmJ5dGU=",
});
const { mf, baseline, exec } = worker;

const hex = (n: number) => n.toString(16).padStart(64, "0");

async function seed(): Promise<void> {
  const tree: UnitNode[] = [
    {
      code: "bench",
      name: "基准市总工会",
      children: Array.from({ length: DISTRICTS }, (_, d) => ({
        code: `d${d}`,
        name: `第 ${d + 1} 区总工会`,
        children: Array.from({ length: UNITS / DISTRICTS }, (_, k) => ({
          code: `d${d}-u${k}`,
          name: `第 ${d + 1} 区第 ${k + 1} 基层工会`,
        })),
      })),
    },
  ];
  const leaves = tree[0]?.children?.flatMap((d) => d.children?.map((u) => u.code) ?? []) ?? [];
  const statements = await seedStatements({
    units: tree,
    templates: [template],
    rounds: [{ id: ROUND, templateId: template.id, templateVersion: 1, rootUnit: "bench", units: leaves }],
    tokens: [{ token: TOKEN, role: "admin", unit: "bench", label: "基准 管理员" }],
  });
  await exec(statements.map((s) => [s, []]));
  const reports = JSON.parse(
    await baseline("sql", {
      sql: "SELECT p.id, p.unit, u.path FROM reports p JOIN units u ON u.code = p.unit WHERE p.round_id = ? ORDER BY p.id",
      params: [ROUND],
    }),
  ) as { id: number; unit: string; path: string }[];
  // Row i belongs to unit i mod 3000; the last DUPLICATES rows repeat a value of a unit in another district.
  const rows: unknown[][] = [];
  for (let i = 0; i < ROWS; i++) {
    const r = reports[i % reports.length] as (typeof reports)[number];
    const value = i >= ROWS - DUPLICATES ? i - (ROWS - DUPLICATES) + 7 : i;
    const cell = `roster.r${Math.floor(i / reports.length) + 1}.idno`;
    rows.push([
      r.id,
      cell,
      r.unit,
      r.path,
      cell.split(".")[1],
      hex(value),
      `341002********${String(value % 10000).padStart(4, "0")}`,
    ]);
  }
  const inserts: [string, unknown[]][] = [];
  for (let i = 0; i < rows.length; i += 2000) {
    inserts.push([
      `INSERT INTO blind_index (report_id, cell, round_id, unit, unit_path, year, roster, row_id, col, kind, label, hmac, mask)
       SELECT value ->> 0, value ->> 1, ?, value ->> 2, value ->> 3, '2024', 'roster', value ->> 4, 'idno', 'idcard',
              '名册「身份证号」', value ->> 5, value ->> 6 FROM json_each(?)`,
      [ROUND, JSON.stringify(rows.slice(i, i + 2000))],
    ]);
  }
  await exec([...inserts, ["ANALYZE", []]]);
}

async function call(path: string): Promise<string> {
  const res = await mf.dispatchFetch(`http://bench.test/api/v1${path}`, {
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${text.slice(0, 500)}`);
  return text;
}

const started = performance.now();
await seed();
console.log(`seeded ${ROWS} index rows over ${UNITS} units in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const city = `/rounds/${ROUND}/consolidated?unit=bench&matrix=false&include=draft,submitted,returned,approved`;
const found = JSON.parse(await call(city)) as { duplicates: unknown[] };
if (found.duplicates.length !== DUPLICATES)
  throw new Error(`expected ${DUPLICATES} duplicates, got ${found.duplicates.length}`);

// The least any duplicate search does: every entry of the year grouped by value.
const BARE = `SELECT hmac FROM blind_index WHERE year = ? GROUP BY hmac HAVING COUNT(DISTINCT unit) > 1`;
const bare = () => baseline("sql", { sql: BARE, params: ["2024"] });
const cityRun = await compareAsync(() => call(city), bare, 10);
report(
  `duplicates: GET consolidated (city, ${ROWS} indexed rows) vs bare GROUP BY hmac, in workerd`,
  cityRun,
  "GET ≤ 1 s",
);
note("duplicates: GET consolidated at the city, median", `${cityRun.subject.median.toFixed(0)} ms`, "≤ 1000 ms");
report(
  "duplicates: GET consolidated (one district) vs bare GROUP BY hmac",
  await compareAsync(() => call(city.replace("unit=bench", "unit=d3")), bare, 10),
);

await worker.dispose();
printReport("跨单位重复 (Miniflare + local D1, ratios from one run)");

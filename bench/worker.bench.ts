import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
/**
 * The Worker under load, run for real: the bundle `wrangler deploy --dry-run`
 * produces, inside Miniflare (workerd + a local D1), the migrations applied, and
 * 3,000 reporting units × one round of a synthetic 60-cell numeric template.
 * Each measurement compares the Worker with the bare D1 work it cannot avoid,
 * issued through the same Miniflare D1 binding in the same run:
 *
 *   save         PATCH (auth, read, merge, guarded write with audit + feed) of N cells
 *                vs one db.batch() upserting the same N values
 *   consolidate  GET /consolidated over 3,000 units × 60 cells (totals, matrix,
 *                completeness, rules, notes) vs one SELECT cell, SUM(value) … GROUP BY cell;
 *                also with matrix=false (totals summed inside D1), and against the
 *                SUM plus the bare read of the 180,000 values the matrix has to carry
 *   bundle       minified size of the Worker (and gzip), goal ≤ 1 MB
 */
import type { TemplateInput } from "../schemas/template";
import type { UnitNode } from "../schemas/units/unit";
import { checkTemplate } from "../schemas/check";
import { seedStatements } from "../scripts/seed";
import { compareAsync, note, printReport, report } from "./harness";
import { benchWorker, bundleWorker } from "./miniflare";

const UNITS = 3000;
const DISTRICTS = 30;
const ROUND = "bench-2024";
const DRAFT_ROUND = "bench-2024-save";
const TOKEN = "hb_bench_admin";

// ---------------------------------------------------------------- build

const outdir = bundleWorker("bench");
const script = readFileSync(join(outdir, "index.js"));
const bundleBytes = statSync(join(outdir, "index.js")).size;
const gzipBytes = gzipSync(script, { level: 9 }).length;

// ---------------------------------------------------------------- a synthetic 60-cell form

/** 40 items (20 万元 at 2 decimals, 20 人) and a 4 × 5 grid with a 合计 column: 60 numeric cells. */
const ITEMS = Array.from({ length: 40 }, (_, i) =>
  i < 20
    ? {
        key: `m${i}`,
        no: String(i + 1),
        label: `资金项目 ${i + 1}`,
        unit: "万元" as const,
        type: "decimal" as const,
        scale: 2,
      }
    : { key: `p${i}`, no: String(i + 1), label: `人数项目 ${i + 1}`, unit: "人" as const, type: "integer" as const },
);
const GRID_COLUMNS = [
  { key: "total", label: "合计" },
  { key: "a", label: "学前" },
  { key: "b", label: "义务" },
  { key: "c", label: "高中" },
  { key: "d", label: "高等" },
];
const FORM: TemplateInput = {
  id: "bench-60",
  version: 1,
  title: "基准测试统计表",
  issuer: "基准市总工会",
  docNo: "基工〔2024〕1号",
  period: "2024年",
  dueDate: "2099-12-31",
  sections: [
    { kind: "items", key: "main", items: ITEMS },
    {
      kind: "grid",
      key: "stages",
      columns: GRID_COLUMNS,
      total: "total",
      rows: ["g0", "g1", "g2", "g3"].map((key, i) => ({
        key,
        no: String(41 + i),
        label: `分阶段 ${i + 1}`,
        unit: "人" as const,
        type: "integer" as const,
      })),
    },
  ],
  breakdowns: [{ total: "m0", parts: ["m1", "m2"], mode: "partial" }],
  rules: [{ id: "W1", expr: "p20 <= 100000", severity: "warning", message: "人数过多，请核实" }],
};
const checked = checkTemplate(FORM);
if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
const template = checked.template;
const CELLS = [
  ...ITEMS.map((i) => i.key),
  ...["g0", "g1", "g2", "g3"].flatMap((r) => GRID_COLUMNS.map((c) => `${r}.${c.key}`)),
];

/** Deterministic, valid values: grid totals equal their parts, 其中 ≤ total. */
function unitValues(u: number, salt = 0): Record<string, string> {
  const v: Record<string, string> = {};
  for (const item of ITEMS) {
    const n = ((u * 7919 + Number(item.key.slice(1)) * 104729 + salt) % 100000) + 1;
    v[item.key] = item.type === "decimal" ? String(n / 100) : String(n % 5000);
  }
  v.m0 = String(Number(v.m1) + Number(v.m2) + 1); // float maths on two decimals: re-normalise below
  v.m0 = (Math.round(Number(v.m0) * 100) / 100).toString();
  for (const r of ["g0", "g1", "g2", "g3"]) {
    const parts = ["a", "b", "c", "d"].map((c, i) => ((u + i * 31 + salt) % 400) + i);
    ["a", "b", "c", "d"].forEach((c, i) => (v[`${r}.${c}`] = String(parts[i])));
    v[`${r}.total`] = String(parts.reduce((s, x) => s + (x as number), 0));
  }
  return v;
}

// ---------------------------------------------------------------- Miniflare + D1

const worker = await benchWorker(outdir, "huibiao-bench");
const { mf, baseline, exec } = worker;

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
    rounds: [
      { id: ROUND, templateId: template.id, templateVersion: 1, rootUnit: "bench", units: leaves },
      { id: DRAFT_ROUND, templateId: template.id, templateVersion: 1, rootUnit: "bench", units: ["d0-u0"] },
    ],
    tokens: [{ token: TOKEN, role: "admin", unit: "bench", label: "基准 管理员" }],
  });
  await exec(statements.map((s) => [s, []]));
  // Every unit's 60 values, as submitted reports, in bulk.
  const ids = JSON.parse(
    await baseline("sql", { sql: "SELECT id FROM reports WHERE round_id = ? ORDER BY id", params: [ROUND] }),
  ) as { id: number }[];
  const inserts: [string, unknown[]][] = [];
  for (let i = 0; i < ids.length; i += 200) {
    const rows: [number, string, string][] = [];
    ids.slice(i, i + 200).forEach((r, k) => {
      for (const [cell, value] of Object.entries(unitValues(i + k))) rows.push([r.id, cell, value]);
    });
    inserts.push([
      "INSERT INTO report_cells (report_id, cell, value) SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?)",
      [JSON.stringify(rows)],
    ]);
  }
  await exec([
    ...inserts,
    [
      "UPDATE reports SET status = 'submitted', version = 2, submitted_at = '2024-06-01T00:00:00.000Z' WHERE round_id = ?",
      [ROUND],
    ],
    // A few units with 上报说明, one returned: the consolidation does all of its work.
    [`UPDATE reports SET notes = '{"W1":"已核实"}' WHERE round_id = ? AND unit IN ('d1-u1', 'd2-u2')`, [ROUND]],
    ["UPDATE reports SET status = 'returned' WHERE round_id = ? AND unit = 'd3-u3'", [ROUND]],
  ]);
}

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await mf.dispatchFetch(`http://bench.test/api/v1${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${TOKEN}`,
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
  return { text, headers: res.headers };
}

const started = performance.now();
await seed();
console.log(`seeded ${UNITS} units × 60 cells in ${((performance.now() - started) / 1000).toFixed(1)} s`);

// ---------------------------------------------------------------- (a) save

// The baseline writes a report of its own so the two never touch the same rows.
const baselineReportId = (
  JSON.parse(
    await baseline("sql", { sql: "SELECT id FROM reports WHERE round_id = ? AND unit = 'd0-u1'", params: [ROUND] }),
  ) as { id: number }[]
)[0]?.id as number;

let version = 0;
let iteration = 0;
async function patchCells(n: number): Promise<void> {
  iteration++;
  const values = unitValues(7, iteration);
  const changes = CELLS.slice(0, n).map((cell) => ({ cell, value: values[cell] as string }));
  const headers = { "If-Match": `"${version}"`, "Idempotency-Key": `bench-${iteration}` };
  const res = await call("PATCH", `/rounds/${DRAFT_ROUND}/reports/d0-u0`, { baseVersion: version, changes }, headers);
  version = Number(JSON.parse(res.text).version);
}

function nextValues(n: number): [string, string][] {
  iteration++;
  const values = unitValues(11, iteration);
  return CELLS.slice(0, n).map((c) => [c, values[c] as string]);
}

for (const n of [1, 10, 60]) {
  report(
    `save: PATCH ${n} cell(s) vs D1 batch of ${n} upsert(s), in workerd`,
    await compareAsync(
      () => patchCells(n),
      () => baseline("upsert", { report: baselineReportId, cells: nextValues(n) }),
      40,
    ),
    n === 60 ? "≤ 1.3×" : "",
  );
}
// ---------------------------------------------------------------- (b) consolidate

const SUM_SQL = `SELECT c.cell, SUM(c.value) AS total FROM report_cells c JOIN reports p ON p.id = c.report_id
  WHERE p.round_id = ? AND p.status IN ('submitted', 'approved') GROUP BY c.cell`;
let consolidatedBytes = 0;
const check = JSON.parse((await call("GET", `/rounds/${ROUND}/consolidated?unit=bench`)).text);
if (
  check.completeness.expected !== UNITS ||
  check.matrix.units.length !== UNITS - 1 ||
  check.matrix.cells.length !== 60
) {
  throw new Error(`unexpected consolidation: ${JSON.stringify(check.completeness).slice(0, 300)}`);
}
const consolidated = async () => {
  consolidatedBytes = (await call("GET", `/rounds/${ROUND}/consolidated?unit=bench`)).text.length;
};
report(
  `consolidate: GET consolidated ${UNITS} units × 60 cells vs SELECT SUM GROUP BY, in workerd`,
  await compareAsync(consolidated, () => baseline("sql", { sql: SUM_SQL, params: [ROUND] }), 15),
  "≤ 1.5×",
);
// The least the full answer has to move out of D1: every included unit's 60 values.
const MATRIX_SQL = `SELECT p.id, p.unit, u.name, p.status, p.late, p.submitted_at, p.notes,
    (SELECT group_concat(coalesce(c.value, ''), ',' ORDER BY k.key)
       FROM json_each(?2) k LEFT JOIN report_cells c ON c.report_id = p.id AND c.cell = k.value) AS v
  FROM reports p JOIN units u ON u.code = p.unit WHERE p.round_id = ?1 ORDER BY u.path`;
report(
  "consolidate: the same vs SUM GROUP BY + bare read of the 3000 × 60 values",
  await compareAsync(
    consolidated,
    async () => {
      await baseline("sql", { sql: SUM_SQL, params: [ROUND] });
      await baseline("sql", { sql: MATRIX_SQL, params: [ROUND, JSON.stringify(CELLS)] });
    },
    10,
  ),
);
report(
  "consolidate: GET consolidated?matrix=false (totals, completeness, rules, notes) vs SUM",
  await compareAsync(
    () => call("GET", `/rounds/${ROUND}/consolidated?unit=bench&matrix=false`),
    () => baseline("sql", { sql: SUM_SQL, params: [ROUND] }),
    15,
  ),
  "≤ 1.5×",
);
note("consolidate: JSON answer size", `${(consolidatedBytes / 1024).toFixed(0)} KiB`);

// ---------------------------------------------------------------- (c) bundle

note("bundle: worker minified", `${(bundleBytes / 1024).toFixed(1)} KiB`, "≤ 1 MB");
note("bundle: worker gzip", `${(gzipBytes / 1024).toFixed(1)} KiB`);

await worker.dispose();
printReport("Worker (Miniflare + local D1, ratios from one run)");

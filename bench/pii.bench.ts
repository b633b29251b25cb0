/**
 * The cost of encryption at rest (issue 12, docs/privacy.md): a PATCH of a
 * 2,000-row roster (身份证号 and 银行卡号 changed on every row) against the same
 * template with the two columns marked `sensitive: false`, in the same Worker
 * bundle inside Miniflare, interleaved. Goal: ≤ 1.3×.
 */
import { checkTemplate } from "../schemas/check";
import type { TemplateInput } from "../schemas/template";
import { seedStatements } from "../scripts/seed";
import { cardNumber, idNumber } from "../test/worker/pii/pii-numbers";
import { compareAsync, printReport, report } from "./harness";
import { benchWorker, bundleWorker } from "./miniflare";

const ROWS = 2000;
const TOKEN = "hb_bench_filler";

const outdir = bundleWorker("bench-pii");

function form(id: string, sensitive: boolean): TemplateInput {
  return {
    id,
    version: 1,
    title: "学生名册（基准）",
    issuer: "基准市总工会",
    docNo: "基准〔2024〕1号",
    period: "2024年",
    dueDate: "2099-12-31",
    sections: [
      {
        kind: "roster",
        key: "roster",
        columns: [
          { key: "name", label: "姓名", type: "text" },
          { key: "idcard", label: "身份证号", type: "idcard", sensitive },
          { key: "card", label: "银行卡号", type: "bankcard", sensitive },
          { key: "amount", label: "资助金额", type: "money", unit: "元" },
        ],
      },
    ],
    rules: [],
  } as TemplateInput;
}
const templates = [form("bench-pii", true), form("bench-plain", false)].map((t) => {
  const c = checkTemplate(t);
  if (!c.ok) throw new Error(JSON.stringify(c.errors));
  return c.template;
});

const worker = await benchWorker(outdir, "huibiao-bench-pii", {
  PII_MASTER_KEYS: `b1:${"YmVuY2g".padEnd(43, "A")}=`,
  PII_INDEX_KEY: `${"aW5kZXg".padEnd(43, "A")}=`,
});
const { mf } = worker;
const statements = await seedStatements({
  units: [{ code: "bench", name: "基准市总工会", children: [{ code: "d0", name: "第 1 区总工会" }] }],
  templates,
  rounds: [
    { id: "r-pii", templateId: "bench-pii", templateVersion: 1, rootUnit: "bench", units: ["d0"] },
    { id: "r-plain", templateId: "bench-plain", templateVersion: 1, rootUnit: "bench", units: ["d0"] },
  ],
  tokens: [{ token: TOKEN, role: "filler", unit: "d0", label: "基准 填报员" }],
});
await worker.exec(statements.map((s) => [s, []]));

const versions: Record<string, number> = { "r-pii": 0, "r-plain": 0 };
let salt = 0;
/** One PATCH of every row's 身份证号, 银行卡号 and amount (new values each time). */
async function save(round: string): Promise<void> {
  salt++;
  const changes = [];
  for (let n = 0; n < ROWS; n++) {
    const row = `roster.r${String(n + 1).padStart(4, "0")}`;
    const k = n + (salt % 2) * ROWS;
    if (salt <= 2) changes.push({ cell: `${row}.name`, value: `学生${n}` });
    changes.push({ cell: `${row}.idcard`, value: idNumber(k) });
    changes.push({ cell: `${row}.card`, value: cardNumber(k) });
    changes.push({ cell: `${row}.amount`, value: String(1000 + salt) });
  }
  const base = versions[round] as number;
  const res = await mf.dispatchFetch(`http://bench.test/api/v1/rounds/${round}/reports/d0`, {
    method: "PATCH",
    headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json", "If-Match": `"${base}"` },
    body: JSON.stringify({ baseVersion: base, changes }),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`PATCH ${round}: ${res.status} ${text.slice(0, 300)}`);
  versions[round] = (JSON.parse(text) as { version: number }).version;
}

const ratio = report(
  `PATCH of a ${ROWS}-row roster, encrypted vs not`,
  await compareAsync(
    () => save("r-pii"),
    () => save("r-plain"),
    9,
  ),
  "≤ 1.3×",
);
/** The read path: every value opened (2,000 row keys unwrapped, 4,000 values decrypted). */
async function read(round: string): Promise<void> {
  const res = await mf.dispatchFetch(`http://bench.test/api/v1/rounds/${round}/reports/d0`, {
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  if (res.status !== 200) throw new Error(`GET ${round}: ${res.status}`);
  await res.text();
}
const readRatio = report(
  `GET of the ${ROWS}-row roster, encrypted vs not`,
  await compareAsync(
    () => read("r-pii"),
    () => read("r-plain"),
    9,
  ),
);
printReport("encryption at rest (bench/pii.bench.ts)");
console.log(`PATCH ratio ${ratio.toFixed(2)}×, GET ratio ${readRatio.toFixed(2)}×`);
await worker.dispose();

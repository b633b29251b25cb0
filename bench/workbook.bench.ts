/**
 * The form as a workbook (issue 13), run for real: the deployable bundle in
 * Miniflare (workerd + a local D1), the official 黄山 助学名册 with 2,000 filled
 * rows. Each round downloads the unit's form.xlsx, lets exceljs change every
 * row's 助学金额 (as a clerk's spreadsheet would re-save it) and uploads it:
 *
 *   import    POST …/import of the 2,000-row workbook (read, locate, normalise,
 *             check, merge, save 2,000 cells) vs exceljs loading the same file in Node
 *   download  GET …/form.xlsx (drawn from the layout with validation, rule checks,
 *             tables, identity) vs exceljs writing the same workbook in Node
 *   bundle    the Worker's minified size, goal ≤ 1 MB
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { checkTemplate } from "../schemas/check";
import { HS_2022_ROSTER } from "../schemas/forms";
import { HS_STAGES } from "../schemas/forms/hs-2022-need";
import { HS_FUND_SOURCES } from "../schemas/forms/hs-2022-roster";
import { seedStatements } from "../scripts/seed";
import { cardNumber, idNumber } from "../test/worker/pii/pii-numbers";
import { note, printReport, report, summarise } from "./harness";
import { benchWorker, bundleWorker } from "./miniflare";

const ROWS = 2000;
const ROUNDS = 8;
const TOKEN = "hb_bench_filler";
const ROUND = "bench-roster";

const outdir = bundleWorker("bench-workbook");
const bundleBytes = readFileSync(join(outdir, "index.js")).length;

const checked = checkTemplate(HS_2022_ROSTER);
if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
const template = checked.template;

const worker = await benchWorker(outdir, "huibiao-bench-workbook", {
  PII_MASTER_KEYS: `b1:${"YmVuY2g".padEnd(43, "A")}=`,
  PII_INDEX_KEY: `${"aW5kZXg".padEnd(43, "A")}=`,
});
const { mf } = worker;
await worker.exec(
  (
    await seedStatements({
      units: [{ code: "bench", name: "基准市总工会", children: [{ code: "d0", name: "第一区总工会" }] }],
      templates: [template],
      rounds: [{ id: ROUND, templateId: template.id, templateVersion: 1, rootUnit: "bench", units: ["d0"] }],
      tokens: [{ token: TOKEN, role: "filler", unit: "d0", label: "基准 填报员" }],
    })
  ).map((s) => [s, []]),
);

const REPORT = `http://bench.test/api/v1/rounds/${ROUND}/reports/d0`;
const AUTH = { Authorization: `Bearer ${TOKEN}` };

/** One student's row as a clerk types it (valid: 义务教育 at 10, 社会捐助). */
function student(n: number): Record<string, string> {
  return {
    name: `学生${n}`,
    idno: idNumber(n),
    school: "黄山市第一小学",
    stage: HS_STAGES[1].label,
    filed: "建档",
    family: "困难职工家庭",
    parent: `家长${n}`,
    source: HS_FUND_SOURCES[2],
    amount: "1000.00",
    bankcard: cardNumber(n),
    bank: "工商银行黄山分行",
    phone: "13812345678",
  };
}

let version = 0;
for (let from = 0; from < ROWS; from += 500) {
  const changes = [];
  for (let n = from; n < from + 500; n++)
    for (const [col, value] of Object.entries(student(n)))
      changes.push({ cell: `roster.r${String(n + 1).padStart(4, "0")}.${col}`, value });
  const res = await mf.dispatchFetch(REPORT, {
    method: "PATCH",
    headers: { ...AUTH, "Content-Type": "application/json", "If-Match": `"${version}"` },
    body: JSON.stringify({ baseVersion: version, changes }),
  });
  if (res.status !== 200) throw new Error(`PATCH: ${res.status} ${(await res.text()).slice(0, 300)}`);
  version = ((await res.json()) as { version: number }).version;
}

async function download(): Promise<Uint8Array> {
  const res = await mf.dispatchFetch(`${REPORT}/form.xlsx`, { headers: AUTH });
  if (res.status !== 200) throw new Error(`GET form.xlsx: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return new Uint8Array(await res.arrayBuffer());
}

async function upload(file: Uint8Array): Promise<{ changed: number }> {
  const res = await mf.dispatchFetch(`${REPORT}/import`, {
    method: "POST",
    headers: { ...AUTH, "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
    body: file,
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`POST import: ${res.status} ${text.slice(0, 500)}`);
  return JSON.parse(text) as { changed: number };
}

/** Every filled row's 助学金额 set to `amount`, in the column under the roster's header. */
function changeAmounts(book: ExcelJS.Workbook, amount: number): void {
  const sheet = book.worksheets.find((s) => s.state === "visible" && s.name !== "校验结果");
  if (!sheet) throw new Error("no form sheet");
  let header = 0;
  let col = 0;
  sheet.eachRow((row, r) => {
    row.eachCell((cell, c) => {
      if (!header && cell.value === "助学金额") [header, col] = [r, c];
    });
  });
  for (let r = header + 1; r <= header + ROWS; r++) sheet.getCell(r, col).value = amount;
}

const time = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const t = performance.now();
  const out = await fn();
  return [out, performance.now() - t];
};

const downloads: number[] = [];
const writes: number[] = [];
const imports: number[] = [];
const loads: number[] = [];
let fileBytes = 0;
for (let i = 0; i < ROUNDS + 1; i++) {
  const [drawn, tDownload] = await time(download);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(drawn as unknown as ArrayBuffer);
  changeAmounts(book, 1001 + i);
  const [written, tWrite] = await time(async () => new Uint8Array(await book.xlsx.writeBuffer()));
  const [, tLoad] = await time(() => new ExcelJS.Workbook().xlsx.load(written as unknown as ArrayBuffer));
  const [answer, tImport] = await time(() => upload(written));
  if (answer.changed !== ROWS) throw new Error(`import changed ${answer.changed} cells, expected ${ROWS}`);
  fileBytes = drawn.length;
  if (i === 0) continue; // warm-up
  downloads.push(tDownload);
  writes.push(tWrite);
  imports.push(tImport);
  loads.push(tLoad);
}

report(`import: POST a ${ROWS}-row roster workbook (workerd) vs exceljs loading the same file (Node)`, {
  subject: summarise(imports),
  baseline: summarise(loads),
});
report(`download: GET form.xlsx of ${ROWS} rows (workerd) vs exceljs writing the same workbook (Node)`, {
  subject: summarise(downloads),
  baseline: summarise(writes),
});
note("download: form.xlsx size", `${(fileBytes / 1024).toFixed(0)} KiB`);
note("bundle: worker minified", `${(bundleBytes / 1024).toFixed(1)} KiB`, "≤ 1 MB");
await worker.dispose();
printReport("工作簿下载与上传 (Miniflare + local D1 vs exceljs in Node, ratios from one run)");

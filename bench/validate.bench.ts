/**
 * Template validation: the rule engine (`validate()`, `Validator.set()`) against
 * hand-written checks of the same forms (bench/handwritten/*.ts), which share the
 * engine's clerk-input layer (`parseInput`) so the ratio is the engine's own
 * overhead: cell lookup, compiled rule closures, exact decimals, problem bookkeeping.
 *
 * Before timing anything, both sides must find the same problems (same number, and
 * the same ids) on the filled fixtures, on every crafted violation and on a few
 * extra inputs below; otherwise the bench prints the disagreement and exits 1.
 */
import { checkTemplate } from "../schemas/check";
import { OFFICIAL_TEMPLATES } from "../schemas/forms";
import type { Problem } from "../schemas/problem";
import type { Template } from "../schemas/template";
import { validate, Validator } from "../schemas/validate";
import {
  applyChange,
  FILLED_FORMS,
  HS_2022_ROSTER_VALUES,
  withIdCheck,
  withLuhn,
} from "../test/schemas/fixtures/filled";
import { compare, note, printReport, report } from "./harness";
import { check as hsActivity } from "./handwritten/hs-2022-activity";
import { check as hsNeed } from "./handwritten/hs-2022-need";
import { check as hsRoster } from "./handwritten/hs-2022-roster";
import { check as shJqzx } from "./handwritten/sh-2014-jqzx";
import { check as shYgjy } from "./handwritten/sh-2014-ygjy";

type Values = Record<string, string>;
type Check = (values: Values) => Problem[];

const HANDWRITTEN: Record<string, Check> = {
  "sh-2014-jqzx": shJqzx,
  "sh-2014-ygjy": shYgjy,
  "hs-2022-need": hsNeed,
  "hs-2022-activity": hsActivity,
  "hs-2022-roster": hsRoster,
};

function published(id: string): Template {
  const checked = checkTemplate(OFFICIAL_TEMPLATES.find((t) => t.id === id));
  if (!checked.ok) throw new Error(`${id}: ${JSON.stringify(checked.errors)}`);
  return checked.template;
}
const TEMPLATES = new Map(OFFICIAL_TEMPLATES.map((t) => [t.id, published(t.id)]));
const template = (id: string) => TEMPLATES.get(id) as Template;
const handwritten = (id: string) => HANDWRITTEN[id] as Check;

// ---------------------------------------------------------------- a realistic roster of any size

const HIGHER = "普通高等教育（含高职、大专）";
const SPECIAL = "特殊教育（残疾儿童）";
/** Stage, share of rows, ages drawn (inside the template's plausible range), schools. */
const STAGE_MIX: [string, number, [number, number], string[]][] = [
  ["学前教育", 0.1, [3, 6], ["屯溪区实验幼儿园", "休宁县海阳中心幼儿园", "歙县徽城镇幼儿园"]],
  ["义务教育", 0.35, [6, 15], ["休宁县海阳第二小学", "屯溪区柏树小学", "黄山区实验学校", "祁门县第一中学"]],
  ["高中阶段教育（含中等职业教育）", 0.2, [15, 18], ["休宁中学", "屯溪一中", "黄山职业技术学校", "歙县中学"]],
  [HIGHER, 0.3, [18, 23], ["安徽大学", "黄山学院", "合肥工业大学", "黄山职业技术学院", "安徽医科大学"]],
  [SPECIAL, 0.05, [6, 18], ["黄山市特殊教育学校"]],
];
const COUNTIES = ["341002", "341003", "341004", "341021", "341022", "341023", "341024"];
const SURNAMES = "汪程胡吴叶方黄江许王张李郑洪曹孙余戴姚潘".split("");
const GIVEN = "子涵思远雨桐佳怡梓轩欣然浩宇诗琪俊杰晓燕建国志强美华红梅国平文博一鸣若曦".split("");
const EMPLOYERS = [
  "休宁县海阳镇环卫所",
  "黄山市城市管理局",
  "外卖平台网约配送员",
  "歙县徽城镇个体经营",
  "屯溪区老街商户",
  "黄山旅游集团",
];
const BANKS: [string, string][] = [
  ["621700", "中国建设银行黄山分行"],
  ["622848", "中国农业银行休宁县支行"],
  ["621226", "中国工商银行屯溪支行"],
  ["623058", "休宁农村商业银行"],
  ["621483", "招商银行黄山分行"],
  ["622202", "中国工商银行歙县支行"],
];

/** mulberry32: the same roster on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function yuan(fen: number): string {
  const int = Math.floor(fen / 100);
  const frac = fen % 100;
  if (frac === 0) return String(int);
  return frac % 10 === 0 ? `${int}.${frac / 10}` : `${int}.${String(frac).padStart(2, "0")}`;
}

/** `n` valid rows of hs-2022-roster with summary items that match them: no problem at all. */
function roster(n: number, seed = 2022): Values {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const digits = (k: number) => Array.from({ length: k }, () => Math.floor(rnd() * 10)).join("");
  const name = () => pick(SURNAMES) + pick(GIVEN) + (rnd() < 0.7 ? pick(GIVEN) : "");
  const reference = Date.UTC(2022, 8, 1);
  const ids = new Set<string>();
  const values: Values = { "header.reporter": "程晓燕", "header.phone": "0559-7512345" };
  let total = 0;
  let provPersons = 0;
  let provTotal = 0;
  for (let i = 1; i <= n; i++) {
    let x = rnd();
    let mix = STAGE_MIX[STAGE_MIX.length - 1] as (typeof STAGE_MIX)[number];
    for (const m of STAGE_MIX) {
      if (x < m[1]) {
        mix = m;
        break;
      }
      x -= m[1];
    }
    const [stage, , [lo, hi], schools] = mix;
    // Born `age` whole years and a few more days before the reference date.
    const age = lo + Math.floor(rnd() * (hi - lo + 1));
    const born = new Date(reference - Math.floor((age * 365.25 + 1 + rnd() * 360) * 86_400_000));
    const birth = born.toISOString().slice(0, 10).replaceAll("-", "");
    let idno: string;
    do idno = withIdCheck(pick(COUNTIES) + birth + digits(3));
    while (ids.has(idno));
    ids.add(idno);
    const filed = rnd() < 0.4 ? "建档" : "非建档";
    const provincialOk = filed === "非建档" && (stage === HIGHER || stage === SPECIAL);
    const source = provincialOk && rnd() < 0.6 ? "省总经费" : pick(["市县工会帮扶资金", "社会捐助", "其他"]);
    // Whole yuan mostly, now and then with jiao/fen; 省总经费 at most 2000 元.
    const fen =
      source === "省总经费"
        ? 50_000 + Math.floor(rnd() * 16) * 10_000
        : (300 + Math.floor(rnd() * 7700)) * 100 + (rnd() < 0.1 ? Math.floor(rnd() * 100) : 0);
    total += fen;
    if (source === "省总经费") {
      provPersons++;
      provTotal += fen;
    }
    const [prefix, bank] = pick(BANKS);
    const row: Values = {
      name: name(),
      idno,
      school: pick(schools),
      stage,
      filed,
      family: rnd() < 0.85 ? "困难职工家庭" : "困难新就业形态劳动者家庭",
      parent: name(),
      source,
      amount: yuan(fen),
      bankcard: withLuhn(prefix + digits(9 + Math.floor(rnd() * 4))),
      bank,
      phone:
        rnd() < 0.8 ? `1${pick("3456789".split(""))}${digits(9)}` : `0559-${pick("2345678".split(""))}${digits(6)}`,
    };
    if (rnd() < 0.9) row.enrolment = rnd() < 0.3 ? "新入学" : "在读";
    if (rnd() < 0.85) row.employer = pick(EMPLOYERS);
    for (const [col, v] of Object.entries(row)) values[`roster.r${i}.${col}`] = v;
  }
  values.total_persons = String(n);
  values.total_amount = yuan(total);
  values.prov_persons = String(provPersons);
  values.prov_amount = yuan(provTotal);
  return values;
}

// ---------------------------------------------------------------- the two sides must agree

const ids = (ps: Problem[]) => ps.map((p) => p.id).sort();
let disagreements = 0;
let cases = 0;

function agree(formId: string, label: string, values: Values): void {
  cases++;
  const engine = validate(template(formId), values);
  const hand = handwritten(formId)(values);
  const a = ids(engine);
  const b = ids(hand);
  if (a.length === b.length && a.every((id, i) => id === b[i])) return;
  disagreements++;
  console.error(`DISAGREE ${formId} / ${label}: engine ${engine.length} problem(s), hand-written ${hand.length}`);
  console.error(`  only engine:       ${a.filter((id) => !b.includes(id)).join(", ") || "-"}`);
  console.error(`  only hand-written: ${b.filter((id) => !a.includes(id)).join(", ") || "-"}`);
}

const EXTRA: Record<string, Record<string, Record<string, string | null>>> = {
  "sh-2014-jqzx": {
    "unreadable total": { raised: "12a" },
    "blank required + bad phone": { granted: null, "header.phone": "12345" },
    "negative, too many decimals, unknown cell": { posts: "-1", raised_gov: "30.123", nosuch: "1" },
    "full-width input": { raised: "８２．５", aided: "４１２" },
  },
  "sh-2014-ygjy": {
    "ambiguous integer": { loan_times: "1.234" },
    "blank required": { grads: null, employed: "" },
    "huge amount": { jobhunt_amount: "99999999999999" },
  },
  "hs-2022-need": {
    "unreadable grid cell": { "applicants_filed.higher": "x" },
    "everything blank but the header": Object.fromEntries(
      Object.keys(FILLED_FORMS[2]?.values ?? {})
        .filter((k) => !k.startsWith("header"))
        .map((k) => [k, null]),
    ),
  },
  "hs-2022-activity": {
    "unreadable total": { "granted.total": "abc" },
    "several at once": { raised: "1", dream: "999", bluecollar_firms: "0", grads_employed: "100" },
  },
  "hs-2022-roster": {
    "unreadable stage on a 省总经费 row of a 建档 family": { "roster.r1.stage": "大学", "roster.r1.filed": "建档" },
    "unreadable amount, bad id check digit, blank name": {
      "roster.r2.amount": "五千",
      "roster.r3.idno": `${withIdCheck("34102220070620026").slice(0, 17)}0`,
      "roster.r4.name": "",
    },
    "a third row with r1's 身份证号 and a duplicate of r2": {
      "roster.r9.name": "汪子涵",
      "roster.r9.idno": HS_2022_ROSTER_VALUES["roster.r1.idno"] ?? null,
      "roster.r10.idno": HS_2022_ROSTER_VALUES["roster.r1.idno"] ?? null,
      "roster.r11.idno": HS_2022_ROSTER_VALUES["roster.r2.idno"] ?? null,
    },
    "blank-only row, unknown column, bad row id": {
      "roster.r20.name": "",
      "roster.r1.nosuch": "x",
      "roster.r 1.name": "张三",
      "roster.a.b.name": "x",
    },
    "amount zero and blank source": { "roster.r2.amount": "0", "roster.r2.source": null, total_amount: "6500" },
    "unreadable summary": { total_amount: "很多", prov_persons: "2.5" },
  },
};

for (const { templateId, values, violations } of FILLED_FORMS) {
  agree(templateId, "filled", values);
  for (const v of violations) agree(templateId, `violation ${v.ruleId}`, applyChange(values, v.change));
  for (const [label, change] of Object.entries(EXTRA[templateId] ?? {}))
    agree(templateId, label, applyChange(values, change));
}
const ROSTER_2K = roster(2_000, 7);
const ROSTER_10K = roster(10_000);
agree("hs-2022-roster", "2,000 generated rows", ROSTER_2K);
agree("hs-2022-roster", "10,000 generated rows", ROSTER_10K);
agree(
  "hs-2022-roster",
  "10,000 rows with injected mistakes",
  applyChange(ROSTER_10K, {
    "roster.r10.amount": "25000",
    "roster.r500.idno": ROSTER_10K["roster.r499.idno"] ?? null,
    "roster.r777.stage": "学前教育",
    "roster.r9999.bankcard": "6217001630004521",
    "roster.r1234.phone": null,
    total_persons: "9999",
  }),
);
if (validate(template("hs-2022-roster"), ROSTER_10K).length !== 0) {
  console.error("the generated 10,000-row roster should raise no problem");
  disagreements++;
}
if (disagreements > 0) {
  console.error(
    `\nThe hand-written checks disagree with the engine in ${disagreements} of ${cases} cases; no timing is meaningful.`,
  );
  process.exit(1);
}
console.log(`hand-written checks agree with the engine on all ${cases} inputs (same number of problems, same ids)`);

// ---------------------------------------------------------------- timings

for (const { templateId, values } of FILLED_FORMS) {
  const t = template(templateId);
  const hand = handwritten(templateId);
  report(
    `full check ${templateId} vs hand-written`,
    compare(
      () => validate(t, values),
      () => hand(values),
      1000,
    ),
    "≤ 2×",
  );
}

{
  const t = template("sh-2014-jqzx");
  const values = FILLED_FORMS[0]?.values as Values;
  const validator = new Validator(t, values);
  let flip = false;
  const edit = () => {
    flip = !flip;
    validator.set("raised_social", flip ? "23.5" : "22.5");
  };
  report(
    "one-cell set() sh-2014-jqzx vs full check",
    compare(edit, () => validate(t, values), 1000),
    "≪ 1×",
  );
}
{
  const t = template("hs-2022-roster");
  const validator = new Validator(t, ROSTER_2K);
  const cell = "roster.r7.amount";
  const before = ROSTER_2K[cell] as string;
  let flip = false;
  const edit = () => {
    flip = !flip;
    validator.set(cell, flip ? "1999.5" : before);
  };
  report(
    "one-cell set() roster 2,000 rows vs full check",
    compare(edit, () => validate(t, ROSTER_2K), 1500),
    "≪ 1×",
  );
}
{
  const t = template("hs-2022-roster");
  const r = compare(
    () => validate(t, ROSTER_10K),
    () => hsRoster(ROSTER_10K),
    5000,
  );
  report("full check roster 10,000 rows vs hand-written", r, "≤ 2×");
  note("full check roster 10,000 rows (engine, absolute)", `${r.subject.median.toFixed(1)} ms`, "≤ 100 ms");
  note("full check roster 10,000 rows (hand-written, absolute, for scale)", `${r.baseline.median.toFixed(1)} ms`);
}

printReport("Template validation");

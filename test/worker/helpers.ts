import { env, exports } from "cloudflare:workers";
import type { TemplateInput } from "../../schemas/template";
import type { UnitNode } from "../../schemas/units/unit";
import { checkTemplate } from "../../schemas/check";
import { seedStatements, type SeedRound, type SeedToken } from "../../scripts/seed";

/**
 * Two cities, a district with sub-units: enough for every relation of the
 * authorization matrix (own, parent, sibling, child, other city).
 */
export const TREE: UnitNode[] = [
  {
    code: "hs",
    name: "黄山市总工会",
    children: [
      {
        code: "hs-tunxi",
        name: "屯溪区总工会",
        children: [
          { code: "hs-tunxi-a", name: "屯溪区昱东街道工会" },
          { code: "hs-tunxi-b", name: "屯溪区老街街道工会" },
        ],
      },
      { code: "hs-huizhou", name: "徽州区总工会" },
    ],
  },
  { code: "sh", name: "上海市总工会", children: [{ code: "sh-pd", name: "浦东新区总工会" }] },
];

/** A small form in the shape of 金秋助学统计表: amounts in 万元, a count, a 名册. */
export const FORM: TemplateInput = {
  id: "test-jqzx",
  version: 1,
  title: "金秋助学情况统计表（测试）",
  issuer: "黄山市总工会",
  docNo: "黄工办〔2022〕20号",
  period: "2022年",
  dueDate: "2099-12-31",
  sections: [
    {
      kind: "items",
      key: "funds",
      items: [
        { key: "total", no: "1", label: "共筹集资金", unit: "万元", type: "decimal", scale: 2 },
        { key: "part", no: "", label: "其中：市级筹集", unit: "万元", type: "decimal", scale: 2, indent: 1 },
        { key: "people", no: "2", label: "资助学生", unit: "人", type: "integer" },
      ],
    },
    {
      kind: "roster",
      key: "roster",
      columns: [
        { key: "name", label: "姓名", type: "text" },
        { key: "amount", label: "资助金额", type: "money", unit: "元" },
      ],
    },
  ],
  rules: [
    { id: "R1", expr: "part <= total", severity: "error", message: "其中项不能大于合计" },
    { id: "W1", expr: "people <= 1000", severity: "warning", message: "资助人数超过 1000 人，请核实" },
  ],
};

export function checked(input: unknown = FORM) {
  const result = checkTemplate(input);
  if (!result.ok) throw new Error(`test template does not check: ${JSON.stringify(result.errors)}`);
  return result.template;
}

export const TOKENS = {
  admin: "hb_test_admin",
  cityReviewer: "hb_test_city_reviewer",
  filler: "hb_test_filler_tunxi",
  reviewer: "hb_test_reviewer_tunxi",
  fillerA: "hb_test_filler_tunxi_a",
  fillerHuizhou: "hb_test_filler_huizhou",
  fillerPd: "hb_test_filler_pd",
  revoked: "hb_test_revoked",
  /** A root unit's reviewer who may define forms, and a district's whose `author` counts for nothing. */
  cityAuthor: "hb_test_city_author",
  districtAuthor: "hb_test_district_author",
} as const;

const SEED_TOKENS: SeedToken[] = [
  { token: TOKENS.admin, role: "admin", unit: "hs", label: "管理员" },
  { token: TOKENS.cityReviewer, role: "reviewer", unit: "hs", label: "市总 权益保障部" },
  { token: TOKENS.filler, role: "filler", unit: "hs-tunxi", label: "屯溪区 张三" },
  { token: TOKENS.reviewer, role: "reviewer", unit: "hs-tunxi", label: "屯溪区 审核员" },
  { token: TOKENS.fillerA, role: "filler", unit: "hs-tunxi-a", label: "昱东街道 李四" },
  { token: TOKENS.fillerHuizhou, role: "filler", unit: "hs-huizhou", label: "徽州区 王五" },
  { token: TOKENS.fillerPd, role: "filler", unit: "sh-pd", label: "浦东 赵六" },
  { token: TOKENS.revoked, role: "filler", unit: "hs-tunxi", label: "已撤销" },
  { token: TOKENS.cityAuthor, role: "reviewer", unit: "hs", label: "市总 制表", permissions: ["author"] },
  { token: TOKENS.districtAuthor, role: "reviewer", unit: "hs-tunxi", label: "屯溪区 制表", permissions: ["author"] },
];

/** Units of a round rooted at hs that also report at the root level. */
export const HS_UNITS = ["hs", "hs-tunxi", "hs-tunxi-a", "hs-tunxi-b", "hs-huizhou"];

export async function runSql(statements: string[]): Promise<void> {
  for (let i = 0; i < statements.length; i += 50) {
    await env.DB.batch(statements.slice(i, i + 50).map((s) => env.DB.prepare(s)));
  }
}

/** Loads the tree, the form and the tokens; `rounds` are opened directly in SQL. */
export async function seed(rounds: SeedRound[] = []): Promise<void> {
  await runSql(await seedStatements({ units: TREE, templates: [checked()], rounds, tokens: SEED_TOKENS }));
  await env.DB.prepare("UPDATE tokens SET revoked_at = '2024-01-01T00:00:00Z' WHERE label = '已撤销'").run();
}

/** Opens more rounds after `seed()` (units and template already there). */
export async function seedRounds(rounds: SeedRound[]): Promise<void> {
  // seedStatements resolves rounds against its own input: build with the full input, keep the round rows.
  const all = await seedStatements({ units: TREE, templates: [checked()], rounds, tokens: [] });
  await runSql(all.filter((s) => s.startsWith("INSERT INTO rounds") || s.startsWith("INSERT INTO reports")));
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** Calls the Worker like a client would, with a bearer token (or none when null). */
export async function api<T = any>(
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResponse<T>> {
  const init: RequestInit = { method, headers: { ...headers } };
  const h = init.headers as Record<string, string>;
  if (token !== null) h.Authorization = `Bearer ${token}`;
  if (body !== undefined) {
    // A file (form.xlsx) goes as its bytes, with the Content-Type the caller names.
    init.body = typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body);
    h["Content-Type"] ??= "application/json";
  }
  const res = await exports.default.fetch(`http://huibiao.test/api/v1${path}`, init);
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

/** A report's values straight from D1. */
export async function storedValues(round: string, unit: string): Promise<Record<string, string>> {
  const { results } = await env.DB.prepare(
    `SELECT cell, value FROM report_cells WHERE report_id = (SELECT id FROM reports WHERE round_id = ? AND unit = ?) ORDER BY cell`,
  )
    .bind(round, unit)
    .all<{ cell: string; value: string }>();
  return Object.fromEntries(results.map((r) => [r.cell, r.value]));
}

/** Everything a write can touch, to assert a rejected request changed nothing. */
export async function storageSnapshot(): Promise<unknown> {
  const tables = [
    "reports",
    "report_cells",
    "audit",
    "audit_cells",
    "feed",
    "idempotency",
    "rounds",
    "templates",
    "tokens",
    "blind_index",
  ];
  const out: Record<string, unknown[]> = {};
  for (const t of tables) out[t] = (await env.DB.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()).results;
  return out;
}

/** GET a report and PATCH it from the version just read. */
export async function readVersion(token: string, round: string, unit: string): Promise<number> {
  const res = await api(token, "GET", `/rounds/${round}/reports/${unit}`);
  if (res.status !== 200) throw new Error(`GET report: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.version as number;
}

export function patch(
  token: string,
  round: string,
  unit: string,
  base: number,
  changes: { cell: string; value: string | number | null }[],
  extra: { explanations?: Record<string, string | null>; headers?: Record<string, string> } = {},
) {
  return api(
    token,
    "PATCH",
    `/rounds/${round}/reports/${unit}`,
    { baseVersion: base, changes, ...(extra.explanations ? { explanations: extra.explanations } : {}) },
    { "If-Match": `"${base}"`, ...extra.headers },
  );
}

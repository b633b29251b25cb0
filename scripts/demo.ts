/**
 * The demo data `npm start` loads into the local D1: both unit trees, the five
 * official templates, one open round per template and a token per role plus a
 * few district fillers. Run by scripts/start.mjs:
 *   tsx scripts/demo.ts <out.sql>   → writes the SQL and prints the tokens as JSON
 * The script opens the rounds for the current year (the notices' month and day);
 * `demoStatements()` without a year keeps the notices' dates, which the browser
 * tests check lateness against.
 */
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { chinaToday } from "../schemas/time";
import { seedStatements, tokenExpiry, type SeedToken } from "./seed";
import { officialRounds, officialTemplates, UNIT_TREES } from "./official";

/**
 * How long the demo tokens work: a long lifetime (the most POST /tokens grants) so a
 * demo left running keeps working; tokens expire since issue 12, and each `npm start`
 * seeds them afresh and prints the date.
 */
export const DEMO_TOKEN_DAYS = 365;

/** Local-only demo tokens: fixed so the README and a restarted `npm start` agree. */
const DEMO_TOKEN_LIST: Omit<SeedToken, "expiresInDays">[] = [
  { token: "hb_demo_admin", role: "admin", unit: "hs", label: "系统管理员（演示）" },
  { token: "hb_demo_reviewer_hs", role: "reviewer", unit: "hs", label: "黄山市总工会权益保障部（演示）" },
  // The city officers also make the forms (新建表单 in the pane; docs/definition-workbook.md).
  {
    token: "hb_demo_reviewer_sh",
    role: "reviewer",
    unit: "sh",
    label: "上海市总工会保障工作部（演示）",
    permissions: ["author"],
  },
  // May reveal 身份证号/银行卡号 in full with a stated purpose, each reveal logged (docs/privacy.md).
  {
    token: "hb_demo_reviewer_hs_pii",
    role: "reviewer",
    unit: "hs",
    label: "黄山市总工会 资助发放核对（演示，可查看个人信息）",
    permissions: ["pii"],
  },
  { token: "hb_demo_filler_tunxi", role: "filler", unit: "hs-tunxi", label: "屯溪区总工会（演示）" },
  { token: "hb_demo_filler_shexian", role: "filler", unit: "hs-shexian", label: "歙县总工会（演示）" },
  { token: "hb_demo_filler_huangpu", role: "filler", unit: "sh-huangpu", label: "黄浦区总工会（演示）" },
  { token: "hb_demo_filler_jiaoyu", role: "filler", unit: "sh-ju-jiaoyu", label: "上海市教育工会（演示）" },
];
export const DEMO_TOKENS: SeedToken[] = DEMO_TOKEN_LIST.map((t) => ({ ...t, expiresInDays: DEMO_TOKEN_DAYS }));

/** The year it is in China at `now`: the notices' due dates are China days. */
export function demoYear(now: Date): number {
  return Number(chinaToday(now).slice(0, 4));
}

export async function demoStatements(options: { year?: number; now?: string } = {}): Promise<string[]> {
  const templates = officialTemplates();
  const rounds = officialRounds(templates, options);
  return seedStatements({ units: UNIT_TREES, templates, rounds, tokens: DEMO_TOKENS, now: options.now });
}

// Only when run as a script: the browser tests import this module inside `vitest run`.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href && process.argv[2]) {
  const now = new Date();
  const statements = await demoStatements({ year: demoYear(now), now: now.toISOString() });
  writeFileSync(process.argv[2], statements.join("\n") + "\n");
  const expiresAt = tokenExpiry(now.toISOString(), DEMO_TOKEN_DAYS);
  console.log(JSON.stringify(DEMO_TOKENS.map((t) => ({ ...t, expiresAt }))));
}

import { env } from "cloudflare:workers";
import type { TemplateInput } from "../../../schemas/template";
import { seedStatements } from "../../../scripts/seed";
import { FORM, TREE, checked, runSql, seed } from "../helpers";
import { cardNumber, idNumber } from "./pii-numbers";

export { cardNumber, idNumber } from "./pii-numbers";

/** FORM with a 名册 of students: 身份证号 and 银行卡号 are sensitive by type. */
export const PII_FORM: TemplateInput = {
  ...FORM,
  id: "test-pii",
  rules: [],
  sections: [
    FORM.sections[0] as TemplateInput["sections"][number],
    {
      kind: "roster",
      key: "roster",
      columns: [
        { key: "name", label: "姓名", type: "text" },
        { key: "idcard", label: "身份证号", type: "idcard" },
        { key: "card", label: "银行卡号", type: "bankcard" },
        { key: "amount", label: "资助金额", type: "money", unit: "元" },
      ],
    },
  ],
};

/** Seeds the usual tree and tokens plus rounds of PII_FORM rooted at hs. */
export async function seedPii(rounds: string[]): Promise<void> {
  await seed();
  const all = await seedStatements({
    units: TREE,
    templates: [checked(), checked(PII_FORM)],
    rounds: rounds.map((id) => ({ id, templateId: "test-pii", templateVersion: 1, rootUnit: "hs" })),
    tokens: [],
  });
  await runSql(all.filter((s) => /^INSERT INTO (templates|rounds|reports)\b/.test(s) && !s.includes("'test-jqzx'")));
}

/** The cells of roster rows r<from>..r<from+count-1>. */
export function rosterRows(from: number, count: number): { cell: string; value: string }[] {
  const out: { cell: string; value: string }[] = [];
  for (let n = from; n < from + count; n++) {
    out.push({ cell: `roster.r${n}.name`, value: `学生${n}` });
    out.push({ cell: `roster.r${n}.idcard`, value: idNumber(n) });
    out.push({ cell: `roster.r${n}.card`, value: cardNumber(n) });
    out.push({ cell: `roster.r${n}.amount`, value: "1000" });
  }
  return out;
}

/** Every text of every table of D1 that contains one of `needles`: [table, text]. */
export async function findInDatabase(needles: string[]): Promise<[string, string][]> {
  const { results: tables } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations'",
  ).all<{ name: string }>();
  const found: [string, string][] = [];
  for (const { name } of tables) {
    const { results } = await env.DB.prepare(`SELECT * FROM "${name}"`).all<Record<string, unknown>>();
    for (const row of results) {
      const text = JSON.stringify(row);
      for (const n of needles) if (text.includes(n)) found.push([name, n]);
    }
  }
  return found;
}

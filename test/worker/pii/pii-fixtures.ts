import { env } from "cloudflare:workers";
import { seedStatements } from "../../../scripts/seed";
import type { TemplateInput } from "../../../schemas/template";
import { checked, runSql, TREE } from "../helpers";

/** A 助学名册 with the two sensitive columns: 身份证号 (unique within a roster) and 银行卡号. */
export const DUP_FORM: TemplateInput = {
  id: "test-dup",
  version: 1,
  title: "金秋助学名册（测试）",
  issuer: "黄山市总工会",
  docNo: "黄工办〔2022〕20号",
  period: "2022年",
  dueDate: "2099-12-31",
  sections: [
    {
      kind: "roster",
      key: "roster",
      title: "名册",
      columns: [
        { key: "name", label: "姓名", type: "text" },
        { key: "idno", label: "身份证号", type: "idcard" },
        { key: "card", label: "银行卡号", type: "bankcard" },
      ],
      unique: [["idno"]],
    },
  ],
};

/** Opens rounds of DUP_FORM (after `seed()`: units and tokens are there). */
export async function seedDupRounds(rounds: { id: string; period: string; rootUnit?: string }[]): Promise<void> {
  const all = await seedStatements({
    units: TREE,
    templates: [checked(DUP_FORM)],
    rounds: rounds.map((r) => ({
      id: r.id,
      templateId: "test-dup",
      templateVersion: 1,
      rootUnit: r.rootUnit ?? "hs",
      period: r.period,
    })),
    tokens: [],
  });
  await runSql(all.filter((s) => /^INSERT INTO (templates|rounds|reports)/.test(s)));
}

/** A valid 身份证号 (GB 11643 check digit) of a child born on `birth` (YYYYMMDD), serial `seq` (3 digits). */
export function idNumber(region: string, birth: string, seq: string): string {
  const body = `${region}${birth}${seq}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * (weights[i] as number), 0);
  return body + ("10X98765432"[sum % 11] as string);
}

/** A Luhn-valid 银行卡号 from its leading digits. */
export function cardNumber(head: string): string {
  const digits = [...head].map(Number);
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits[digits.length - 1 - i] as number;
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return head + String((10 - (sum % 10)) % 10);
}

/** Every row of the blind index, straight from D1. */
export async function indexRows(): Promise<Record<string, unknown>[]> {
  return (await env.DB.prepare("SELECT * FROM blind_index ORDER BY report_id, cell").all()).results;
}

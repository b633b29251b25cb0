import { seedStatements } from "../../../scripts/seed";
import type { TemplateInput } from "../../../schemas/template";
import type { CellValue, ReadCell, ReadSheet, ReadWorkbook } from "../../../worker/xlsx/workbook";
import { a1 } from "../../../schemas/layout/address";
import { checked, runSql, seed, TREE } from "../helpers";

/** A 助学名册 with every kind of column an import normalises, three of them required. */
export const ROSTER_FORM: TemplateInput = {
  id: "test-roster-file",
  version: 1,
  title: "金秋助学名册（导入测试）",
  issuer: "黄山市总工会",
  docNo: "黄工办〔2022〕20号",
  period: "2022年",
  dueDate: "2099-12-31",
  sections: [
    {
      kind: "roster",
      key: "roster",
      title: "受助学生名册",
      columns: [
        { key: "name", label: "学生姓名", type: "text", required: true, maxLength: 30 },
        { key: "idno", label: "身份证号", type: "idcard", required: true },
        { key: "stage", label: "就读阶段", type: "enum", options: ["义务教育", "高中阶段教育", "普通高等教育"] },
        { key: "paid", label: "发放日期", type: "date" },
        { key: "amount", label: "助学金额", type: "money", required: true, scale: 2, unit: "元" },
        { key: "card", label: "银行卡号", type: "bankcard" },
      ],
      unique: [["idno"]],
      rowRules: [
        {
          id: "amount-range",
          expr: "amount <= 0 or (amount >= 200 and amount <= 20000)",
          severity: "warning",
          message: "助学金额 {amount} 元不在 200～20000 元之间",
        },
      ],
      maxRows: 8,
    },
    {
      kind: "items",
      key: "summary",
      items: [{ key: "persons", label: "资助人数", unit: "人", type: "integer", calc: "count(roster)" }],
    },
  ],
};

/** Seeds the usual tree and tokens plus rounds of ROSTER_FORM rooted at hs. */
export async function seedRosterRounds(rounds: string[]): Promise<void> {
  await seed();
  const all = await seedStatements({
    units: TREE,
    templates: [checked(), checked(ROSTER_FORM)],
    rounds: rounds.map((id) => ({ id, templateId: ROSTER_FORM.id, templateVersion: 1, rootUnit: "hs" })),
    tokens: [],
  });
  await runSql(all.filter((s) => /^INSERT INTO (templates|rounds|reports)\b/.test(s) && !s.includes("'test-jqzx'")));
}

/** A cell as a reader gives it: text, a number (raw as the file writes it), or a ReadCell as is. */
export type TestCell = string | number | ReadCell | null | undefined;

export function num(value: number, raw = String(value), format?: string): ReadCell {
  return { value: { kind: "number", value, raw }, ...(format ? { format } : {}) };
}

function cellOf(v: Exclude<TestCell, null | undefined>): ReadCell {
  if (typeof v === "string") return { value: { kind: "string", value: v } satisfies CellValue };
  if (typeof v === "number") return num(v);
  return v;
}

/** A sheet from rows of cells; row 1 first, column A first. */
export function sheetOf(rows: TestCell[][], name = "Sheet1", state: ReadSheet["state"] = "visible"): ReadSheet {
  const cells = new Map<string, ReadCell>();
  rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== null && v !== undefined && v !== "") cells.set(a1(r + 1, c + 1), cellOf(v));
    }),
  );
  return { name, state, cells, tables: [] };
}

export function bookOf(sheets: ReadSheet[], date1904 = false): ReadWorkbook {
  return { sheets, date1904 };
}

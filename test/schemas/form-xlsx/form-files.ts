/** Shared steps of the form.xlsx tests: a form drawn for a template, read back with exceljs, its parts as text. */
import ExcelJS from "exceljs";
import { OFFICIAL_TEMPLATES } from "../../../schemas/forms";
import { Template } from "../../../schemas/template";
import { formWorkbook, type FormRequest } from "../../../worker/forms/form-workbook";
import { toXlsx, workbookParts } from "../../../worker/xlsx/write";
import { rosterRow } from "../../addin/roster-fixture";
import { rosterRowId } from "../../../schemas/layout/form/layout";

export const OFFICIAL: Template[] = OFFICIAL_TEMPLATES.map((t) => Template.parse(t));

export function official(id: string): Template {
  const t = OFFICIAL.find((x) => x.id === id);
  if (!t) throw new Error(`no template ${id}`);
  return t;
}

export const XIUNING = { code: "hs-xiuning", name: "休宁县总工会" };

export function request(template: Template, values: Record<string, string> = {}, more: Partial<FormRequest> = {}) {
  return { template, round: "2022-hs", unit: XIUNING, reportVersion: 7, values, ...more };
}

export async function drawn(r: FormRequest) {
  const form = await formWorkbook(r);
  const bytes = await toXlsx(form.sheets);
  const parts = new Map(workbookParts(form.sheets).map((p) => [p.name, p.text]));
  return { ...form, bytes, parts, book: await readBack(bytes) };
}

export async function readBack(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

/**
 * A Huangshan roster of `rows` rows by position: every third row's 资金来源 is
 * 省总经费 and its 助学金额 1500, the others 1000 from 市县工会帮扶资金.
 */
export function huangshanRoster(rows: number): Record<string, string> {
  const values: Record<string, string> = { "header.reporter": "程晓燕", "header.phone": "0559-7512345" };
  for (let i = 1; i <= rows; i++) {
    const row = rosterRow(i);
    if (i % 3 === 0) Object.assign(row, { source: "省总经费", amount: "1500" });
    for (const [col, v] of Object.entries(row)) values[`roster.${rosterRowId(i - 1)}.${col}`] = v;
  }
  return values;
}

/**
 * A downloaded form filled with raw values by exceljs, and what a spreadsheet
 * computed in it (the 校验结果 sheet and column of rule-checks.ts), read back
 * from the file it saved.
 */
import ExcelJS from "exceljs";
import type { CompiledTemplate } from "../../../../schemas/compile";
import { rosterRowId, type SheetLayout } from "../../../../schemas/layout/form/layout";
import { CHECK_SHEET, type RuleChecks } from "../../../../schemas/layout/form/rule-checks";
import { columnLetter } from "../../../../schemas/layout/address";
import type { Raw } from "./rule-values";

/** Raw values by cell key (`raised`, `roster.r0001.amount`). */
export type Values = Map<string, Raw>;

/**
 * The downloaded form (form.xlsx as the Worker writes it: shared roster formulas, protection,
 * validations) filled by exceljs with raw values at the layout's addresses, as a clerk's
 * spreadsheet would hold them, and saved to `path`.
 */
export async function writeForm(
  path: string,
  download: Uint8Array,
  layout: SheetLayout,
  values: Values,
): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(download as unknown as ExcelJS.Buffer);
  const form = wb.getWorksheet(layout.sheet) as ExcelJS.Worksheet;
  for (const c of layout.cells) {
    const raw = values.get(c.key);
    if (raw !== undefined) form.getCell(c.address).value = raw;
  }
  for (const table of layout.rosters) {
    for (let i = 0; i < table.rowCount; i++) {
      for (const col of table.columns) {
        const raw = values.get(`${table.key}.${rosterRowId(i)}.${col.key}`);
        if (raw !== undefined) form.getCell(table.firstRow + i, col.col).value = raw;
      }
    }
  }
  await wb.xlsx.writeFile(path);
}

export interface Verdict {
  /** 1 holds, 0 broken, 0.5 undecided. */
  state: number;
  text: string;
}

export interface Verdicts {
  /** Rule lines of the 校验结果 sheet by rule id. */
  lines: Map<string, Verdict>;
  /** Row rules per row: `ruleId@rowId`; `required@rowId`: the row's blank required cells (state = their count). */
  rows: Map<string, Verdict>;
  /** The form's 校验结果 column by row id. */
  column: Map<string, string>;
}

/** exceljs leaves out a cached 0, FALSE or "": a formula cell without a result holds one of those. */
function result(cell: ExcelJS.Cell): unknown {
  const v = cell.value;
  if (v && typeof v === "object" && "formula" in v) return (v as ExcelJS.CellFormulaValue).result;
  return v;
}

function asText(v: unknown): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "object" && "error" in (v as object)) return String((v as { error: string }).error);
  // LibreOffice saves text that mixes scripts as rich text runs.
  if (typeof v === "object" && "richText" in (v as object)) {
    return (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join("");
  }
  return String(v);
}

export async function readVerdicts(
  path: string,
  compiled: CompiledTemplate,
  layout: SheetLayout,
  checks: RuleChecks,
): Promise<Verdicts> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const check = wb.getWorksheet(CHECK_SHEET) as ExcelJS.Worksheet;
  const form = wb.getWorksheet(layout.sheet) as ExcelJS.Worksheet;
  const lines = new Map<string, Verdict>();
  for (const c of checks.sheet.cells) {
    if (!/^A\d+$/.test(c.address) || c.text === undefined) continue;
    const row = Number(c.address.slice(1));
    if (!checks.rules.some((r) => r.id === c.text) && !c.text.startsWith("required")) continue;
    const state = result(check.getCell(`D${row}`));
    lines.set(c.text, { state: Number(state ?? 0), text: asText(result(check.getCell(`C${row}`))) });
  }
  const rows = new Map<string, Verdict>();
  const column = new Map<string, string>();
  for (const table of layout.rosters) {
    const roster = compiled.rosterByKey.get(table.key);
    const header = (text: string) =>
      checks.sheet.cells.find((c) => c.text === text && Number(c.address.replace(/^[A-Z]+/, "")) === table.headerRow);
    for (const rule of roster?.rowRules ?? []) {
      const stateAt = header(`${rule.id} 状态`);
      const messageAt = header(`${rule.id} 提示`);
      if (!stateAt || !messageAt) continue;
      const sc = stateAt.address.replace(/\d+$/, "");
      const mc = messageAt.address.replace(/\d+$/, "");
      for (let i = 0; i < table.rowCount; i++) {
        const row = table.firstRow + i;
        const state = Number(result(check.getCell(`${sc}${row}`)) ?? 0);
        rows.set(`${rule.id}@${rosterRowId(i)}`, { state, text: asText(result(check.getCell(`${mc}${row}`))) });
      }
    }
    const countAt = header("必填未填");
    if (countAt) {
      const cc = countAt.address.replace(/\d+$/, "");
      for (let i = 0; i < table.rowCount; i++) {
        const count = Number(result(check.getCell(`${cc}${table.firstRow + i}`)) ?? 0);
        rows.set(`required@${rosterRowId(i)}`, { state: count, text: "" });
      }
    }
    const verdictCol = columnLetter(layout.columns + 1);
    for (let i = 0; i < table.rowCount; i++) {
      column.set(rosterRowId(i), asText(result(form.getCell(`${verdictCol}${table.firstRow + i}`))));
    }
  }
  return { lines, rows, column };
}

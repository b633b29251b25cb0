/**
 * Drill-down: one unit's report as a read-only sheet (the filler's layout,
 * every cell locked, no data validation) and its audit trail as lines the
 * pane lists. Pure except `drawDrillSheet`, which draws through a `FormWorkbook`.
 */
import type { HistoryEntry, Report } from "../../../../schemas/api/reports";
import { compiledOf, describeCell, locateCell } from "../../../../schemas/cells";
import { buildLayout, readOnlyLayout, type SheetLayout } from "../../../../schemas/layout/form/layout";
import { STATUS_LABEL, statusText } from "../../../../schemas/status";
import type { Template } from "../../../../schemas/template";
import { chinaDateTime } from "../../../../schemas/time";
import { validate } from "../../../../schemas/validate";
import type { CellMark, FormWorkbook } from "../../../sheet/form-workbook";

/** Sheet names: ≤ 31 characters, none of []:*?/\ and unlike the officer's own sheets. */
export function drillSheetName(unitName: string): string {
  const name = `${unitName.replace(/[[\]:*?/\\']/g, "")} 报表`;
  return Array.from(name).slice(0, 31).join("");
}

/** Rows of each roster the report fills (at least one), so every row has a place. */
function rosterRowsNeeded(template: Template, values: Readonly<Record<string, string>>): number {
  let rows = 1;
  for (const s of template.sections) {
    if (s.kind !== "roster") continue;
    const ids = new Set(
      Object.keys(values)
        .filter((k) => k.startsWith(`${s.key}.`))
        .map((k) => k.split(".")[1]),
    );
    rows = Math.max(rows, ids.size);
  }
  return rows;
}

export function drillLayout(template: Template, report: Pick<Report, "unitName" | "values">): SheetLayout {
  return readOnlyLayout(
    buildLayout(template, {
      unitName: report.unitName,
      sheetName: drillSheetName(report.unitName),
      rosterRows: rosterRowsNeeded(template, report.values),
    }),
  );
}

/** The report's problems as marks; a warning carries its 上报说明 so the officer reads both on the cell. */
export function drillMarks(
  template: Template,
  report: Pick<Report, "values" | "explanations" | "previous">,
): CellMark[] {
  return validate(template, report.values, report.previous).flatMap((p) => {
    const note = report.explanations[p.id];
    const text = note ? `${p.message}\n【上报说明】${note}` : p.message;
    return p.cells.slice(0, 1).map((cell) => ({ cell, severity: p.severity, note: text }));
  });
}

/** Draws (or, when `fresh` is false and the sheet exists, rewrites) a unit's report read-only. */
export async function drawDrillSheet(
  forms: FormWorkbook,
  template: Template,
  report: Report,
  fresh: boolean,
): Promise<void> {
  const layout = drillLayout(template, report);
  if (fresh || !(await forms.attachForm(layout))) await forms.renderForm(layout);
  const values: Record<string, string | null> = {};
  // Blank cells are cleared (a rewrite after a change), but the 填报单位 the layout printed stays.
  for (const c of layout.cells)
    if (c.kind !== "header" || report.values[c.key] !== undefined) values[c.key] = report.values[c.key] ?? null;
  for (const [k, v] of Object.entries(report.values)) values[k] = v;
  await forms.writeValues(layout.sheet, values);
  await forms.markCells(layout.sheet, drillMarks(template, report), []);
}

/** Whether a submitted report may be approved without a second look: no error, every warning explained. */
export function isClean(
  template: Template,
  report: Pick<Report, "values" | "explanations" | "previous">,
): { clean: boolean; why: string | null } {
  const problems = validate(template, report.values, report.previous);
  const errors = problems.filter((p) => p.severity === "error").length;
  if (errors > 0) return { clean: false, why: `有 ${errors} 个错误` };
  const unexplained = problems.filter((p) => p.severity === "warning" && !report.explanations[p.id]?.trim()).length;
  if (unexplained > 0) return { clean: false, why: `有 ${unexplained} 个警告没有上报说明` };
  return { clean: true, why: null };
}

const ACTION: Record<string, string> = {
  patch: "修改",
  submit: "上报",
  return: "退回",
  approve: "审核通过",
  lock: "锁定",
  create: "创建",
};

/** One audit entry as the pane shows it. */
export interface HistoryLine {
  version: number;
  /** `2014-09-02 10:23:05` (China Standard Time). */
  at: string;
  who: string;
  what: string;
  /** Cell changes: `第 1 项「共筹集资金」：空 → 82.5`. */
  changes: string[];
}

export function historyLines(template: Template, entries: readonly HistoryEntry[]): HistoryLine[] {
  const compiled = compiledOf(template);
  const name = (cell: string) => {
    if (cell.startsWith("note:")) return `上报说明（${cell.slice(5)}）`;
    const at = locateCell(compiled, cell);
    return at ? describeCell(at) : cell;
  };
  const shown = (v: string | null) => (v === null || v === "" ? "空" : v);
  // Changes in form order, as the clerk reads the sheet; rosters and notes after.
  const position = new Map(compiled.cells.map((c, i) => [c.key, i]));
  const rank = (cell: string) => position.get(cell) ?? Number.MAX_SAFE_INTEGER;
  return [...entries].reverse().map((e) => {
    const reason = typeof e.detail.reason === "string" ? `：${e.detail.reason}` : "";
    return {
      version: e.version,
      at: chinaDateTime(e.at),
      who: e.actor,
      what: `${ACTION[e.action] ?? e.action}${reason}`,
      changes: [...e.cells]
        .sort((a, b) => rank(a.cell) - rank(b.cell))
        .map((c) => `${name(c.cell)}：${shown(c.old)} → ${shown(c.new)}`),
    };
  });
}

export function reportStatusText(report: Pick<Report, "status" | "late" | "returnReason">): string {
  return report.status === "returned" && report.returnReason
    ? `${STATUS_LABEL.returned}：${report.returnReason}`
    : statusText(report.status, report.late);
}

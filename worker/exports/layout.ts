import type { Consolidation, UnitStatus } from "../../schemas/api/consolidation";
import type { ReportStatus } from "../../schemas/api/reports";
import { compiledOf } from "../../schemas/cells";
import type { Problem } from "../../schemas/problem";
import { compareRowIds } from "../../schemas/rows";
import { STATUS_LABEL, statusText } from "../../schemas/status";
import type { Column, GridSection, ItemsSection, ListSection, Template } from "../../schemas/template";
import { bold, num, title, type Sheet, type SheetCell } from "./sheet";

/**
 * The official layout of a form as sheets: title, issuer and 文号, the
 * 填报单位 / 填报人 / 联系电话 header, then the sections as printed — 序号 / 项目
 * (the label verbatim) / 数值 / 单位 for items, a table for a grid, a table for a
 * roster — and the 上报说明. A consolidation adds the per-unit matrix, the
 * completeness and the problems found on the totals.
 */
type Values = Record<string, string>;

function heading(template: Template): SheetCell[][] {
  const source = [template.issuer, template.docNo, template.attachment ?? ""].filter(Boolean).join("  ");
  return [[title(template.title)], [source]];
}

function scaleOf(f: { scale?: number }): number {
  return f.scale ?? 0;
}

function itemsRows(section: ItemsSection, values: Values): SheetCell[][] {
  const rows: SheetCell[][] = [[bold("序号"), bold("项目"), bold("数值"), bold("单位")]];
  for (const item of section.items) rows.push([item.no, item.label, num(values[item.key], scaleOf(item)), item.unit]);
  return rows;
}

function gridRows(section: GridSection, values: Values): SheetCell[][] {
  const rows: SheetCell[][] = [[bold("序号"), bold("项目"), ...section.columns.map((c) => bold(c.label)), bold("单位")]];
  for (const row of section.rows) {
    rows.push([
      row.no,
      row.label,
      ...section.columns.map((c) => num(values[`${row.key}.${c.key}`], scaleOf(row))),
      row.unit,
    ]);
  }
  return rows;
}

function isNumericColumn(c: Column): boolean {
  return c.type === "integer" || c.type === "money";
}

function columnScale(c: Column): number {
  return c.type === "money" ? (c.scale ?? 2) : 0;
}

/** Roster rows of one list, in row order: rowId → column → value. */
function rosterOf(list: ListSection, values: Values): [string, Values][] {
  const prefix = `${list.key}.`;
  const rows = new Map<string, Values>();
  for (const [key, value] of Object.entries(values)) {
    if (!key.startsWith(prefix)) continue;
    const last = key.lastIndexOf(".");
    if (last <= prefix.length) continue;
    const rowId = key.slice(prefix.length, last);
    let row = rows.get(rowId);
    if (!row) rows.set(rowId, (row = {}));
    row[key.slice(last + 1)] = value;
  }
  return [...rows.entries()].sort((a, b) => compareRowIds(a[0], b[0]));
}

function listRows(list: ListSection, values: Values): SheetCell[][] {
  const rows: SheetCell[][] = [[bold("序号"), ...list.columns.map((c) => bold(c.label))]];
  rosterOf(list, values).forEach(([, row], i) => {
    rows.push([String(i + 1), ...list.columns.map((c) => (isNumericColumn(c) ? num(row[c.key], columnScale(c)) : (row[c.key] ?? null)))]);
  });
  return rows;
}

function sectionTitle(section: { title?: string | undefined }, fallback: string): SheetCell[] {
  return [bold(section.title ?? fallback)];
}

export interface ReportExport {
  template: Template;
  unit: { code: string; name: string };
  status: ReportStatus;
  values: Values;
  explanations: Values;
  /** The report's current problems, to print the warning each 上报说明 explains. */
  problems: Problem[];
}

/** One sheet: the report as the printed form. */
export function reportSheets(r: ReportExport): Sheet[] {
  const { template, values } = r;
  const rows: SheetCell[][] = heading(template);
  rows.push([bold("填报单位"), r.unit.name, bold("填报期间"), template.period, bold("状态"), STATUS_LABEL[r.status]]);
  const header: SheetCell[] = [];
  for (const field of template.header) header.push(bold(field.label), values[`header.${field.key}`] ?? null);
  if (header.length > 0) rows.push(header);
  for (const section of template.sections) {
    rows.push([]);
    if (section.kind === "items") rows.push(sectionTitle(section, "统计项目"), ...itemsRows(section, values));
    else if (section.kind === "grid") rows.push(sectionTitle(section, "统计表"), ...gridRows(section, values));
    else rows.push(sectionTitle(section, "名册"), ...listRows(section, values));
  }
  const notes = Object.entries(r.explanations);
  if (notes.length > 0) {
    const byId = new Map(r.problems.map((p) => [p.id, p]));
    rows.push([], [bold("上报说明")], [bold("问题编号"), bold("提示"), bold("说明")]);
    for (const [id, text] of notes) rows.push([id, byId.get(id)?.message ?? null, text]);
  }
  return [{ name: template.title, rows }];
}

/** The sheets of a consolidation: 汇总表, 分单位明细, 完成情况, 上报说明, 审核提示. */
export function consolidationSheets(template: Template, c: Consolidation, units: UnitStatus[]): Sheet[] {
  const m = c.matrix ?? { units: [], cells: [], rows: [] };
  const compiled = compiledOf(template);
  const included = c.include.filter((t) => t !== "rows").map((t) => STATUS_LABEL[t]).join("、");
  const summary: SheetCell[][] = heading(template);
  summary[0] = [title(`${template.title}（汇总）`)];
  summary.push(
    [bold("汇总单位"), c.unit.name, bold("填报期间"), c.period, bold("汇总范围"), included],
    [bold("应报单位"), String(c.completeness.expected), bold(`${STATUS_LABEL.submitted}单位`), String(c.completeness.reported), bold("逾期"), String(c.completeness.late)],
  );
  for (const section of template.sections) {
    summary.push([]);
    if (section.kind === "items") summary.push(sectionTitle(section, "统计项目"), ...itemsRows(section, c.totals));
    else if (section.kind === "grid") summary.push(sectionTitle(section, "统计表"), ...gridRows(section, c.totals));
    else {
      const list = c.lists.find((l) => l.key === section.key);
      const numeric = section.columns.filter(isNumericColumn);
      summary.push(sectionTitle(section, "名册"), [bold("单位编码"), bold("单位名称"), bold("人数（行数）"), ...numeric.map((col) => bold(`${col.label}合计`))]);
      const names = new Map(units.map((u) => [u.code, u.name]));
      for (const u of list?.byUnit ?? []) {
        summary.push([u.unit, names.get(u.unit) ?? "", num(String(u.rows), 0), ...numeric.map((col) => num(u.totals[col.key], columnScale(col)))]);
      }
      summary.push([bold("合计"), null, num(String(list?.rows ?? 0), 0, true), ...numeric.map((col) => num(list?.totals[col.key], columnScale(col), true))]);
    }
  }

  // Items as rows, units as columns: the shape of `matrix`, with labels and the total.
  const matrix: SheetCell[][] = [
    [bold("项目"), bold("单位"), bold("合计"), ...m.units.map((u) => bold(u.name))],
    [bold("单位编码"), null, null, ...m.units.map((u) => u.code)],
    [bold("状态"), null, null, ...m.units.map((u) => statusText(u.status, u.late))],
  ];
  m.cells.forEach((key, i) => {
    const cell = compiled.cellByKey.get(key);
    const scale = cell?.spec.kind === "integer" || cell?.spec.kind === "decimal" ? cell.spec.scale : 0;
    const row = m.rows[i] ?? [];
    matrix.push([cell?.where ?? key, cell?.unit ?? null, num(c.totals[key], scale, true), ...row.map((v) => num(v, scale))]);
  });

  const statusRows: SheetCell[][] = [
    [bold("单位编码"), bold("单位名称"), bold("状态"), bold("是否逾期"), bold("上报时间"), bold("错误"), bold("提醒"), bold("未说明提醒")],
  ];
  for (const u of units) {
    statusRows.push([u.code, u.name, STATUS_LABEL[u.status], u.late ? "逾期" : "", u.submittedAt, count(u.errors), count(u.warnings), count(u.unexplained)]);
  }

  const notes: SheetCell[][] = [[bold("单位编码"), bold("单位名称"), bold("问题编号"), bold("提示"), bold("上报说明")]];
  for (const n of c.notes) notes.push([n.unit, n.unitName, n.problemId, n.message, n.text]);

  const problems: SheetCell[][] = [[bold("规则"), bold("级别"), bold("提示")]];
  for (const p of c.problems) problems.push([p.ruleId, p.severity === "error" ? "错误" : "提醒", p.message]);

  return [
    { name: "汇总表", rows: summary },
    { name: "分单位明细", rows: matrix },
    { name: "完成情况", rows: statusRows },
    { name: "上报说明", rows: notes },
    { name: "审核提示", rows: problems },
  ];
}

/** A problem count as a number cell; not checked yet (null) stays blank. */
function count(n: number | null): SheetCell {
  return n === null ? null : num(String(n), 0);
}

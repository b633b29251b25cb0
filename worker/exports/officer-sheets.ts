import type { Consolidation, UnitStatus } from "../../schemas/api/consolidation";
import { a1 } from "../../schemas/layout/address";
import { numberFormatOf } from "../../schemas/layout/form/cell-rules";
import { columnField } from "../../schemas/layout/form/fields";
import { SEVERITY_LABEL } from "../../schemas/layout/form/marks";
import { rosterValues } from "../../schemas/layout/officer/consolidated-roster";
import { consolidatedStampAddress, type ConsolidatedSheet } from "../../schemas/layout/officer/consolidated-sheet";
import { matrixHeader, type MatrixLayout } from "../../schemas/layout/officer/matrix-sheet";
import { officerSheets } from "../../schemas/layout/officer/plan";
import { STATUS_COLUMNS, stampText, statusHeaders, type StatusLayout } from "../../schemas/layout/officer/status-sheet";
import { officerUnit, officerViewOf, placeNotes, type OfficerView } from "../../schemas/layout/officer/view";
import { STATUS_LABEL } from "../../schemas/status";
import type { Column, Template } from "../../schemas/template";
import { serialToDateTime } from "../../schemas/time";
import { duplicatesSheet } from "./duplicates-sheet";
import { drawExplanations, drawLayout } from "./form-sheet";
import { num, SheetGrid, text, type Sheet } from "../xlsx/sheet";

/**
 * A consolidation as the officer's sheets (schemas/layout/officer, `officerSheets`),
 * drawn as the add-in draws them: the consolidated form with the node's totals
 * and its 上报说明 list, 分单位明细 (the matrix) and 填报情况 (the status sheet),
 * then two lists the officer's sheets have no place for: the rosters' totals
 * (名册汇总) and the rules re-run on the totals (审核提示, marks on cells in the
 * add-in). Values are the consolidation's exact texts; 合计 is the exact total
 * where the add-in writes a SUM formula, so the file holds no formula at all.
 */
export function consolidationSheets(template: Template, c: Consolidation, units: UnitStatus[]): Sheet[] {
  const view = officerViewOf(c, template);
  // Every unit of the subtree, in tree order (the add-in sorts the same rows so).
  const notes = new Map<string, number>();
  for (const n of c.notes) notes.set(n.unit, (notes.get(n.unit) ?? 0) + 1);
  view.units = units.map((u) => officerUnit(u, notes.get(u.code) ?? 0));
  view.notes = placeNotes(template, view);
  const plan = officerSheets(view);
  const stamp = stampText(new Date(c.generatedAt));
  const scope = c.include
    .filter((t) => t !== "rows")
    .map((t) => STATUS_LABEL[t])
    .join("、");
  const sheets = [
    consolidatedSheet(plan.consolidated, `${stamp}　汇总范围：${scope}`),
    matrixSheet(plan.matrix, view, c.totals, stamp),
    statusSheet(plan.status, stamp),
  ];
  if (c.rosters.length > 0) sheets.push(rostersSheet(template, c, units));
  sheets.push(problemsSheet(c));
  if (c.duplicates?.length) sheets.push(duplicatesSheet(c, view.rosters));
  return sheets;
}

function consolidatedSheet(sheet: ConsolidatedSheet, stamp: string): Sheet {
  const grid = drawLayout(sheet.layout, { ...sheet.totals, ...rosterValues(sheet.layout, sheet.rosters) });
  grid.put(consolidatedStampAddress(sheet.layout), text(stamp, "stamp"));
  // Two lines are the list's title and header: anything more is a 上报说明 or a 跨单位重复.
  if (sheet.list.rows.length > 2) drawExplanations(grid, sheet.list);
  return grid.toSheet();
}

/** officer-draw.ts drawMatrix: title, stamp, the 各单位数值 band, the header, one row per numeric cell. */
function matrixSheet(layout: MatrixLayout, view: OfficerView, totals: Record<string, string>, stamp: string): Sheet {
  const grid = new SheetGrid(layout.sheet);
  grid.widths = layout.columnWidths;
  grid.put("A1", text(layout.title, "heading"));
  grid.put(layout.stampAddress, text(stamp, "stamp"));
  if (layout.units.length > 0) grid.set(layout.bandRow, layout.firstUnitCol, text("各单位数值", "columnHeader"));
  matrixHeader(layout).forEach((h, i) => {
    if (h) grid.set(layout.headerRow, i + 1, text(h, "columnHeader"));
  });
  layout.rows.forEach((row, i) => {
    const r = layout.firstRow + i;
    if (row.no) grid.set(r, 1, text(row.no, "number"));
    grid.set(r, 2, text(row.label, "label", row.indent));
    grid.set(r, 3, text(row.unit, "unit"));
    layout.units.forEach((u, j) =>
      grid.set(r, layout.firstUnitCol + j, num(view.matrix.values[u.code]?.[row.cell], row.numberFormat)),
    );
    grid.set(r, layout.totalCol, num(totals[row.cell], row.numberFormat, true));
  });
  return grid.toSheet();
}

/** officer-draw.ts drawStatus: title, stamp, the counts by status, the header, one row per unit. */
function statusSheet(layout: StatusLayout, stamp: string): Sheet {
  const grid = new SheetGrid(layout.sheet);
  grid.widths = STATUS_COLUMNS.map((c) => c.width);
  grid.put("A1", text(layout.title, "heading"));
  grid.put(layout.stampAddress, text(stamp, "stamp"));
  grid.put(layout.summaryAddress, layout.summary);
  for (const h of statusHeaders(layout)) grid.put(h.address, text(h.text, "columnHeader"));
  layout.values.forEach((row, r) =>
    row.forEach((v, col) => {
      const format = STATUS_COLUMNS[col]?.numberFormat ?? "General";
      const address = a1(layout.firstRow + r, col + 1);
      if (typeof v !== "number") grid.put(address, v);
      // 提交时间 is a date-time serial; CSV prints it as the cell shows it.
      else if (format.startsWith("yyyy")) grid.put(address, { number: String(v), format, shown: serialToDateTime(v) });
      else grid.put(address, num(String(v), format));
    }),
  );
  return grid.toSheet();
}

/** Each roster: one numbered line per unit with its rows and column totals, then the overall total (the rows themselves are on the consolidated sheet with include=rows). */
function rostersSheet(template: Template, c: Consolidation, units: UnitStatus[]): Sheet {
  const grid = new SheetGrid("名册汇总");
  const names = new Map(units.map((u) => [u.code, u.name]));
  let row = 1;
  for (const roster of c.rosters) {
    const section = template.sections.find((s) => s.kind === "roster" && s.key === roster.key);
    const numeric =
      section?.kind === "roster" ? section.columns.filter((col) => col.type === "integer" || col.type === "money") : [];
    const format = (col: Column) => numberFormatOf(columnField(col, col.label));
    grid.set(row++, 1, text(roster.title, "sectionTitle"));
    grid.line(
      row++,
      ["序号", "单位编码", "单位名称", "行数", ...numeric.map((col) => `${col.label}合计`)].map((h) =>
        text(h, "columnHeader"),
      ),
    );
    roster.byUnit.forEach((u, i) => {
      grid.line(row++, [
        num(String(i + 1), "0"),
        u.unit,
        names.get(u.unit) ?? null,
        num(String(u.rows), "0"),
        ...numeric.map((col) => num(u.totals[col.key], format(col))),
      ]);
    });
    grid.line(row, [
      text("合计", "bold"),
      null,
      null,
      num(String(roster.rows), "0", true),
      ...numeric.map((col) => num(roster.totals[col.key], format(col), true)),
    ]);
    row += 2;
  }
  return grid.toSheet();
}

/** The template's rules re-run on the totals. */
function problemsSheet(c: Consolidation): Sheet {
  const grid = new SheetGrid("审核提示");
  grid.line(
    1,
    ["规则", "级别", "提示"].map((h) => text(h, "columnHeader")),
  );
  c.problems.forEach((p, r) => grid.line(r + 2, [p.ruleId, SEVERITY_LABEL[p.severity], p.message]));
  return grid.toSheet();
}

/**
 * Drawing the officer's status and matrix sheets with Office.js: everything is
 * queued on the caller's context and sent in its one sync. Values, number
 * formats and formulas go in whole-range writes, so the number of proxies
 * grows with the number of columns of distinct width and of indented rows,
 * never with the number of units.
 */
import { a1, columnLetter, rangeAddress } from "../../schemas/layout/address";
import { applyLook } from "./office-draw";
import type { ConditionalRule } from "../../schemas/layout/officer/status-sheet";
import { STATUS_COLUMNS, statusHeaders, type StatusLayout } from "../../schemas/layout/officer/status-sheet";
import { matrixHeader, type MatrixLayout } from "../../schemas/layout/officer/matrix-sheet";

export function drawStatus(ws: Excel.Worksheet, layout: StatusLayout, stamp: string): void {
  const width = STATUS_COLUMNS.length;
  const bottom = Math.max(layout.firstRow, layout.firstRow + layout.values.length - 1);
  const values: (string | number)[][] = [
    [layout.title, ...pad(width - 1)],
    [stamp, ...pad(width - 1)],
    [layout.summary, ...pad(width - 1)],
    statusHeaders(layout).map((h) => h.text),
    ...layout.values.map((row) => row.map((v) => v ?? "")),
  ];
  if (layout.values.length === 0) values.push(pad(width));
  const formats: string[][] = values.map((_, i) =>
    i < layout.headerRow ? STATUS_COLUMNS.map(() => "@") : STATUS_COLUMNS.map((c) => c.numberFormat),
  );
  const used = ws.getRange(rangeAddress({ top: 1, left: 1, bottom, right: width }));
  used.numberFormat = formats;
  used.values = values;
  used.format.verticalAlignment = "Center";
  STATUS_COLUMNS.forEach((c, i) => {
    ws.getRange(`${columnLetter(i + 1)}:${columnLetter(i + 1)}`).format.columnWidth = pixels(c.width);
  });
  title(ws.getRange("A1"));
  applyLook(ws.getRange(layout.stampAddress).format, "stamp");
  header(ws.getRange(rangeAddress({ top: layout.headerRow, left: 1, bottom: layout.headerRow, right: width })).format);
  ws.getRange(rangeAddress({ top: layout.firstRow, left: 2, bottom, right: width })).format.horizontalAlignment =
    "Center";
  conditionalFormats(ws, layout.conditionalFormats);
  // Each row's unit code, hidden: a sort moves it with its row, and a refresh finds the row by it.
  const key = columnLetter(layout.keyColumn);
  if (layout.units.length > 0) {
    const keys = ws.getRange(`${key}${layout.firstRow}:${key}${bottom}`);
    keys.numberFormat = layout.units.map(() => ["@"]);
    keys.values = layout.units.map((u) => [u.code]);
  }
  ws.getRange(`${key}:${key}`).columnHidden = true;
  ws.autoFilter.apply(ws.getRange(layout.tableRange));
  ws.freezePanes.freezeRows(layout.headerRow);
}

export function drawMatrix(ws: Excel.Worksheet, layout: MatrixLayout, stamp: string): void {
  const { firstRow, lastRow, headerRow, bandRow, firstUnitCol, totalCol, shareCol, rows, units } = layout;
  const n = rows.length;
  const head = matrixHeader(layout);
  // Left part (labels and unit values) in one write; 合计 and 占比 are formulas, written after.
  const lastValueCol = totalCol - 1;
  const left: (string | number)[][] = [];
  for (let r = 1; r <= lastRow; r++) left.push(pad(lastValueCol));
  (left[0] as (string | number)[])[0] = layout.title;
  (left[1] as (string | number)[])[0] = stamp;
  if (units.length > 0) (left[bandRow - 1] as (string | number)[])[firstUnitCol - 1] = "各单位数值";
  left[headerRow - 1] = head.slice(0, lastValueCol);
  rows.forEach((row, i) => {
    const line = [row.no, row.label, row.unit, ...(layout.values[i] ?? []).map((v) => v ?? "")];
    left[firstRow - 1 + i] = line;
  });
  const formats = left.map((line, i) =>
    i >= firstRow - 1 && rows[i - firstRow + 1]
      ? line.map((_, c) => (c < firstUnitCol - 1 ? "@" : (rows[i - firstRow + 1]?.numberFormat ?? "General")))
      : line.map(() => "@"),
  );
  const used = ws.getRange(rangeAddress({ top: 1, left: 1, bottom: lastRow, right: lastValueCol }));
  used.numberFormat = formats;
  used.values = left;
  used.format.verticalAlignment = "Center";

  ws.getRange(a1(headerRow, totalCol)).values = [["合计"]];
  if (n > 0) {
    const total = ws.getRange(rangeAddress({ top: firstRow, bottom: lastRow, left: totalCol, right: totalCol }));
    total.numberFormat = rows.map((r) => [r.numberFormat]);
    total.formulasR1C1 = rows.map(() => [layout.totalFormulaR1C1]);
    total.format.font.bold = true;
  }
  if (shareCol !== undefined && layout.shareFormulaR1C1 && units.length > 0) {
    const right = shareCol + units.length - 1;
    ws.getRange(a1(bandRow, shareCol)).values = [["占比"]];
    ws.getRange(rangeAddress({ top: headerRow, bottom: headerRow, left: shareCol, right })).values = [
      head.slice(shareCol - 1),
    ];
    if (n > 0) {
      const share = ws.getRange(rangeAddress({ top: firstRow, bottom: lastRow, left: shareCol, right }));
      share.numberFormat = rows.map(() => units.map(() => "0.0%"));
      share.formulasR1C1 = rows.map(() => units.map(() => layout.shareFormulaR1C1 as string));
    }
    ws.getRange(`${columnLetter(totalCol + 1)}:${columnLetter(totalCol + 1)}`).format.columnWidth = pixels(2);
    ws.getRange(`${columnLetter(shareCol)}:${columnLetter(right)}`).format.columnWidth = pixels(10);
  }

  // Widths by runs of equal width: 3 proxies for the label columns, one for all units.
  ws.getRange("A:A").format.columnWidth = pixels(layout.columnWidths[0] ?? 6);
  ws.getRange("B:B").format.columnWidth = pixels(layout.columnWidths[1] ?? 40);
  ws.getRange("C:C").format.columnWidth = pixels(layout.columnWidths[2] ?? 6);
  if (units.length > 0) {
    ws.getRange(`${columnLetter(firstUnitCol)}:${columnLetter(totalCol - 1)}`).format.columnWidth = pixels(12);
  }
  ws.getRange(`${columnLetter(totalCol)}:${columnLetter(totalCol)}`).format.columnWidth = pixels(12);

  title(ws.getRange("A1"));
  applyLook(ws.getRange(layout.stampAddress).format, "stamp");
  header(ws.getRange(rangeAddress({ top: bandRow, left: 1, bottom: headerRow, right: layout.columns })).format);
  ws.getRange(rangeAddress({ top: firstRow, left: 2, bottom: lastRow, right: 2 })).format.wrapText = true;
  rows.forEach((r, i) => {
    if (r.indent > 0) ws.getRange(a1(firstRow + i, 2)).format.indentLevel = r.indent;
  });
  if (units.length > 0 && n > 0) conditionalFormats(ws, layout.conditionalFormats);
  ws.freezePanes.freezeAt(ws.getRange(rangeAddress({ top: 1, left: 1, bottom: headerRow, right: firstUnitCol - 1 })));
}

/**
 * Excel adds each conditional format at the top priority (ConditionalFormatCollection.add),
 * and setting `priority` renumbers the others: adding the rules last to first leaves them
 * in their order without a priority write.
 */
export function conditionalFormats(ws: Excel.Worksheet, rules: readonly ConditionalRule[]): void {
  for (const rule of [...rules].sort((a, b) => b.priority - a.priority)) {
    const cf = ws.getRange(rule.range).conditionalFormats.add("Custom");
    cf.custom.rule.formula = rule.formula;
    if (rule.fontColor) cf.custom.format.font.color = rule.fontColor;
    if (rule.fillColor) cf.custom.format.fill.color = rule.fillColor;
  }
}

export function title(range: Excel.Range): void {
  applyLook(range.format, "heading");
}

export function header(f: Excel.RangeFormat): void {
  applyLook(f, "columnHeader");
}

/** Characters → points, as office-draw.ts sizes the form's columns. */
export function pixels(chars: number): number {
  return Math.round(chars * 6.5 + 5);
}

function pad(n: number): string[] {
  return Array.from({ length: n }, () => "");
}

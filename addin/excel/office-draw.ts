/**
 * Drawing a layout with Office.js: everything is queued on the request
 * context and sent in the caller's single sync. Whole ranges are written in
 * bulk (values, number formats) and formatting goes through multi-area
 * ranges, so the number of proxies grows with the number of blocks, not cells.
 */
import { columnLetter, compactAddresses, parseRange, rangeAddress } from "../../schemas/layout/address";
import { numberBounds } from "../../schemas/layout/form/cell-rules";
import { lastRow } from "../../schemas/layout/form/roster-rows";
import type {
  CellRule,
  RosterLayout,
  SheetLayout,
  TextStyle,
  ValidationBlock,
} from "../../schemas/layout/form/layout-types";
import { COLORS } from "../../schemas/layout/colors";
import { LOOKS, type Look } from "../../schemas/layout/looks";
import { joinAreas, queueInputAreas } from "./office-fills";

/** Queues the whole drawing of a layout on an empty sheet; no sync. */
export function drawForm(ws: Excel.Worksheet, layout: SheetLayout): void {
  const used = ws.getRange(rangeAddress({ top: 1, left: 1, bottom: layout.rows, right: layout.columns }));
  const values: (string | number)[][] = grid(layout, "");
  const formats: string[][] = grid(layout, "General");
  for (const t of layout.texts) {
    const p = parseRange(t.address);
    setAt(values, p.top, p.left, t.text);
    setAt(formats, p.top, p.left, "@");
  }
  for (const c of layout.cells) {
    const p = parseRange(c.address);
    setAt(formats, p.top, p.left, c.numberFormat);
    if (c.initial !== null) setAt(values, p.top, p.left, c.initial);
  }
  // Formats before values: a "@" cell keeps what is written as text. Only the rows around the
  // rosters are written cell by cell: a roster's rows are blank, and each of its columns takes its
  // number format as one value (Microsoft, "Excel JavaScript API programming overview": "Update all
  // cells in a range"), so the request does not grow with the roster (Excel on the web refuses 5 MB).
  for (const band of bandsAround(layout)) {
    const r = ws.getRange(rangeAddress({ top: band.top, left: 1, bottom: band.bottom, right: layout.columns }));
    r.numberFormat = formats.slice(band.top - 1, band.bottom);
    r.values = values.slice(band.top - 1, band.bottom);
  }
  for (const l of layout.rosters) {
    for (const c of [l.serial, ...l.columns]) {
      const column = ws.getRange(rangeAddress({ top: l.firstRow, left: c.col, bottom: lastRow(l), right: c.col }));
      // The typings ask for a grid; one value for the whole range is what the docs describe.
      column.numberFormat = c.numberFormat as unknown as string[][];
    }
  }
  used.format.verticalAlignment = "Center";

  layout.columnWidths.forEach((chars, i) => {
    ws.getRange(`${columnLetter(i + 1)}:${columnLetter(i + 1)}`).format.columnWidth = Math.round(chars * 6.5 + 5);
  });
  for (const m of layout.merges) ws.getRange(m).merge(false);

  const byStyle = new Map<TextStyle, string[]>();
  for (const t of layout.texts) byStyle.set(t.style, [...(byStyle.get(t.style) ?? []), t.address]);
  for (const [style, addresses] of byStyle) {
    for (const areas of areaChunks(addresses)) applyLook(ws.getRanges(areas).format, style);
  }
  for (const t of layout.texts) if (t.indent > 0) ws.getRange(t.address).format.indentLevel = t.indent;

  // Where the clerk types, roster rows included: unlocked and light blue.
  queueInputAreas(ws, layout);
  for (const c of layout.cells) {
    if (!c.locked) continue;
    ws.getRange(c.address).format.font.bold = true;
  }
  const computed = layout.cells.filter((c) => c.computed).map((c) => c.address);
  for (const areas of areaChunks(computed)) applyLook(ws.getRanges(areas).format, "computed");

  for (const l of layout.rosters) {
    const data = ws.getRange(
      rangeAddress({ top: l.firstRow, left: l.left, bottom: l.firstRow + l.rowCount - 1, right: l.right }),
    );
    data.format.protection.locked = false;
    const table = ws.tables.add(
      rangeAddress({ top: l.headerRow, left: l.left, bottom: l.firstRow + l.rowCount - 1, right: l.right }),
      true,
    );
    table.name = l.tableName;
    table.style = "TableStyleLight9";
    queueSerials(ws, l, l.firstRow, l.rowCount);
  }
  // After the tables: a computed item's formula names its roster's table, which Excel must know by then.
  for (const c of layout.cells) if (c.formula) ws.getRange(c.address).formulas = [[c.formula.excel]];

  for (const h of layout.hiddenSources) {
    const letter = columnLetter(h.col);
    const source = ws.getRange(`${letter}1:${letter}${h.values.length}`);
    source.numberFormat = h.values.map(() => ["@"]);
    source.values = h.values.map((v) => [v]);
    ws.getRange(`${letter}:${letter}`).columnHidden = true;
  }

  for (const v of layout.validations) applyValidation(ws.getRange(v.range).dataValidation, v);

  drawSumRuleFormats(ws, layout);

  used.format.autofitRows();
}

/** The 其中 rules' conditional formats: red over a total and its parts while their sum is broken; no sync. */
export function drawSumRuleFormats(ws: Excel.Worksheet, layout: SheetLayout): void {
  for (const rule of layout.sumRules) {
    for (const areas of areaChunks([rule.total, ...rule.parts])) {
      const cf = ws.getRanges(areas).conditionalFormats.add("Custom");
      cf.custom.rule.formula = rule.brokenFormula;
      cf.custom.format.fill.color = COLORS.error;
      cf.custom.format.font.color = COLORS.errorText;
    }
  }
}

/** 序号 of `count` roster rows from `top`: the same R1C1 formula in each, locked (serial.ts). */
export function queueSerials(ws: Excel.Worksheet, roster: RosterLayout, top: number, count: number): void {
  const col = roster.serial.col;
  const range = ws.getRange(rangeAddress({ top, left: col, bottom: top + count - 1, right: col }));
  // One value for the whole range ("Update all cells in a range"): the request does not grow with the roster.
  range.formulasR1C1 = roster.serial.formulaR1C1 as unknown as string[][];
  range.format.protection.locked = true;
}

export function applyValidation(dv: Excel.DataValidation, v: ValidationBlock): void {
  dv.ignoreBlanks = true;
  dv.rule = v.formula ? { custom: { formula: v.formula } } : excelRule(v.rule);
  dv.prompt = { showPrompt: true, title: v.prompt.title, message: v.prompt.message };
  dv.errorAlert = { showAlert: true, style: "Stop", title: v.alert.title, message: v.alert.message };
}

export function excelRule(rule: CellRule): Excel.DataValidationRule {
  switch (rule.type) {
    case "wholeNumber":
    case "decimal": {
      const { min, max } = numberBounds(rule);
      const basic: Excel.BasicDataValidation =
        rule.max === undefined
          ? { formula1: min, operator: "GreaterThanOrEqualTo" }
          : { formula1: min, formula2: max, operator: "Between" };
      return rule.type === "wholeNumber" ? { wholeNumber: basic } : { decimal: basic };
    }
    case "list":
      return { list: { inCellDropDown: true, source: rule.source } };
    case "textLength":
      return {
        textLength:
          rule.min === rule.max
            ? { formula1: rule.min, operator: "EqualTo" }
            : { formula1: rule.min, formula2: rule.max, operator: "Between" },
      };
    case "date":
      return { date: { formula1: rule.min, operator: "GreaterThanOrEqualTo" } };
  }
}

/** Sets a look of schemas/layout/looks.ts on a range: the same table the Worker's xlsx export writes. */
export function applyLook(f: Excel.RangeFormat, look: Look): void {
  const l = LOOKS[look];
  if (l.bold) f.font.bold = true;
  if (l.size) f.font.size = l.size;
  if (l.color) f.font.color = l.color;
  if (l.fill) f.fill.color = l.fill;
  if (l.align) f.horizontalAlignment = l.align;
  if (l.wrap) f.wrapText = true;
}

/** The row bands of the form outside the rosters' data rows. */
function bandsAround(layout: SheetLayout): { top: number; bottom: number }[] {
  const bands: { top: number; bottom: number }[] = [];
  let top = 1;
  for (const l of [...layout.rosters].sort((a, b) => a.firstRow - b.firstRow)) {
    if (l.firstRow > top) bands.push({ top, bottom: l.firstRow - 1 });
    top = lastRow(l) + 1;
  }
  if (top <= layout.rows) bands.push({ top, bottom: layout.rows });
  return bands;
}

function grid<T>(layout: SheetLayout, fill: T): T[][] {
  return Array.from({ length: layout.rows }, () => Array.from({ length: layout.columns }, () => fill));
}

function setAt<T>(g: T[][], row: number, col: number, value: T): void {
  const line = g[row - 1];
  if (line && col - 1 < line.length) line[col - 1] = value;
}

/** Vertical runs joined into multi-area addresses of bounded length. */
function areaChunks(addresses: readonly string[]): string[] {
  return joinAreas(compactAddresses(addresses, false));
}

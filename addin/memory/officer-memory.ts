/**
 * `OfficerWorkbook` in memory, for the preview page and the session tests:
 * each officer sheet is a small model (values, conditional-format results,
 * notes, charts) that is mirrored into a `MemoryWorkbook` as a read-only
 * sheet, so the preview's grid view shows it as a tab. What Excel computes by itself —
 * 合计 and 占比 formulas, conditional formats — is computed here.
 *
 * Honest limits: conditional formats are shown as the grid's marks (red for
 * 逾期, amber for 已退回 and outliers; 未上报 has no grey text in the grid);
 * charts keep their specs and are read off the sheet's current values by
 * `charts()`, which the grid draws as simple bars (`../preview/grid/chart-view.ts`);
 * a long title or stamp runs on over the empty cells to its right, as in
 * Excel, by merging them (`spill.ts`).
 */
import { a1, parseCell } from "../../schemas/layout/address";
import type { CellKey, SheetLayout, TextCell, TextStyle, ValueCell } from "../../schemas/layout/form/layout-types";
import type { ChartSpec } from "../../schemas/layout/officer/charts";
import {
  consolidatedStampAddress,
  explanationBlock,
  totalBlocks,
  type ConsolidatedSheet,
} from "../../schemas/layout/officer/consolidated-sheet";
import { rosterBlocks } from "../../schemas/layout/officer/consolidated-roster";
import { matrixHeader, type MatrixLayout } from "../../schemas/layout/officer/matrix-sheet";
import { STATUS_COLUMNS, statusHeaders, type StatusLayout } from "../../schemas/layout/officer/status-sheet";
import { serialToDateTime } from "../../schemas/time";
import type { OfficerWorkbook } from "../sheet/officer-workbook";
import type { SheetPatch } from "../sheet/officer/refresh";
import { MemoryWorkbook } from "./memory-workbook";
import { blank, cellsOf, derive, write, type OfficerSheetModel } from "./officer-sheet-model";
import { spillMerges, type SpillText } from "./spill";

/** A chart as the preview draws it: its spec with the values its cells hold now. */
export interface MemoryChart {
  name: string;
  type: ChartSpec["type"];
  title: string;
  categories: string[];
  /** null: the cell is blank (a unit that has not reported). */
  values: (number | null)[];
  /** Top-left and bottom-right cells the chart covers. */
  from: string;
  to: string;
}

export type { OfficerSheetModel } from "./officer-sheet-model";

export class MemoryOfficerWorkbook implements OfficerWorkbook {
  private readonly models = new Map<string, OfficerSheetModel>();

  constructor(readonly workbook: MemoryWorkbook = new MemoryWorkbook()) {}

  model(sheet: string): OfficerSheetModel | undefined {
    return this.models.get(sheet);
  }

  /** The charts on `sheet` with the values its cells hold now. */
  charts(sheet: string): MemoryChart[] {
    const m = this.models.get(sheet);
    if (!m) return [];
    const read = (range: string) => cellsOf(range).map((a) => m.values.get(a) ?? m.texts.get(a)?.text ?? null);
    return m.charts.map((spec) => ({
      name: spec.name,
      type: spec.type,
      title: spec.title,
      categories: spec.categories ? read(spec.categories).map((v) => String(v ?? "")) : [],
      values: read(spec.source).map((v) => (typeof v === "number" ? v : null)),
      from: spec.from,
      to: spec.to,
    }));
  }

  async renderStatus(layout: StatusLayout, stamp: string): Promise<void> {
    const m = blank(
      "status",
      layout.sheet,
      layout.firstRow + Math.max(0, layout.values.length - 1),
      STATUS_COLUMNS.length,
    );
    m.widths = STATUS_COLUMNS.map((c) => c.width);
    m.status = layout;
    m.texts.set("A1", { text: layout.title, style: "title", indent: 0 });
    m.merges.push(`A1:${a1(1, m.columns)}`);
    for (const h of statusHeaders(layout)) m.texts.set(h.address, { text: h.text, style: "columnHeader", indent: 0 });
    m.values.set(layout.stampAddress, stamp);
    m.values.set(layout.summaryAddress, layout.summary);
    layout.values.forEach((row, r) =>
      row.forEach((v, c) => {
        const address = a1(layout.firstRow + r, c + 1);
        m.formats.set(address, STATUS_COLUMNS[c]?.numberFormat ?? "General");
        if (v !== null) m.values.set(address, c === 2 && typeof v === "number" ? serialToDateTime(v) : v);
      }),
    );
    this.models.set(m.name, m);
    await this.mirror(m);
  }

  async renderMatrix(layout: MatrixLayout, stamp: string): Promise<void> {
    const m = blank("matrix", layout.sheet, layout.lastRow, layout.columns);
    m.widths = layout.columnWidths;
    m.matrix = layout;
    m.texts.set("A1", { text: layout.title, style: "title", indent: 0 });
    m.values.set(layout.stampAddress, stamp);
    matrixHeader(layout).forEach((h, i) => {
      if (h) m.texts.set(a1(layout.headerRow, i + 1), { text: h, style: "columnHeader", indent: 0 });
    });
    if (layout.units.length > 0)
      m.texts.set(a1(layout.bandRow, layout.firstUnitCol), { text: "各单位数值", style: "sectionTitle", indent: 0 });
    if (layout.shareCol !== undefined)
      m.texts.set(a1(layout.bandRow, layout.shareCol), { text: "占比", style: "sectionTitle", indent: 0 });
    layout.rows.forEach((row, i) => {
      const r = layout.firstRow + i;
      if (row.no) m.texts.set(a1(r, 1), { text: row.no, style: "number", indent: 0 });
      m.texts.set(a1(r, 2), { text: row.label, style: "label", indent: row.indent });
      m.texts.set(a1(r, 3), { text: row.unit, style: "unit", indent: 0 });
      layout.units.forEach((_, u) => {
        const address = a1(r, layout.firstUnitCol + u);
        m.formats.set(address, row.numberFormat);
        const v = layout.values[i]?.[u];
        if (v !== null && v !== undefined) m.values.set(address, v);
      });
      m.formats.set(a1(r, layout.totalCol), row.numberFormat);
    });
    this.models.set(m.name, m);
    await this.mirror(m);
  }

  async renderConsolidated(sheet: ConsolidatedSheet, stamp: string): Promise<void> {
    const layout = sheet.layout;
    const list = explanationBlock(sheet.list);
    const m = blank("consolidated", layout.sheet, list.bottom, layout.columns);
    m.widths = layout.columnWidths;
    m.merges = [...layout.merges];
    for (const t of layout.texts) m.texts.set(t.address, { text: t.text, style: t.style, indent: t.indent });
    for (const c of layout.cells) {
      m.formats.set(c.address, c.numberFormat);
      if (c.initial !== null) m.values.set(c.address, c.initial);
    }
    for (const b of totalBlocks(layout, sheet.totals)) write(m, b.top, b.left, b.values);
    for (const r of layout.rosters) {
      for (let row = r.firstRow; row < r.firstRow + r.rowCount; row++)
        for (const c of r.columns) m.formats.set(a1(row, c.col), c.numberFormat);
    }
    for (const b of rosterBlocks(layout, sheet.rosters)) write(m, b.top, b.left, b.values);
    m.values.set(consolidatedStampAddress(layout), stamp);
    // Drawn even empty (上报说明（0 条）), as in Excel: a refresh only writes its lines.
    list.values.forEach((line, i) =>
      line.forEach((v, c) => {
        const style: TextStyle = i === 0 ? "sectionTitle" : i === 1 ? "columnHeader" : "label";
        if (v !== "") m.texts.set(a1(list.top + i, c + 1), { text: String(v), style, indent: 0 });
      }),
    );
    for (const n of sheet.cellNotes) {
      m.notes.set(n.address, n.text);
      if (n.severity) m.marks.set(n.address, { severity: n.severity, note: n.text });
    }
    this.models.set(m.name, m);
    await this.mirror(m);
  }

  async refreshMatrix(patch: SheetPatch, stamp: string): Promise<void> {
    await this.refresh([patch], stamp);
  }

  async refresh(patches: readonly SheetPatch[], stamp: string): Promise<void> {
    const touched: OfficerSheetModel[] = [];
    for (const p of patches) {
      const m = this.models.get(p.sheet);
      if (!m) continue;
      for (const b of p.blocks)
        write(
          m,
          b.top,
          b.left,
          b.values.map((line) =>
            line.map((v, c) =>
              m.kind === "status" && b.left + c === 3 && typeof v === "number" ? serialToDateTime(v) : v,
            ),
          ),
        );
      for (const n of p.notes) {
        if (n.text === null) {
          m.notes.delete(n.address);
          m.marks.delete(n.address);
        } else {
          m.notes.set(n.address, n.text);
          if (n.severity) m.marks.set(n.address, { severity: n.severity, note: n.text });
          else m.marks.delete(n.address);
        }
      }
      m.values.set(p.stampAddress, stamp);
      touched.push(m);
    }
    await this.mirrorKeepingTab(touched);
  }

  async renderCharts(specs: readonly ChartSpec[]): Promise<void> {
    const touched: OfficerSheetModel[] = [];
    const ours = new Set(specs.map((s) => s.name));
    for (const name of new Set(specs.map((s) => s.sheet))) {
      const m = this.models.get(name);
      if (!m) continue;
      m.charts = [...m.charts.filter((c) => !ours.has(c.name)), ...specs.filter((s) => s.sheet === name)];
      touched.push(m);
    }
    await this.mirrorKeepingTab(touched);
  }

  /**
   * A refresh or a chart leaves the officer on the tab they were reading (a render
   * shows the sheet it drew). Mirroring switches the grid to each sheet, so the one
   * being read goes last and the grid ends on it; otherwise it is shown again.
   */
  private async mirrorKeepingTab(models: readonly OfficerSheetModel[]): Promise<void> {
    const active = this.workbook.active;
    const order = [...models].sort((a, b) => Number(a.name === active) - Number(b.name === active));
    for (const m of order) await this.mirror(m);
    if (active && this.workbook.active !== active) {
      this.workbook.active = active;
      // An empty write is how the workbook tells the grid to draw the active sheet again.
      await this.workbook.writeValues(active, {});
    }
  }

  /** Redraws the model as a read-only sheet of the preview's workbook, and shows it. */
  private async mirror(m: OfficerSheetModel): Promise<void> {
    derive(m);
    const texts: TextCell[] = [...m.texts].map(([address, t]) => ({
      address,
      text: t.text,
      style: t.style,
      indent: t.indent,
    }));
    // The grid needs cells under every chart to place it over, as Excel's sheet always has.
    let rows = m.rows;
    let columns = m.columns;
    for (const c of m.charts) {
      const p = parseCell(c.to);
      rows = Math.max(rows, p.row);
      columns = Math.max(columns, p.col);
    }
    const widths = Array.from({ length: columns }, (_, i) => m.widths[i] ?? 8.43);
    const textAddresses = new Set(texts.map((t) => t.address));
    const cells: ValueCell[] = [];
    const values: Record<CellKey, string | null> = {};
    for (const [address, v] of m.values) {
      if (textAddresses.has(address)) continue;
      const numberFormat = typeof v === "number" ? (m.formats.get(address) ?? "General") : "@";
      cells.push({
        key: address,
        address,
        kind: "item",
        valueType: typeof v === "number" ? "decimal" : "text",
        numberFormat,
        where: address,
        locked: true,
        initial: null,
      });
      values[address] = String(v);
    }
    const layout: SheetLayout = {
      sheet: m.name,
      templateId: `officer-${m.kind}`,
      templateVersion: 1,
      title: m.name,
      rows,
      columns,
      columnWidths: widths,
      texts,
      merges: [
        ...m.merges,
        ...spillMerges(
          { columns, widths, merges: m.merges, occupied: [...m.texts.keys(), ...m.values.keys()] },
          spilling(m),
        ),
      ],
      cells,
      rosters: [],
      validations: [],
      sumRules: [],
      hiddenSources: [],
    };
    await this.workbook.renderForm(layout);
    await this.workbook.writeValues(m.name, values);
    // markCells prefixes 【错误】/【警告】 itself; a consolidated note already carries it.
    const marks = [...m.marks]
      .filter(([a]) => values[a] !== undefined)
      .map(([cell, mark]) => ({ cell, severity: mark.severity, note: mark.note.replace(/^【(错误|警告)】/, "") }));
    await this.workbook.markCells(m.name, marks, []);
  }
}

/** One-line texts that Excel would let run on: titles, section titles and text values (numbers never spill). */
function spilling(m: OfficerSheetModel): Map<string, SpillText> {
  const out = new Map<string, SpillText>();
  for (const [address, t] of m.texts) {
    if (t.style === "title") out.set(address, { text: t.text, scale: 1.4 });
    else if (t.style === "subtitle" || t.style === "sectionTitle") out.set(address, { text: t.text, scale: 1.05 });
  }
  // Value cells are drawn bold (locked) in the grid.
  for (const [address, v] of m.values)
    if (typeof v === "string" && !m.texts.has(address)) out.set(address, { text: v, scale: 1.05 });
  return out;
}

/**
 * `OfficerWorkbook` in memory, for the preview page: each officer sheet is a
 * small model (values, conditional-format results, notes, charts) that is
 * mirrored into the preview's `MemoryWorkbook` as a read-only sheet, so the
 * existing grid view shows it as a tab. What Excel computes by itself —
 * 合计 and 占比 formulas, conditional formats — is computed here.
 *
 * Honest limits: conditional formats are shown as the grid's marks (red for
 * 逾期, amber for 已退回 and outliers; 未报 has no grey text in the grid), and
 * charts are not drawn: each is a 〔图表〕 line at its position, with its data
 * kept in `charts()` for anything that wants to draw it.
 */
import { a1, parseCell, parseRange } from "../excel/address";
import type { CellKey, SheetLayout, TextCell, TextStyle, ValueCell } from "../excel/layout-types";
import type { OfficerWorkbook } from "../excel/officer-workbook";
import type { MarkSeverity } from "../excel/workbook";
import type { ChartSpec } from "../officer/charts";
import { explanationBlock } from "../officer/consolidated";
import { matrixHeader, matrixOutliers, type MatrixLayout } from "../officer/matrix-layout";
import { consolidatedStampAddress, type ConsolidatedSheet, type SheetPatch } from "../officer/plan";
import { totalBlocks } from "../officer/consolidated";
import { serialToText, STATUS_COLUMNS, statusHeaders, type StatusLayout } from "../officer/status-layout";
import { MemoryWorkbook } from "./memory-workbook";

type Stored = string | number;

export interface MemoryChart {
  name: string;
  type: ChartSpec["type"];
  title: string;
  categories: string[];
  values: (number | null)[];
  at: string;
}

export interface OfficerSheetModel {
  kind: "status" | "matrix" | "consolidated";
  name: string;
  rows: number;
  columns: number;
  widths: number[];
  texts: Map<string, { text: string; style: TextStyle; indent: number }>;
  values: Map<string, Stored>;
  formats: Map<string, string>;
  marks: Map<string, { severity: MarkSeverity; note: string }>;
  /** 上报说明 and rule notes by address, as Excel notes. */
  notes: Map<string, string>;
  merges: string[];
  charts: MemoryChart[];
  status?: StatusLayout;
  matrix?: MatrixLayout;
}

export class MemoryOfficerWorkbook implements OfficerWorkbook {
  private readonly models = new Map<string, OfficerSheetModel>();

  constructor(readonly workbook: MemoryWorkbook = new MemoryWorkbook()) {}

  model(sheet: string): OfficerSheetModel | undefined {
    return this.models.get(sheet);
  }

  charts(sheet: string): MemoryChart[] {
    return this.models.get(sheet)?.charts ?? [];
  }

  async renderStatus(layout: StatusLayout, stamp: string): Promise<void> {
    const m = blank("status", layout.sheet, layout.firstRow + Math.max(0, layout.values.length - 1), STATUS_COLUMNS.length);
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
        if (v !== null) m.values.set(address, c === 2 && typeof v === "number" ? serialToText(v) : v);
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
    if (layout.units.length > 0) m.texts.set(a1(layout.bandRow, layout.firstUnitCol), { text: "各单位数值", style: "sectionTitle", indent: 0 });
    if (layout.shareCol !== undefined) m.texts.set(a1(layout.bandRow, layout.shareCol), { text: "占比", style: "sectionTitle", indent: 0 });
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
    const m = blank("consolidated", layout.sheet, sheet.notes.length > 0 ? list.bottom : layout.rows, layout.columns);
    m.widths = layout.columnWidths;
    m.merges = [...layout.merges];
    for (const t of layout.texts) m.texts.set(t.address, { text: t.text, style: t.style, indent: t.indent });
    for (const c of layout.cells) {
      m.formats.set(c.address, c.numberFormat);
      if (c.initial !== null) m.values.set(c.address, c.initial);
    }
    for (const b of totalBlocks(layout, sheet.totals)) write(m, b.top, b.left, b.values);
    m.values.set(consolidatedStampAddress(layout), stamp);
    if (sheet.notes.length > 0) {
      list.values.forEach((line, i) =>
        line.forEach((v, c) => {
          const style: TextStyle = i === 0 ? "sectionTitle" : i === 1 ? "columnHeader" : "label";
          if (v !== "") m.texts.set(a1(list.top + i, c + 1), { text: String(v), style, indent: 0 });
        }),
      );
    }
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
    for (const p of patches) {
      const m = this.models.get(p.sheet);
      if (!m) continue;
      for (const b of p.blocks) write(m, b.top, b.left, b.values.map((line) => line.map((v, c) => (m.kind === "status" && b.left + c === 3 && typeof v === "number" ? serialToText(v) : v))));
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
      await this.mirror(m);
    }
  }

  async renderCharts(specs: readonly ChartSpec[]): Promise<void> {
    for (const name of new Set(specs.map((s) => s.sheet))) {
      const m = this.models.get(name);
      if (!m) continue;
      const ours = new Set(specs.map((s) => s.name));
      m.charts = m.charts.filter((c) => !ours.has(c.name));
      for (const spec of specs.filter((s) => s.sheet === name)) {
        const read = (range: string) => cellsOf(range).map((a) => m.values.get(a) ?? m.texts.get(a)?.text ?? null);
        m.charts.push({
          name: spec.name,
          type: spec.type,
          title: spec.title,
          categories: spec.categories ? read(spec.categories).map((v) => String(v ?? "")) : [],
          values: read(spec.source).map((v) => (typeof v === "number" ? v : null)),
          at: spec.from,
        });
      }
      await this.mirror(m);
    }
  }

  /** Redraws the model as a read-only sheet of the preview's workbook, keeping the active tab. */
  private async mirror(m: OfficerSheetModel): Promise<void> {
    derive(m);
    const texts: TextCell[] = [...m.texts].map(([address, t]) => ({ address, text: t.text, style: t.style, indent: t.indent }));
    let rows = m.rows;
    for (const c of m.charts) {
      const p = parseCell(c.at);
      texts.push({ address: c.at, text: `〔图表〕${c.title}（${chartName(c.type)}，${c.values.length} 个数据点；预览不绘制图形）`, style: "sectionTitle", indent: 0 });
      rows = Math.max(rows, p.row);
    }
    const textAddresses = new Set(texts.map((t) => t.address));
    const cells: ValueCell[] = [];
    const values: Record<CellKey, string | null> = {};
    for (const [address, v] of m.values) {
      if (textAddresses.has(address)) continue;
      const numberFormat = typeof v === "number" ? (m.formats.get(address) ?? "General") : "@";
      cells.push({ key: address, address, kind: "item", valueType: typeof v === "number" ? "decimal" : "text", numberFormat, where: address, locked: true, initial: null });
      values[address] = String(v);
    }
    const layout: SheetLayout = {
      sheet: m.name,
      templateId: `officer-${m.kind}`,
      templateVersion: 1,
      title: m.name,
      rows,
      columns: m.columns,
      columnWidths: m.widths,
      texts,
      merges: m.merges,
      cells,
      lists: [],
      validations: [],
      sumRules: [],
      hiddenSources: [],
    };
    const active = this.workbook.active;
    await this.workbook.renderForm(layout);
    await this.workbook.writeValues(m.name, values);
    // markCells prefixes 【错误】/【警告】 itself; a consolidated note already carries it.
    const marks = [...m.marks]
      .filter(([a]) => values[a] !== undefined)
      .map(([cell, mark]) => ({ cell, severity: mark.severity, note: mark.note.replace(/^【(错误|警告)】/, "") }));
    await this.workbook.markCells(m.name, marks, []);
    if (active && active !== m.name) this.workbook.active = active;
  }
}

function blank(kind: OfficerSheetModel["kind"], name: string, rows: number, columns: number): OfficerSheetModel {
  return { kind, name, rows, columns, widths: [], texts: new Map(), values: new Map(), formats: new Map(), marks: new Map(), notes: new Map(), merges: [], charts: [] };
}

function write(m: OfficerSheetModel, top: number, left: number, block: readonly (readonly Stored[])[]): void {
  block.forEach((line, r) =>
    line.forEach((v, c) => {
      const address = a1(top + r, left + c);
      if (v === "") m.values.delete(address);
      else m.values.set(address, v);
    }),
  );
}

/** What Excel computes itself: 合计 and 占比 formulas, conditional formats. */
function derive(m: OfficerSheetModel): void {
  if (m.kind === "status" && m.status) {
    const s = m.status;
    for (let i = 0; i < s.units.length; i++) {
      const r = s.firstRow + i;
      m.marks.delete(a1(r, 2));
      m.marks.delete(a1(r, 4));
      if (m.values.get(a1(r, 4)) === "是") m.marks.set(a1(r, 4), { severity: "error", note: "逾期" });
      if (m.values.get(a1(r, 2)) === "已退回") m.marks.set(a1(r, 2), { severity: "warning", note: "已退回，待重新提交" });
    }
  }
  if (m.kind === "matrix" && m.matrix) {
    const x = m.matrix;
    const grid = x.rows.map((_, i) =>
      x.units.map((__, u) => {
        const v = m.values.get(a1(x.firstRow + i, x.firstUnitCol + u));
        return typeof v === "number" ? v : null;
      }),
    );
    x.rows.forEach((_, i) => {
      const r = x.firstRow + i;
      const line = grid[i] ?? [];
      const total = line.reduce<number>((s, v) => s + (v ?? 0), 0);
      m.values.set(a1(r, x.totalCol), roundTo(total, 10));
      if (x.shareCol !== undefined) {
        line.forEach((v, u) => {
          const address = a1(r, (x.shareCol as number) + u);
          m.formats.set(address, "0.0%");
          if (total === 0 || v === null) m.values.delete(address);
          else m.values.set(address, `${((v / total) * 100).toFixed(1)}%`);
        });
      }
    });
    for (const [address, mark] of [...m.marks]) if (mark.note.startsWith("与同项")) m.marks.delete(address);
    const rule = x.conditionalFormats[0];
    for (const o of matrixOutliers({ ...x, values: grid })) {
      m.marks.set(a1(x.firstRow + o.row, x.firstUnitCol + o.unit), { severity: "warning", note: rule?.meaning ?? "离群值" });
    }
  }
}

function cellsOf(range: string): string[] {
  const r = parseRange(range);
  const out: string[] = [];
  for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) out.push(a1(row, col));
  return out;
}

function chartName(type: ChartSpec["type"]): string {
  return type === "Pie" ? "饼图" : type === "BarClustered" ? "条形图" : "柱形图";
}

function roundTo(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/**
 * `OfficerWorkbook` over Office.js. A render is two round trips (does the
 * sheet exist? then draw it all); a refresh is one, whatever number of units
 * or sheets changed: every patch is queued in one batch before the sync.
 */
import { drawForm } from "./office-draw";
import { officeHost, PROTECTION as FORM_PROTECTION, type ExcelHost, type NoteMode } from "./office-workbook";
import { detectFeatures, noteModeOf } from "./office-features";
import { RUN } from "./office-host";
import { drawMatrix, drawStatus, header, title } from "./officer-draw";
import type { OfficerWorkbook } from "../sheet/officer-workbook";
import { COLORS } from "../../schemas/layout/colors";
import { WorkbookError } from "../sheet/form-workbook";
import type { ChartSpec } from "../../schemas/layout/officer/charts";
import { explanationBlock, explanationTitle, totalBlocks } from "../../schemas/layout/officer/consolidated-sheet";
import { rosterBlocks } from "../../schemas/layout/officer/consolidated-roster";
import type { MatrixLayout } from "../../schemas/layout/officer/matrix-sheet";
import { consolidatedStampAddress, type ConsolidatedSheet } from "../../schemas/layout/officer/consolidated-sheet";
import type { NotePatch, SheetPatch } from "../sheet/officer/refresh";
import type { StatusLayout } from "../../schemas/layout/officer/status-sheet";

/** Officer sheets are for reading: protected like the form, but sorting stays open (rows are units, not positions). */
export const OFFICER_PROTECTION: Excel.WorksheetProtectionOptions = { ...FORM_PROTECTION, allowSort: true };

export class OfficeOfficerWorkbook implements OfficerWorkbook {
  readonly noteMode: NoteMode;
  /** Addresses that carry our note, per sheet: a refresh adds, updates or deletes without a lookup. */
  private readonly noted = new Map<string, Set<string>>();

  constructor(private readonly host: ExcelHost = officeHost()) {
    this.noteMode = noteModeOf(detectFeatures(host));
  }

  async renderStatus(layout: StatusLayout, stamp: string): Promise<void> {
    await this.fresh(layout.sheet, (ws) => drawStatus(ws, layout, stamp));
  }

  async renderMatrix(layout: MatrixLayout, stamp: string): Promise<void> {
    await this.fresh(layout.sheet, (ws) => drawMatrix(ws, layout, stamp));
  }

  async renderConsolidated(sheet: ConsolidatedSheet, stamp: string): Promise<void> {
    const noted = new Set<string>();
    await this.fresh(sheet.layout.sheet, (ws, ctx) => {
      drawForm(ws, sheet.layout);
      for (const b of totalBlocks(sheet.layout, sheet.totals)) ws.getRange(b.address).values = b.values;
      for (const b of rosterBlocks(sheet.layout, sheet.rosters)) ws.getRange(b.address).values = b.values;
      const stampCell = ws.getRange(consolidatedStampAddress(sheet.layout));
      stampCell.values = [[stamp]];
      stampCell.format.font.color = "#595959";
      for (const n of sheet.cellNotes)
        this.note(ctx, ws, { address: n.address, text: n.text, severity: n.severity }, noted);
      if (sheet.notes.length > 0) {
        const list = explanationBlock(sheet.list);
        const range = ws.getRange(list.address);
        range.numberFormat = list.values.map((r) => r.map(() => "@"));
        range.values = list.values;
        title(ws.getRange(explanationTitle(sheet.list)));
        header(ws.getRange(`A${list.top + 1}:C${list.top + 1}`).format);
        ws.getRange(`B${list.top + 2}:B${list.bottom}`).format.wrapText = true;
      }
    });
    this.noted.set(sheet.layout.sheet, noted);
  }

  async refreshMatrix(patch: SheetPatch, stamp: string): Promise<void> {
    await this.refresh([patch], stamp);
  }

  async refresh(patches: readonly SheetPatch[], stamp: string): Promise<void> {
    if (patches.length === 0) return;
    try {
      await this.host.run(RUN, async (ctx) => {
        for (const p of patches) {
          const ws = ctx.workbook.worksheets.getItem(p.sheet);
          // The sheet is protected and its cells locked: even the add-in must unprotect to write.
          ws.protection.unprotect();
          for (const b of p.blocks) ws.getRange(b.address).values = b.values;
          if (p.notes.length > 0) {
            const noted = this.noted.get(p.sheet) ?? new Set<string>();
            this.noted.set(p.sheet, noted);
            for (const n of p.notes) this.note(ctx, ws, n, noted);
          }
          ws.getRange(p.stampAddress).values = [[stamp]];
          if (p.reapplyFilter) ws.autoFilter.reapply();
          ws.protection.protect(OFFICER_PROTECTION);
        }
        await ctx.sync();
      });
    } catch (e) {
      if (/ItemNotFound/i.test(String((e as { code?: string }).code ?? e))) {
        throw new WorkbookError("sheet_missing", "汇总工作表已被删除或改名，请重新生成");
      }
      throw e;
    }
  }

  async renderCharts(specs: readonly ChartSpec[]): Promise<void> {
    if (specs.length === 0) return;
    const sheets = [...new Set(specs.map((s) => s.sheet))];
    await this.host.run(RUN, async (ctx) => {
      const collections = sheets.map((name) => {
        const charts = ctx.workbook.worksheets.getItem(name).charts;
        charts.load("items/name");
        return { name, charts };
      });
      await ctx.sync();
      const ours = new Set(specs.map((s) => s.name));
      for (const { name, charts } of collections) {
        const ws = ctx.workbook.worksheets.getItem(name);
        ws.protection.unprotect();
        for (const c of charts.items) if (ours.has(c.name)) c.delete();
        for (const spec of specs.filter((s) => s.sheet === name)) addChart(ws, spec);
        ws.protection.protect(OFFICER_PROTECTION);
      }
      await ctx.sync();
    });
  }

  /** Draws on a fresh sheet named `name` (replacing one), then protects it: 2 syncs. */
  private async fresh(name: string, draw: (ws: Excel.Worksheet, ctx: Excel.RequestContext) => void): Promise<void> {
    await this.host.run(RUN, async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      const old = sheets.getItemOrNullObject(name);
      old.load("isNullObject");
      await ctx.sync();
      let ws: Excel.Worksheet;
      if (old.isNullObject) {
        ws = sheets.add(name);
      } else {
        // A fresh sheet drops every old format, filter, note and chart in one batch;
        // add first, since the last sheet of a workbook cannot be deleted.
        ws = sheets.add(`~${Date.now().toString(36)}`);
        old.delete();
        ws.name = name;
      }
      draw(ws, ctx);
      ws.protection.protect(OFFICER_PROTECTION);
      await ctx.sync();
    });
  }

  private note(ctx: Excel.RequestContext, ws: Excel.Worksheet, n: NotePatch, noted: Set<string>): void {
    const range = ws.getRange(n.address);
    if (n.text === null) {
      range.format.fill.clear();
      if (!noted.has(n.address)) return;
      if (this.noteMode === "notes") ws.notes.getItem(n.address).delete();
      else if (this.noteMode === "comments") ctx.workbook.comments.getItemByCell(range).delete();
      noted.delete(n.address);
      return;
    }
    if (n.severity) range.format.fill.color = n.severity === "error" ? COLORS.error : COLORS.warning;
    else range.format.fill.clear();
    if (this.noteMode === "notes") {
      if (noted.has(n.address)) ws.notes.getItem(n.address).content = n.text;
      else ws.notes.add(range, n.text);
    } else if (this.noteMode === "comments") {
      if (noted.has(n.address)) ctx.workbook.comments.getItemByCell(range).content = n.text;
      else ctx.workbook.comments.add(range, n.text);
    } else {
      return;
    }
    noted.add(n.address);
  }
}

function addChart(ws: Excel.Worksheet, spec: ChartSpec): void {
  const chart = ws.charts.add(
    spec.type as Excel.ChartType,
    ws.getRange(spec.source),
    spec.seriesBy as Excel.ChartSeriesBy,
  );
  chart.name = spec.name;
  chart.title.text = spec.title;
  const series = chart.series.getItemAt(0);
  series.name = spec.seriesName;
  if (spec.categories) series.setXAxisValues(ws.getRange(spec.categories));
  if (spec.type === "Pie") {
    chart.legend.position = "Right";
    chart.dataLabels.showPercentage = true;
  } else {
    chart.legend.visible = false;
  }
  chart.setPosition(spec.from, spec.to);
}

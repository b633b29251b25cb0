/**
 * `OfficerWorkbook` over Office.js. A render is two round trips (does the
 * sheet exist? then draw it all on a new sheet and swap it in); a refresh is
 * one, whatever number of units or sheets changed, plus one read of the status
 * sheet's keys when its rows changed (the officer may have sorted them). How
 * the sheets are protected, and why a refresh never touches the protection:
 * officer-protection.ts.
 */
import { parseRange, rangeAddress } from "../../schemas/layout/address";
import { drawForm } from "./office-draw";
import { officeHost, type ExcelHost, type NoteMode } from "./office-workbook";
import { detectFeatures, noteModeOf } from "./office-features";
import { RUN } from "./office-host";
import { drawMatrix, drawStatus, header, title } from "./officer-draw";
import {
  consolidatedWritable,
  matrixWritable,
  OFFICER_PROTECTION,
  STATUS_PROTECTION,
  statusWritable,
} from "./officer-protection";
import type { OfficerWorkbook } from "../sheet/officer-workbook";
import { PAYLOAD_BUDGET } from "../sheet/payload";
import { batchesUnder, blockBytes } from "../sheet/value-blocks";
import type { WriteBlock } from "../../schemas/layout/write-block";
import { COLORS } from "../../schemas/layout/colors";
import { WorkbookError } from "../sheet/form-workbook";
import type { ChartSpec } from "../../schemas/layout/officer/charts";
import {
  explanationArea,
  explanationBlock,
  explanationTitle,
  totalBlocks,
} from "../../schemas/layout/officer/consolidated-sheet";
import { rosterBlocks } from "../../schemas/layout/officer/consolidated-roster";
import type { MatrixLayout } from "../../schemas/layout/officer/matrix-sheet";
import { consolidatedStampAddress, type ConsolidatedSheet } from "../../schemas/layout/officer/consolidated-sheet";
import type { NotePatch, SheetPatch } from "../sheet/officer/refresh";
import { keyRange, placeRows } from "../sheet/officer/row-order";
import type { StatusLayout } from "../../schemas/layout/officer/status-sheet";

export { OFFICER_PROTECTION, STATUS_PROTECTION } from "./officer-protection";

/** What a drawing gets: the new sheet, and a name part unique to this drawing (for table names). */
type Draw = (ws: Excel.Worksheet, ctx: Excel.RequestContext, unique: string) => void;

/** A change to the set of noted cells, applied once the batch that makes it has synced. */
type NotedChange = { address: string; noted: boolean };

let drawings = 0;

/** Roster rows sent with the form's drawing, at most: half a request, the form takes the rest. */
const ROSTER_BUDGET = PAYLOAD_BUDGET / 2;

export class OfficeOfficerWorkbook implements OfficerWorkbook {
  readonly noteMode: NoteMode;
  /** Addresses that carry our note, per sheet: a refresh adds, updates or deletes without a lookup. */
  private readonly noted = new Map<string, Set<string>>();

  constructor(private readonly host: ExcelHost = officeHost()) {
    this.noteMode = noteModeOf(detectFeatures(host));
  }

  async renderStatus(layout: StatusLayout, stamp: string): Promise<void> {
    await this.fresh(
      layout.sheet,
      (ws) => {
        drawStatus(ws, layout, stamp);
        unlock(ws, statusWritable(layout));
      },
      STATUS_PROTECTION,
    );
  }

  async renderMatrix(layout: MatrixLayout, stamp: string): Promise<void> {
    await this.fresh(layout.sheet, (ws) => {
      drawMatrix(ws, layout, stamp);
      unlock(ws, matrixWritable(layout));
    });
  }

  async renderConsolidated(sheet: ConsolidatedSheet, stamp: string): Promise<void> {
    const changes: NotedChange[] = [];
    // Every submitted student of a city can pass Excel on the web's 5 MB per request:
    // the rows beyond what fits beside the form go in more syncs, before the sheet is swapped in.
    const [first = [], ...more] = batchesUnder(rosterBlocks(sheet.layout, sheet.rosters), ROSTER_BUDGET);
    const draw: Draw = (ws, ctx, unique) => {
      // Excel wants table names unique in the whole workbook, and the sheet this one
      // replaces still holds its tables while this one is drawn: name them for this drawing.
      const rosters = sheet.layout.rosters.map((r) => ({ ...r, tableName: `HB_${unique}_${r.key}` }));
      drawForm(ws, { ...sheet.layout, rosters });
      for (const b of totalBlocks(sheet.layout, sheet.totals)) ws.getRange(b.address).values = b.values;
      for (const b of first) ws.getRange(b.address).values = b.values;
      const stampCell = ws.getRange(consolidatedStampAddress(sheet.layout));
      stampCell.values = [[stamp]];
      stampCell.format.font.color = "#595959";
      for (const n of sheet.cellNotes)
        changes.push(...this.note(ctx, ws, { address: n.address, text: n.text, severity: n.severity }, new Set()));
      // The list is drawn even empty (上报说明（0 条）), with room to grow: a refresh only writes lines.
      const list = explanationBlock(sheet.list);
      const area = parseRange(explanationArea(sheet.list));
      // A single value goes to every cell of the range (Range.numberFormat, Range.format).
      (ws.getRange(rangeAddress(area)) as { numberFormat: unknown }).numberFormat = "@";
      ws.getRange(list.address).values = list.values;
      title(ws.getRange(explanationTitle(sheet.list)));
      header(ws.getRange(rangeAddress({ ...area, bottom: area.top + 1, top: area.top + 1 })).format);
      ws.getRange(rangeAddress({ ...area, top: area.top + 2, left: 2, right: 2 })).format.wrapText = true;
      unlock(ws, consolidatedWritable(sheet));
    };
    await this.fresh(sheet.layout.sheet, draw, OFFICER_PROTECTION, more);
    this.noted.set(sheet.layout.sheet, new Set(changes.filter((c) => c.noted).map((c) => c.address)));
  }

  async refreshMatrix(patch: SheetPatch, stamp: string): Promise<void> {
    await this.refresh([patch], stamp);
  }

  /**
   * Writes into cells the drawing left unlocked and changes only what the
   * sheets' protection allows, so no protection call clears the user's undo.
   * The one exception is threaded comments (hosts below ExcelApi 1.18, which
   * have no add-in undo to keep anyway): a protected sheet refuses them.
   */
  async refresh(patches: readonly SheetPatch[], stamp: string): Promise<void> {
    if (patches.length === 0) return;
    const changes: { sheet: string; change: NotedChange }[] = [];
    try {
      await this.host.run(RUN, async (ctx) => {
        const sorted = patches.filter((p) => p.order && p.blocks.length > 0);
        const keys = sorted.map((p) => {
          const range = ctx.workbook.worksheets.getItem(p.sheet).getRange(keyRange(p.order!));
          range.load("values");
          return range;
        });
        if (sorted.length > 0) await ctx.sync();
        const placed = new Map(
          sorted.map((p, i) => [
            p,
            placeRows(
              p.blocks,
              p.order!,
              (keys[i] as Excel.Range).values.map((r) => r[0]),
            ),
          ]),
        );
        // Excel on the web refuses a request over 5 MB: a refresh that rewrites thousands of roster rows syncs in parts.
        let used = 0;
        for (const p of patches) {
          const ws = ctx.workbook.worksheets.getItem(p.sheet);
          const comments = this.noteMode === "comments" && p.notes.length > 0;
          if (comments) ws.protection.unprotect();
          for (const b of batchesUnder(placed.get(p) ?? p.blocks, PAYLOAD_BUDGET).flat()) {
            const bytes = blockBytes(b);
            if (used > 0 && used + bytes > PAYLOAD_BUDGET) {
              await ctx.sync();
              used = 0;
            }
            ws.getRange(b.address).values = b.values;
            used += bytes;
          }
          const noted = this.noted.get(p.sheet) ?? new Set<string>();
          for (const n of p.notes)
            for (const change of this.note(ctx, ws, n, noted)) changes.push({ sheet: p.sheet, change });
          ws.getRange(p.stampAddress).values = [[stamp]];
          if (p.reapplyFilter) ws.autoFilter.reapply();
          if (comments) ws.protection.protect(OFFICER_PROTECTION);
        }
        await ctx.sync();
      });
    } catch (e) {
      if (/ItemNotFound/i.test(String((e as { code?: string }).code ?? e))) {
        throw new WorkbookError("sheet_missing", "汇总工作表已被删除或改名，请重新生成");
      }
      throw e;
    }
    // Only what Excel has: a failed batch leaves the set as the sheet still is.
    for (const { sheet, change } of changes) {
      const noted = this.noted.get(sheet) ?? new Set<string>();
      this.noted.set(sheet, noted);
      if (change.noted) noted.add(change.address);
      else noted.delete(change.address);
    }
  }

  /** Charts are objects: the sheets allow editing them, so no protection call is needed. */
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
        for (const c of charts.items) if (ours.has(c.name)) c.delete();
        for (const spec of specs.filter((s) => s.sheet === name)) addChart(ws, spec);
      }
      await ctx.sync();
    });
  }

  /**
   * Draws on a new sheet and swaps it in only once drawn and protected: 2
   * syncs, one more per batch of `more` (blocks too big for the drawing's request). A drawing that fails (a table name Excel refuses, a payload too
   * big, anything) fails before the old sheet is deleted, and the half-drawn
   * new sheet is deleted, so no half-drawn, unprotected sheet is ever left.
   */
  private async fresh(
    name: string,
    draw: Draw,
    protection = OFFICER_PROTECTION,
    more: readonly (readonly WriteBlock[])[] = [],
  ): Promise<void> {
    const unique = `${Date.now().toString(36)}${(++drawings).toString(36)}`;
    const temp = `~hb${unique}`;
    try {
      await this.host.run(RUN, async (ctx) => {
        const sheets = ctx.workbook.worksheets;
        const old = sheets.getItemOrNullObject(name);
        old.load("isNullObject");
        await ctx.sync();
        // Add first, since the last sheet of a workbook cannot be deleted.
        const ws = sheets.add(temp);
        draw(ws, ctx, unique);
        ws.protection.protect(protection);
        for (const batch of more) {
          await ctx.sync();
          // Unlocked cells: written on the protected sheet.
          for (const b of batch) ws.getRange(b.address).values = b.values;
        }
        // Reached only when every command above worked (a failing command fails the sync there).
        if (!old.isNullObject) old.delete();
        ws.name = name;
        await ctx.sync();
      });
    } catch (e) {
      await this.discard(temp);
      throw e;
    }
  }

  /** Deletes the sheet a failed drawing left, if any (best effort: the drawing's error is the one reported). */
  private async discard(name: string): Promise<void> {
    try {
      await this.host.run(RUN, async (ctx) => {
        const ws = ctx.workbook.worksheets.getItemOrNullObject(name);
        ws.load("isNullObject");
        await ctx.sync();
        if (ws.isNullObject) return;
        ws.delete();
        await ctx.sync();
      });
    } catch {
      // Nothing more to do: the sheet is named ~hb…, and the next drawing uses another name.
    }
  }

  /** Queues a note's fill and text; answers how the set of noted cells changes once the batch has synced. */
  private note(
    ctx: Excel.RequestContext,
    ws: Excel.Worksheet,
    n: NotePatch,
    noted: ReadonlySet<string>,
  ): NotedChange[] {
    const range = ws.getRange(n.address);
    if (n.text === null) {
      range.format.fill.clear();
      if (!noted.has(n.address)) return [];
      if (this.noteMode === "notes") ws.notes.getItem(n.address).delete();
      else if (this.noteMode === "comments") ctx.workbook.comments.getItemByCell(range).delete();
      return [{ address: n.address, noted: false }];
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
      return [];
    }
    return [{ address: n.address, noted: true }];
  }
}

/** Unlocks the cells a refresh writes (see officer-protection.ts). */
function unlock(ws: Excel.Worksheet, addresses: readonly string[]): void {
  for (const a of addresses) ws.getRange(a).format.protection.locked = false;
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

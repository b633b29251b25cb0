/**
 * `FormWorkbook` over Office.js (addin/excel is the only code that touches
 * Office.js; everything it draws comes from schemas/layout).
 *
 * Every round trip to Excel costs tens to hundreds of milliseconds (far more
 * in Excel on the web), so each operation queues all its commands and syncs
 * once; rendering needs one extra sync to learn whether the sheet exists, and
 * reconnecting one to learn its notes and how long its rosters have grown.
 *
 * Every batch asks Excel to wait while the clerk edits a cell (RUN). The sheet
 * is protected once, at render; the per-edit work — marks (office-marks.ts),
 * notes, value writes to unlocked cells, reading changes back — uses only APIs
 * with undo support, so the clerk's Ctrl+Z keeps working on hosts with add-in
 * undo (ExcelApi 1.20). Growing a roster is the exception: a protected sheet
 * cannot insert rows, so a grow unprotects and protects again, which clears
 * the clerk's undo stack; it happens once per 50-odd roster rows at most.
 */
import { rangeAddress } from "../../schemas/layout/address";
import { CellIndex } from "../../schemas/layout/form/cell-index";
import type { SheetLayout } from "../../schemas/layout/form/layout-types";
import { atLeast, rosterRowCounts, withRosterRows } from "../../schemas/layout/form/roster-rows";
import { renderFormSheet } from "./office-render";
import { readPrinted } from "./office-printed";
import type { PrintedSheet } from "../../schemas/definition/table-sheet";
import { rostersInSheet, queueGrowth } from "./office-grow";
import { officeHost, PROTECTION, RUN, type ExcelHost } from "./office-host";
import { movedNotes, notedCells } from "./office-notes";
import { sendMarks, type MarkWrite } from "./office-mark-cells";
import { toCellValue, toExcelInput } from "./office-values";
import { detectFeatures, type ExcelFeatures, type NoteMode } from "./office-features";
import {
  addMarksSheet,
  drawMarkFormats,
  markAreas,
  marksSheetName,
  MARK_VALUE,
  queueMarksGrowth,
} from "./office-marks";
import { EchoMemory } from "./office-echoes";
import { ChangeReader } from "./office-changes";
import { readInPages, writeInBatches } from "./office-io";
import { queueRestingFills } from "./office-fills";
import { selectionLeft } from "./office-picks";
import { ListPicks } from "../sheet/list-picks";
import { valueBlocks, type CellWrite } from "../sheet/value-blocks";
import {
  mergeMarks,
  notBound,
  WorkbookError,
  type CellKey,
  type CellMark,
  type CellValue,
  type CellsChangedHandler,
  type FormWorkbook,
  type Subscription,
  type UnreadHandler,
  type WriteResult,
} from "../sheet/form-workbook";

export { officeHost, PROTECTION, type ExcelHost } from "./office-host";
export type { NoteMode } from "./office-features";

/** A sheet's binding; a roster growing replaces its layout in place, so handlers holding it stay current. */
interface Bound {
  layout: SheetLayout;
  index: CellIndex;
  /** The very hidden sheet the marks are written to (office-marks.ts). */
  marks: string;
  /** Cells that carry our note, so a clear needs no lookup round trip; replaced only after a sync succeeded. */
  noted: Set<string>;
  /** The sheet's notes may differ from `noted` (a failed batch, a note the clerk deleted): read them first. */
  notedStale: boolean;
  /** The dropdown cells, re-read when the selection leaves them (picks raise no change on Excel on the web). */
  picks: ListPicks;
}

export interface OfficeWorkbookOptions {
  /** First pause before reading changed cells again after a failed read (doubles up to a minute). */
  retryMs?: number;
}

export class OfficeWorkbook implements FormWorkbook {
  private readonly bound = new Map<string, Bound>();
  readonly features: ExcelFeatures;
  /**
   * Notes where the host has them, else none: threaded comments cannot be
   * added to a protected sheet, and the pane lists every problem anyway.
   */
  readonly noteMode: NoteMode;
  /** Whether rosters can grow (`Table.resize`); older hosts keep the rows drawn at first. */
  readonly canGrowRosters: boolean;
  private readonly echoes: EchoMemory;
  private readonly retryMs: number;

  constructor(
    private readonly host: ExcelHost = officeHost(),
    options: OfficeWorkbookOptions = {},
  ) {
    this.features = detectFeatures(host);
    this.noteMode = this.features.notes ? "notes" : "none";
    this.canGrowRosters = this.features.tableResize;
    this.echoes = new EchoMemory(!this.features.triggerSource);
    this.retryMs = options.retryMs ?? 2000;
  }

  async renderForm(layout: SheetLayout): Promise<void> {
    const marks = marksSheetName(layout.sheet);
    // On a temporary sheet swapped in once drawn: a failure leaves the old sheet and its binding (office-render.ts).
    await renderFormSheet(this.host, layout, marks);
    this.bind(layout, marks);
  }

  /**
   * Three syncs: does the sheet exist (and its marks sheet, its protection)?
   * its notes and roster sizes; then old marks and notes cleared, rosters
   * grown. A sheet drawn before marks had their own sheet gets one now.
   */
  async attachForm(layout: SheetLayout): Promise<SheetLayout | null> {
    const marksName = marksSheetName(layout.sheet);
    const bound = await this.host.run(RUN, async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      const ws = sheets.getItemOrNullObject(layout.sheet);
      const marks = sheets.getItemOrNullObject(marksName);
      ws.load("isNullObject, protection/protected");
      marks.load("isNullObject");
      await ctx.sync();
      if (ws.isNullObject) return null;
      const wasProtected = ws.protection.protected;
      const notes = this.noteMode === "notes" ? ws.notes : undefined;
      notes?.load("items");
      const current = await rostersInSheet(ctx, ws, layout);
      if (notes && layout.rosters.length === 0) await ctx.sync();
      const after = this.canGrowRosters ? withRosterRows(current, atLeast(current, rosterRowCounts(layout))) : current;
      const upgrade = marks.isNullObject;
      const unprotect = upgrade || after !== current;
      if (unprotect && wasProtected) ws.protection.unprotect();
      queueGrowth(ws, current, after);
      if (upgrade) {
        // Drawn before marks had their own sheet: its marks were fills; every cell back to its resting fill.
        addMarksSheet(sheets, marksName);
        drawMarkFormats(ws, marksName, markAreas(after));
        queueRestingFills(ws, after);
      } else {
        // Marks from an earlier session are stale: the validator re-marks what is still wrong.
        queueMarksGrowth(ws, marks, marksName, current, after);
        marks.getRange(rangeAddress({ top: 1, left: 1, bottom: after.rows, right: after.columns })).clear("Contents");
      }
      for (const n of notes?.items ?? []) n.delete();
      if (unprotect || !wasProtected) ws.protection.protect(PROTECTION);
      await ctx.sync();
      return after;
    });
    if (bound) this.bind(bound, marksName);
    return bound;
  }

  async growRosters(sheet: string, rows: Readonly<Record<string, number>>): Promise<SheetLayout> {
    const b = this.get(sheet);
    const before = b.layout;
    const after = withRosterRows(before, atLeast(before, rows));
    if (after === before) return before;
    if (!this.canGrowRosters) {
      throw new WorkbookError(
        "unsupported",
        "此版本的 Excel 不能为名册增加行（需要 Excel 2021、Microsoft 365 或网页版 Excel），请在这些版本中打开本工作簿继续填报",
      );
    }
    const noted = b.noted;
    await this.host.run(RUN, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      // The one per-edit path that clears the clerk's undo: a protected sheet cannot insert rows.
      ws.protection.unprotect();
      queueGrowth(ws, before, after);
      queueMarksGrowth(ws, ctx.workbook.worksheets.getItem(b.marks), b.marks, before, after);
      ws.protection.protect(PROTECTION);
      // Rebound before the batch goes out: a batch queued after this one reaches
      // Excel after it too, so it must already use the moved addresses.
      this.rebind(b, after, movedNotes(noted, before, after));
      try {
        await ctx.sync();
      } catch (e) {
        this.rebind(b, before, noted);
        b.notedStale = true;
        throw e;
      }
    });
    return after;
  }

  readPrinted(): Promise<PrintedSheet | null> {
    return readPrinted(this.host, this.features);
  }

  async hasSheet(name: string): Promise<boolean> {
    return this.host.run(RUN, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItemOrNullObject(name);
      ws.load("isNullObject");
      await ctx.sync();
      return !ws.isNullObject;
    });
  }

  async readValues(sheet: string): Promise<Record<CellKey, CellValue>> {
    const b = this.get(sheet);
    const box = { top: 1, left: 1, bottom: b.layout.rows, right: b.layout.columns };
    const area = rangeAddress(box);
    // In pages: a 20,000-row roster's answer would pass Excel on the web's 5 MB (office-io.ts).
    const grid = await this.host.run(RUN, async (ctx) => {
      const read = await readInPages(ctx, ctx.workbook.worksheets.getItem(sheet), box);
      return read.values;
    });
    const out: Record<CellKey, CellValue> = {};
    for (const c of b.index.fixedCells()) out[c.key] = toCellValue(grid[c.row - 1]?.[c.col - 1]);
    for (const c of b.index.cellsIn(area)) {
      if (out[c.key] !== undefined) continue;
      const v = toCellValue(grid[c.row - 1]?.[c.col - 1]);
      if (v !== null) out[c.key] = v;
    }
    b.picks.saw(out);
    return out;
  }

  async writeValues(sheet: string, values: Record<CellKey, string | null>): Promise<WriteResult> {
    const b = this.get(sheet);
    const unplaced: CellKey[] = [];
    const writes: CellWrite[] = [];
    let touchesLocked = false;
    const formulas = new Set(b.layout.cells.filter((c) => c.formula).map((c) => c.key));
    for (const [key, value] of Object.entries(values)) {
      const cell = b.index.locate(key);
      if (!cell) {
        unplaced.push(key);
        continue;
      }
      // Excel computes a computed item that has a formula; a value written there would replace the formula.
      if (formulas.has(key)) continue;
      if (cell.locked) touchesLocked = true;
      writes.push({ row: cell.row, col: cell.col, value: toExcelInput(value, cell.valueType, cell.numberFormat) });
    }
    if (writes.length > 0) {
      // Blocks of adjacent cells, in batches under 4 MB: one call per cell would pass 5 MB for a long roster.
      await this.host.run(RUN, async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(sheet);
        const protection = touchesLocked
          ? { before: () => ws.protection.unprotect(), after: () => ws.protection.protect(PROTECTION) }
          : {};
        await writeInBatches(ctx, ws, valueBlocks(writes), {
          ...protection,
          watch: (written) => this.echoes.watch(sheet, written),
        });
      });
      b.picks.saw(values);
    }
    return { written: writes.length, unplaced };
  }

  /**
   * One sync (more only past 4 MB, office-mark-cells.ts): mark values into the
   * marks sheet and notes on the form, nothing that clears the clerk's undo. `noted` changes only once the sync
   * succeeded; after a failure the sheet's notes are read again and the batch
   * tried once more (what ran before the failure stays in the sheet).
   */
  async markCells(sheet: string, marks: readonly CellMark[], cleared: readonly CellKey[]): Promise<void> {
    const b = this.get(sheet);
    const merged = mergeMarks(marks);
    const marked = new Set(merged.map((m) => m.cell));
    const toClear = cleared.filter((k) => !marked.has(k));
    if (merged.length === 0 && toClear.length === 0) return;
    const layout = b.layout;
    const writes: MarkWrite[] = [];
    for (const m of merged) {
      const cell = b.index.locate(m.cell);
      if (cell)
        writes.push({
          row: cell.row,
          col: cell.col,
          address: cell.address,
          value: MARK_VALUE[m.severity],
          note: m.note,
        });
    }
    for (const key of toClear) {
      const cell = b.index.locate(key);
      if (cell) writes.push({ row: cell.row, col: cell.col, address: cell.address, value: "", note: null });
    }
    const attempt = (noted: ReadonlySet<string>) =>
      this.host.run(RUN, async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(sheet);
        const next = new Set(noted);
        await sendMarks(ctx, ws, ctx.workbook.worksheets.getItem(b.marks), this.noteMode, writes, next);
        return next;
      });
    let next: Set<string>;
    try {
      next = await attempt(b.notedStale ? await this.notesOn(sheet) : b.noted);
    } catch {
      b.notedStale = true;
      next = await attempt(await this.notesOn(sheet));
    }
    // A grow that went out meanwhile moved the notes: they are read again next time.
    if (b.layout !== layout) return;
    b.noted = next;
    b.notedStale = false;
  }

  async selectCell(sheet: string, cell: CellKey): Promise<void> {
    const located = this.get(sheet).index.locate(cell);
    if (!located) return;
    await this.host.run(RUN, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(located.address).select();
      await ctx.sync();
    });
  }

  async onCellsChanged(sheet: string, handler: CellsChangedHandler, onUnread?: UnreadHandler): Promise<Subscription> {
    const b = this.get(sheet);
    // What was read is what the sheet holds: a dropdown cell read here is not reported again on leaving it.
    const report: CellsChangedHandler = (cells, values) => {
      b.picks.saw(values);
      handler(cells, values);
    };
    const reader = new ChangeReader({
      host: this.host,
      sheet,
      index: () => b.index,
      // The read of a change also repairs what a paste broke (office-paste.ts).
      form: () => ({ layout: b.layout, index: b.index, marks: b.marks }),
      handler: report,
      onUnread,
      echoes: this.echoes,
      retryMs: this.retryMs,
    });
    const registration = await this.host.run(RUN, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      const changes = ws.onChanged.add((event) => reader.changed(event));
      // Dropdown picks raise no onChanged on Excel on the web (office-picks.ts); onSelectionChanged is ExcelApi 1.7.
      const picks = ws.onSelectionChanged.add((event) =>
        selectionLeft(this.host, sheet, b.picks, event.address, handler),
      );
      await ctx.sync();
      return [changes, picks];
    });
    return {
      remove: async () => {
        reader.stop();
        for (const r of registration) r.remove();
        await registration[0]?.context.sync();
      },
    };
  }

  /** The cells that carry a note now, read from the sheet (none where notes are not used). */
  private async notesOn(sheet: string): Promise<Set<string>> {
    if (this.noteMode !== "notes") return new Set();
    return this.host.run(RUN, (ctx) => notedCells(ctx, ctx.workbook.worksheets.getItem(sheet)));
  }

  private bind(layout: SheetLayout, marks: string): void {
    this.bound.set(layout.sheet, {
      layout,
      index: new CellIndex(layout),
      marks,
      noted: new Set(),
      notedStale: false,
      picks: new ListPicks(layout),
    });
  }

  private rebind(b: Bound, layout: SheetLayout, noted: Set<string>): void {
    b.layout = layout;
    b.index = new CellIndex(layout);
    b.noted = noted;
    b.picks.rebind(layout);
  }

  private get(sheet: string): Bound {
    const b = this.bound.get(sheet);
    if (!b) throw notBound(sheet);
    return b;
  }
}

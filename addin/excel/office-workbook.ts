/**
 * `FormWorkbook` over Office.js (addin/excel is the only code that touches
 * Office.js; everything it draws comes from schemas/layout).
 *
 * Every round trip to Excel costs tens to hundreds of milliseconds (far more
 * in Excel on the web), so each operation queues all its commands and syncs
 * once; rendering needs one extra sync to learn whether the sheet exists, and
 * reconnecting one more to learn how long its rosters have grown.
 */
import { rangeAddress } from "../../schemas/layout/address";
import { COLORS } from "../../schemas/layout/colors";
import { CellIndex } from "../../schemas/layout/form/cell-index";
import type { SheetLayout } from "../../schemas/layout/form/layout-types";
import { atLeast, rosterRowCounts, withRosterRows } from "../../schemas/layout/form/roster-rows";
import { drawForm } from "./office-draw";
import { rostersInSheet, queueGrowth, TABLE_RESIZE_API } from "./office-grow";
import { officeHost, PROTECTION, type ExcelHost } from "./office-host";
import { movedNotes, noteModeOf, removeNote, setNote, type NoteMode } from "./office-notes";
import { toCellValue, toExcelInput } from "./office-values";
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
  type WriteResult,
} from "../sheet/form-workbook";

export { officeHost, PROTECTION, type ExcelHost } from "./office-host";
export type { NoteMode } from "./office-notes";

/** A sheet's binding; a roster growing replaces its layout in place, so handlers holding it stay current. */
interface Bound {
  layout: SheetLayout;
  index: CellIndex;
  /** Cells that carry our note/comment, so a clear needs no lookup round trip. */
  noted: Set<string>;
}

export class OfficeWorkbook implements FormWorkbook {
  private readonly bound = new Map<string, Bound>();
  readonly noteMode: NoteMode;
  /** Whether rosters can grow (`Table.resize`); older hosts keep the rows drawn at first. */
  readonly canGrowRosters: boolean;

  constructor(private readonly host: ExcelHost = officeHost()) {
    this.noteMode = noteModeOf((name, version) => host.isSetSupported(name, version));
    this.canGrowRosters = host.isSetSupported("ExcelApi", TABLE_RESIZE_API);
  }

  async renderForm(layout: SheetLayout): Promise<void> {
    await this.host.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      const old = sheets.getItemOrNullObject(layout.sheet);
      old.load("isNullObject");
      await ctx.sync();

      let ws: Excel.Worksheet;
      if (old.isNullObject) {
        ws = sheets.add(layout.sheet);
      } else {
        // A fresh sheet is the only way to drop every old validation, format,
        // table and note in one batch; add first, since the last sheet of a
        // workbook cannot be deleted.
        ws = sheets.add(`~${Date.now().toString(36)}`);
        old.delete();
        ws.name = layout.sheet;
      }
      drawForm(ws, layout);
      ws.protection.protect(PROTECTION);
      ws.activate();
      const first = layout.cells.find((c) => !c.locked) ?? layout.cells[0];
      if (first) ws.getRange(first.address).select();
      await ctx.sync();
    });
    this.bound.set(layout.sheet, { layout, index: new CellIndex(layout), noted: new Set() });
  }

  async attachForm(layout: SheetLayout): Promise<SheetLayout | null> {
    const bound = await this.host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItemOrNullObject(layout.sheet);
      ws.load("isNullObject");
      const notes = this.noteMode === "notes" ? ws.notes : this.noteMode === "comments" ? ws.comments : undefined;
      notes?.load("items");
      await ctx.sync();
      if (ws.isNullObject) return null;
      const current = await rostersInSheet(ctx, ws, layout);
      const after = this.canGrowRosters ? withRosterRows(current, atLeast(current, rosterRowCounts(layout))) : current;
      // Marks from an earlier session are stale: the validator re-marks what is still wrong.
      ws.protection.unprotect();
      queueGrowth(ws, current, after);
      for (const n of notes?.items ?? []) n.delete();
      for (const c of new CellIndex(after).fixedCells()) ws.getRange(c.address).format.fill.color = COLORS.input;
      ws.protection.protect(PROTECTION);
      await ctx.sync();
      return after;
    });
    if (bound) this.bound.set(layout.sheet, { layout: bound, index: new CellIndex(bound), noted: new Set() });
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
    await this.host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      ws.protection.unprotect();
      queueGrowth(ws, before, after);
      ws.protection.protect(PROTECTION);
      // Rebound before the batch goes out: a batch queued after this one reaches
      // Excel after it too, so it must already use the moved addresses.
      this.rebind(b, after, movedNotes(noted, before, after));
      try {
        await ctx.sync();
      } catch (e) {
        this.rebind(b, before, noted);
        throw e;
      }
    });
    return after;
  }

  async hasSheet(name: string): Promise<boolean> {
    return this.host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItemOrNullObject(name);
      ws.load("isNullObject");
      await ctx.sync();
      return !ws.isNullObject;
    });
  }

  async readValues(sheet: string): Promise<Record<CellKey, CellValue>> {
    const b = this.get(sheet);
    const area = rangeAddress({ top: 1, left: 1, bottom: b.layout.rows, right: b.layout.columns });
    const grid = await this.host.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem(sheet).getRange(area);
      range.load("values");
      await ctx.sync();
      return range.values as unknown[][];
    });
    const out: Record<CellKey, CellValue> = {};
    for (const c of b.index.fixedCells()) out[c.key] = toCellValue(grid[c.row - 1]?.[c.col - 1]);
    for (const c of b.index.cellsIn(area)) {
      if (out[c.key] !== undefined) continue;
      const v = toCellValue(grid[c.row - 1]?.[c.col - 1]);
      if (v !== null) out[c.key] = v;
    }
    return out;
  }

  async writeValues(sheet: string, values: Record<CellKey, string | null>): Promise<WriteResult> {
    const b = this.get(sheet);
    const unplaced: CellKey[] = [];
    const writes: { address: string; value: string | number }[] = [];
    let touchesLocked = false;
    const lockedKeys = new Set(b.layout.cells.filter((c) => c.locked).map((c) => c.key));
    const formulas = new Set(b.layout.cells.filter((c) => c.formula).map((c) => c.key));
    for (const [key, value] of Object.entries(values)) {
      const cell = b.index.locate(key);
      if (!cell) {
        unplaced.push(key);
        continue;
      }
      // Excel computes a computed item that has a formula; a value written there would replace the formula.
      if (formulas.has(key)) continue;
      if (lockedKeys.has(key)) touchesLocked = true;
      writes.push({ address: cell.address, value: toExcelInput(value, cell.valueType, cell.numberFormat) });
    }
    if (writes.length > 0) {
      await this.host.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(sheet);
        if (touchesLocked) ws.protection.unprotect();
        for (const w of writes) ws.getRange(w.address).values = [[w.value]];
        if (touchesLocked) ws.protection.protect(PROTECTION);
        await ctx.sync();
      });
    }
    return { written: writes.length, unplaced };
  }

  async markCells(sheet: string, marks: readonly CellMark[], cleared: readonly CellKey[]): Promise<void> {
    const b = this.get(sheet);
    const merged = mergeMarks(marks);
    const marked = new Set(merged.map((m) => m.cell));
    const toClear = cleared.filter((k) => !marked.has(k));
    if (merged.length === 0 && toClear.length === 0) return;
    await this.host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      // Fills and notes are formatting and objects: the protected sheet refuses them even from the add-in.
      ws.protection.unprotect();
      for (const m of merged) {
        const cell = b.index.locate(m.cell);
        if (!cell) continue;
        const range = ws.getRange(cell.address);
        range.format.fill.color = m.severity === "error" ? COLORS.error : COLORS.warning;
        setNote(this.noteMode, ctx, ws, range, cell.address, m.note, b.noted);
      }
      for (const key of toClear) {
        const cell = b.index.locate(key);
        if (!cell) continue;
        const range = ws.getRange(cell.address);
        range.format.fill.color = COLORS.input;
        removeNote(this.noteMode, ctx, ws, range, cell.address, b.noted);
      }
      ws.protection.protect(PROTECTION);
      await ctx.sync();
    });
  }

  async selectCell(sheet: string, cell: CellKey): Promise<void> {
    const located = this.get(sheet).index.locate(cell);
    if (!located) return;
    await this.host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(located.address).select();
      await ctx.sync();
    });
  }

  async onCellsChanged(sheet: string, handler: CellsChangedHandler): Promise<Subscription> {
    const b = this.get(sheet);
    const registration = await this.host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      const result = ws.onChanged.add((event) => this.changed(sheet, b, event, handler));
      await ctx.sync();
      return result;
    });
    return {
      remove: async () => {
        registration.remove();
        await registration.context.sync();
      },
    };
  }

  /**
   * A multi-cell edit or a paste arrives without `details` and bypasses data
   * validation, so the changed area is always read back in full.
   */
  private async changed(
    sheet: string,
    b: Bound,
    event: Excel.WorksheetChangedEventArgs,
    handler: CellsChangedHandler,
  ): Promise<void> {
    if (event.triggerSource === "ThisLocalAddin") return;
    const cells = b.index.cellsIn(event.address);
    if (cells.length === 0) return;
    const box = {
      top: Math.min(...cells.map((c) => c.row)),
      left: Math.min(...cells.map((c) => c.col)),
      bottom: Math.max(...cells.map((c) => c.row)),
      right: Math.max(...cells.map((c) => c.col)),
    };
    const grid = await this.host.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem(sheet).getRange(rangeAddress(box));
      range.load("values");
      await ctx.sync();
      return range.values as unknown[][];
    });
    const values: Record<CellKey, CellValue> = {};
    for (const c of cells) values[c.key] = toCellValue(grid[c.row - box.top]?.[c.col - box.left]);
    handler(
      cells.map((c) => c.key),
      values,
    );
  }

  private rebind(b: Bound, layout: SheetLayout, noted: Set<string>): void {
    b.layout = layout;
    b.index = new CellIndex(layout);
    b.noted = noted;
  }

  private get(sheet: string): Bound {
    const b = this.bound.get(sheet);
    if (!b) throw notBound(sheet);
    return b;
  }
}

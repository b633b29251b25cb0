/**
 * `FormWorkbook` over Office.js — the only module that calls Excel.
 *
 * Every round trip to Excel costs tens to hundreds of milliseconds (far more
 * in Excel on the web), so each operation queues all its commands and syncs
 * once; rendering needs one extra sync to learn whether the sheet exists.
 */
import { rangeAddress } from "./address";
import { CellIndex } from "./cell-index";
import type { SheetLayout } from "./layout-types";
import { drawForm } from "./office-draw";
import {
  COLORS,
  mergeMarks,
  notBound,
  type CellKey,
  type CellMark,
  type CellValue,
  type CellsChangedHandler,
  type FormWorkbook,
  type Subscription,
  type WriteResult,
} from "./workbook";

/** The two Office globals the adapter needs, injectable for tests. */
export interface ExcelHost {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  isSetSupported(name: string, minVersion: string): boolean;
}

export function officeHost(): ExcelHost {
  return {
    run: (batch) => Excel.run(batch),
    isSetSupported: (name, version) => Office.context.requirements.isSetSupported(name, version),
  };
}

/** How marks carry their message: notes (ExcelApi 1.18), threaded comments (1.10), or fill only. */
export type NoteMode = "notes" | "comments" | "none";

/**
 * The sheet is protected so labels, formulas and number formats stay as
 * published (an 18-digit 身份证号 survives only in a "@" cell). Clerks may
 * still resize rows and columns to read long labels and filter a roster;
 * sorting is off because a roster row id is its position.
 */
export const PROTECTION: Excel.WorksheetProtectionOptions = {
  allowFormatColumns: true,
  allowFormatRows: true,
  allowAutoFilter: true,
  allowFormatCells: false,
  allowSort: false,
  allowInsertRows: false,
  allowDeleteRows: false,
  allowInsertColumns: false,
  allowDeleteColumns: false,
  allowInsertHyperlinks: false,
  allowEditObjects: false,
  allowEditScenarios: false,
  allowPivotTables: false,
};

interface Bound {
  layout: SheetLayout;
  index: CellIndex;
  /** Cells that carry our note/comment, so a clear needs no lookup round trip. */
  noted: Set<string>;
}

export class OfficeWorkbook implements FormWorkbook {
  private readonly bound = new Map<string, Bound>();
  readonly noteMode: NoteMode;

  constructor(private readonly host: ExcelHost = officeHost()) {
    this.noteMode = host.isSetSupported("ExcelApi", "1.18")
      ? "notes"
      : host.isSetSupported("ExcelApi", "1.10")
        ? "comments"
        : "none";
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

  async attachForm(layout: SheetLayout): Promise<boolean> {
    const exists = await this.host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItemOrNullObject(layout.sheet);
      ws.load("isNullObject");
      const notes = this.noteMode === "notes" ? ws.notes : this.noteMode === "comments" ? ws.comments : undefined;
      notes?.load("items");
      await ctx.sync();
      if (ws.isNullObject) return false;
      // Marks from an earlier session are stale: the validator re-marks what is still wrong.
      ws.protection.unprotect();
      for (const n of notes?.items ?? []) n.delete();
      for (const c of new CellIndex(layout).fixedCells()) ws.getRange(c.address).format.fill.color = COLORS.input;
      ws.protection.protect(PROTECTION);
      await ctx.sync();
      return true;
    });
    if (exists) this.bound.set(layout.sheet, { layout, index: new CellIndex(layout), noted: new Set() });
    return exists;
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
    for (const [key, value] of Object.entries(values)) {
      const cell = b.index.locate(key);
      if (!cell) {
        unplaced.push(key);
        continue;
      }
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
        this.setNote(ctx, ws, range, cell.address, m.note, b.noted);
      }
      for (const key of toClear) {
        const cell = b.index.locate(key);
        if (!cell) continue;
        const range = ws.getRange(cell.address);
        range.format.fill.color = COLORS.input;
        this.removeNote(ctx, ws, range, cell.address, b.noted);
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

  private setNote(
    ctx: Excel.RequestContext,
    ws: Excel.Worksheet,
    range: Excel.Range,
    address: string,
    text: string,
    noted: Set<string>,
  ): void {
    if (this.noteMode === "notes") {
      if (noted.has(address)) ws.notes.getItem(address).content = text;
      else ws.notes.add(range, text);
    } else if (this.noteMode === "comments") {
      if (noted.has(address)) ctx.workbook.comments.getItemByCell(range).content = text;
      else ctx.workbook.comments.add(range, text);
    } else {
      return;
    }
    noted.add(address);
  }

  private removeNote(
    ctx: Excel.RequestContext,
    ws: Excel.Worksheet,
    range: Excel.Range,
    address: string,
    noted: Set<string>,
  ): void {
    if (!noted.has(address)) return;
    if (this.noteMode === "notes") ws.notes.getItem(address).delete();
    else if (this.noteMode === "comments") ctx.workbook.comments.getItemByCell(range).delete();
    noted.delete(address);
  }

  private get(sheet: string): Bound {
    const b = this.bound.get(sheet);
    if (!b) throw notBound(sheet);
    return b;
  }
}

function toCellValue(raw: unknown): CellValue {
  if (raw === undefined || raw === null || raw === "") return null;
  if (typeof raw === "number") return raw;
  if (typeof raw === "boolean") return raw ? "TRUE" : "FALSE";
  return String(raw);
}

const NUMERIC = /^-?\d+(\.\d+)?$/;

/**
 * Canonical text → what `range.values` should receive. Numbers go in as
 * numbers so Excel never reads them with a locale's separators. A "@" cell
 * keeps whatever it receives as text; anywhere else text that starts with "="
 * gets Excel's text prefix, so a synced value never becomes a formula.
 */
function toExcelInput(value: string | null, type: string, numberFormat: string): string | number {
  if (value === null) return "";
  if ((type === "integer" || type === "decimal") && NUMERIC.test(value)) return Number(value);
  if (numberFormat !== "@" && value.startsWith("=")) return `'${value}`;
  return value;
}

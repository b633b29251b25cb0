/**
 * `FormWorkbook` in memory: the stand-in for Excel in the preview page and in
 * tests of everything above the adapter. It behaves like Excel where the task
 * pane can tell the difference: typed values go through data validation (stop
 * alert), pastes and `writeValues` bypass it, changes are reported
 * asynchronously, and 其中 sums are highlighted like the conditional format.
 * A roster grows as the Office adapter grows it: what lies below moves down.
 * Formula cells (computed items, 序号) hold what Excel would compute (formulas.ts).
 * No DOM here; the preview's `grid-view.ts` draws it.
 */
import { a1, parseCell, parseRange } from "../../schemas/layout/address";
import { CellIndex } from "../../schemas/layout/form/cell-index";
import type { ErrorAlert, SheetLayout, TextCell, ValidationBlock } from "../../schemas/layout/form/layout-types";
import { atLeast, growthOf, rosterRowCounts, rowMove, withRosterRows } from "../../schemas/layout/form/roster-rows";
import { sumRuleState } from "../../schemas/layout/form/sum-rules";
import {
  mergeMarks,
  notBound,
  type CellKey,
  type CellMark,
  type CellValue,
  type CellsChangedHandler,
  type FormWorkbook,
  type MarkSeverity,
  type Subscription,
  type WriteResult,
} from "../sheet/form-workbook";
import { parseTyped, passesRule } from "./excel-values";
import { computeFormulas } from "./formulas";
import { blankLayout } from "./memory-printed";
import type { PrintedSheet } from "../../schemas/definition/table-sheet";

export interface MemorySheet {
  layout: SheetLayout;
  index: CellIndex;
  /** Value cells by A1 address. */
  values: Map<string, CellValue>;
  marks: Map<string, { severity: MarkSeverity; note: string }>;
  texts: Map<string, TextCell>;
  validation: Map<string, ValidationBlock>;
  selected?: string;
}

/**
 * Told which sheet changed; `addresses` when only the values or marks of those
 * cells did (typing, pasting, `writeValues`, `markCells`), so a 28,000-cell
 * roster is not redrawn whole per keystroke. Without it, anything may have.
 */
export type SheetListener = (sheet: string, addresses?: readonly string[]) => void;

export type EntryResult = { ok: true } | { ok: false; alert: ErrorAlert };

export class MemoryWorkbook implements FormWorkbook {
  private readonly sheets = new Map<string, MemorySheet>();
  private readonly handlers = new Map<string, Set<CellsChangedHandler>>();
  private readonly listeners = new Set<SheetListener>();
  active?: string;

  async renderForm(layout: SheetLayout): Promise<void> {
    const values = new Map(layout.cells.filter((c) => c.initial !== null).map((c) => [c.address, c.initial]));
    computeFormulas(layout, values);
    this.sheets.set(layout.sheet, sheetOf(layout, values, new Map(), layout.cells.find((c) => !c.locked)?.address));
    this.active = layout.sheet;
    this.notify(layout.sheet);
  }

  async attachForm(layout: SheetLayout): Promise<SheetLayout | null> {
    const sheet = this.sheets.get(layout.sheet);
    if (!sheet) return null;
    sheet.marks.clear();
    // The rosters keep the rows the sheet has and grow to what the layout asks for.
    const current = withRosterRows(layout, rosterRowCounts(sheet.layout));
    const after = this.grow(sheet, current, withRosterRows(current, atLeast(current, rosterRowCounts(layout))));
    this.notify(layout.sheet);
    return after;
  }

  async growRosters(sheet: string, rows: Readonly<Record<string, number>>): Promise<SheetLayout> {
    const s = this.get(sheet);
    const after = this.grow(s, s.layout, withRosterRows(s.layout, atLeast(s.layout, rows)));
    if (after !== s.layout) this.notify(sheet);
    return after;
  }

  /** Excel's ＋: a blank sheet named Sheet1, Sheet2 … (the first free), made active. */
  async addBlankSheet(): Promise<string> {
    let n = 1;
    while (this.sheets.has(`Sheet${n}`)) n++;
    await this.renderForm(blankLayout(`Sheet${n}`));
    return `Sheet${n}`;
  }

  async hasSheet(name: string): Promise<boolean> {
    return this.sheets.has(name);
  }

  /** The active sheet as printed: its texts and values where they sit, its merges. */
  async readPrinted(): Promise<PrintedSheet | null> {
    const s = this.active ? this.sheets.get(this.active) : undefined;
    if (!s) return null;
    const cells: (string | number | null)[][] = [];
    const put = (address: string, value: string | number | null) => {
      if (value === null || value === "") return;
      const p = parseCell(address);
      const row = (cells[p.row - 1] ??= []);
      row[p.col - 1] = value;
    };
    for (const t of s.texts.values()) put(t.address, t.text);
    for (const [address, value] of s.values) put(address, value);
    if (cells.length === 0) return null;
    const merges = s.layout.merges.map((m) => {
      const r = parseRange(m);
      return { top: r.top - 1, left: r.left - 1, bottom: r.bottom - 1, right: r.right - 1 };
    });
    return { cells: Array.from(cells, (r) => Array.from(r ?? [], (c) => c ?? null)), merges };
  }

  async readValues(sheet: string): Promise<Record<CellKey, CellValue>> {
    const s = this.get(sheet);
    const out: Record<CellKey, CellValue> = {};
    for (const c of s.index.fixedCells()) out[c.key] = s.values.get(c.address) ?? null;
    for (const [address, value] of s.values) {
      const p = parseCell(address);
      const c = s.index.at(p.row, p.col);
      if (c && out[c.key] === undefined && value !== null) out[c.key] = value;
    }
    return out;
  }

  async writeValues(sheet: string, values: Record<CellKey, string | null>): Promise<WriteResult> {
    const s = this.get(sheet);
    const unplaced: CellKey[] = [];
    const addresses: string[] = [];
    const formulas = new Set(s.layout.cells.filter((c) => c.formula).map((c) => c.key));
    for (const [key, value] of Object.entries(values)) {
      const c = s.index.locate(key);
      if (!c) {
        unplaced.push(key);
        continue;
      }
      // As in Excel: the formula computes the cell; the add-in never writes over it.
      if (formulas.has(key)) continue;
      // As Excel receives it from the adapter: numbers as numbers, the rest as typed.
      s.values.set(c.address, value === null ? null : parseTyped(value, c.numberFormat));
      addresses.push(c.address);
    }
    if (addresses.length > 0) addresses.push(...computeFormulas(s.layout, s.values));
    // Writing nothing redraws the whole sheet (the officer's mirror asks for that).
    this.notify(sheet, addresses.length > 0 ? addresses : undefined);
    return { written: addresses.length, unplaced };
  }

  async markCells(sheet: string, marks: readonly CellMark[], cleared: readonly CellKey[]): Promise<void> {
    const s = this.get(sheet);
    const addresses: string[] = [];
    for (const key of cleared) {
      const c = s.index.locate(key);
      if (c) {
        s.marks.delete(c.address);
        addresses.push(c.address);
      }
    }
    for (const m of mergeMarks(marks)) {
      const c = s.index.locate(m.cell);
      if (c) {
        s.marks.set(c.address, { severity: m.severity, note: m.note });
        addresses.push(c.address);
      }
    }
    this.notify(sheet, addresses.length > 0 ? addresses : undefined);
  }

  async selectCell(sheet: string, cell: CellKey): Promise<void> {
    const s = this.get(sheet);
    const c = s.index.locate(cell);
    if (!c) return;
    s.selected = c.address;
    this.active = sheet;
    // No cell changed: the grid only moves the selection.
    this.notify(sheet, []);
  }

  async onCellsChanged(sheet: string, handler: CellsChangedHandler): Promise<Subscription> {
    this.get(sheet);
    const set = this.handlers.get(sheet) ?? new Set();
    set.add(handler);
    this.handlers.set(sheet, set);
    return { remove: async () => void set.delete(handler) };
  }

  // ---- what the clerk does in the preview grid -------------------------------------------

  sheet(name: string): MemorySheet | undefined {
    return this.sheets.get(name);
  }

  sheetNames(): string[] {
    return [...this.sheets.keys()];
  }

  /** Redraw hook for the grid view: with `addresses`, only those cells' values or marks changed. */
  subscribe(listener: SheetListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Typing into a cell: data validation applies, a violation is refused with the stop alert. */
  type(sheet: string, address: string, raw: string): EntryResult {
    const s = this.get(sheet);
    const p = parseCell(address);
    const cell = s.index.at(p.row, p.col);
    if (!cell || s.layout.cells.some((c) => c.address === address && c.locked)) {
      return { ok: false, alert: { title: "汇表", message: "此单元格受保护，只能在浅蓝色的填报格中录入。" } };
    }
    const value = parseTyped(raw, cell.numberFormat);
    const block = s.validation.get(address);
    if (block && !this.passes(s, block, address, value)) return { ok: false, alert: block.alert };
    s.values.set(address, value);
    this.changed(sheet, s, [address]);
    return { ok: true };
  }

  /** A paste writes a block of text starting at `address` and, as in Excel, skips data validation. */
  paste(sheet: string, address: string, rows: string[][]): void {
    const s = this.get(sheet);
    const start = parseCell(address);
    const touched: string[] = [];
    rows.forEach((line, i) =>
      line.forEach((raw, j) => {
        const cell = s.index.at(start.row + i, start.col + j);
        if (!cell || s.layout.cells.some((c) => c.address === cell.address && c.locked)) return;
        s.values.set(cell.address, parseTyped(raw, cell.numberFormat));
        touched.push(cell.address);
      }),
    );
    if (touched.length > 0) this.changed(sheet, s, touched);
  }

  /** Addresses the conditional formats of broken 其中 sums would colour. */
  brokenSums(sheet: string): Set<string> {
    const s = this.get(sheet);
    const out = new Set<string>();
    for (const rule of s.layout.sumRules) {
      if (sumRuleState(rule, (a) => numeric(s.values.get(a))).broken) {
        out.add(rule.total);
        rule.parts.forEach((p) => out.add(p));
      }
    }
    return out;
  }

  /**
   * Replaces the sheet by one bound to `after`, values, marks and selection
   * moved as Excel moves them. A new sheet object, so the grid redraws it.
   */
  private grow(s: MemorySheet, before: SheetLayout, after: SheetLayout): SheetLayout {
    if (growthOf(before, after).length === 0) {
      s.layout = after;
      s.index = new CellIndex(after);
      return after;
    }
    const move = rowMove(before, after);
    const moved = (address: string) => {
      const p = parseCell(address);
      return a1(move(p.row, p.col), p.col);
    };
    const values = new Map([...s.values].map(([a, v]) => [moved(a), v]));
    computeFormulas(after, values);
    const marks = new Map([...s.marks].map(([a, m]) => [moved(a), m]));
    this.sheets.set(after.sheet, sheetOf(after, values, marks, s.selected && moved(s.selected)));
    return after;
  }

  private passes(s: MemorySheet, block: ValidationBlock, address: string, value: CellValue): boolean {
    if (value === null) return true;
    if (!passesRule(block.rule, value)) return false;
    const rules = s.layout.sumRules.filter((r) => block.sumRuleIds.includes(r.id));
    const valueAt = (a: string) => numeric(a === address ? value : s.values.get(a));
    return rules.every((r) => sumRuleState(r, valueAt).within);
  }

  private changed(sheet: string, s: MemorySheet, addresses: string[]): void {
    const keys: CellKey[] = [];
    const values: Record<CellKey, CellValue> = {};
    for (const a of addresses) {
      const p = parseCell(a);
      const c = s.index.at(p.row, p.col);
      if (!c) continue;
      keys.push(c.key);
      values[c.key] = s.values.get(a) ?? null;
    }
    this.notify(sheet, [...addresses, ...computeFormulas(s.layout, s.values)]);
    // Excel raises onChanged after the edit, never inside it.
    const handlers = [...(this.handlers.get(sheet) ?? [])];
    queueMicrotask(() => handlers.forEach((h) => h(keys, values)));
  }

  private notify(sheet: string, addresses?: readonly string[]): void {
    for (const l of this.listeners) l(sheet, addresses);
  }

  private get(sheet: string): MemorySheet {
    const s = this.sheets.get(sheet);
    if (!s) throw notBound(sheet);
    return s;
  }
}

function sheetOf(
  layout: SheetLayout,
  values: Map<string, CellValue>,
  marks: MemorySheet["marks"],
  selected: string | undefined,
): MemorySheet {
  const validation = new Map<string, ValidationBlock>();
  for (const block of layout.validations) {
    const r = parseRange(block.range);
    for (let row = r.top; row <= r.bottom; row++) {
      for (let col = r.left; col <= r.right; col++) validation.set(a1(row, col), block);
    }
  }
  return {
    layout,
    index: new CellIndex(layout),
    values,
    marks,
    texts: new Map(layout.texts.map((t) => [t.address, t])),
    validation,
    selected,
  };
}

function numeric(v: CellValue | undefined): number | null {
  return typeof v === "number" ? v : null;
}

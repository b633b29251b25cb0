/**
 * One sheet of the in-memory workbook as table rows: column letters, row
 * numbers, merged title rows, static texts and an input per value cell.
 * Rows go in tables of ROWS_PER_BLOCK, and a long sheet's blocks are laid out
 * and painted only near the viewport (content-visibility): a 2,000-row roster
 * is ~28,000 cells. Every cell stays in the DOM, so selectors, focus and
 * find-in-page reach all of them.
 */
import { a1, columnLetter, parseRange } from "../../../schemas/layout/address";
import type { TextStyle } from "../../../schemas/layout/form/layout-types";
import type { MemorySheet } from "../../memory/memory-workbook";
import { add, h } from "../../ui/views/dom";

export interface CellView {
  td: HTMLTableCellElement;
  input?: HTMLInputElement;
  /** Made when the cell first gets a note: most of a roster's cells never do. */
  note?: HTMLDivElement;
  /** The cell's number format, for showing its value as Excel would. */
  format: string;
  /**
   * What the last refresh put in the DOM — the marks (severity, 其中 colour,
   * note) and the value — so a refresh touches only cells that changed: a
   * 2,000-row roster is ~28,000 cells. A new cell is drawn blank.
   */
  look: string;
  value: string;
}

/** An editable cell's view: one with an input. */
export type InputView = CellView & { input: HTMLInputElement };

/** The look of a cell with no mark, no 其中 colour and no note. */
export const BLANK = "|0|";

/** Rows per table block; a sheet longer than one block draws only the blocks near the viewport. */
const ROWS_PER_BLOCK = 100;
/** A row's height (24 px and the collapsed border), for the size of a block not drawn yet. */
const ROW_PX = 25;

/** The sheet's table (sticky column letters first) and a view of every cell that can show something, by address. */
export function drawSheet(sheet: MemorySheet): { canvas: HTMLElement; views: Map<string, CellView> } {
  const layout = sheet.layout;
  const views = new Map<string, CellView>();
  const pixels = layout.columnWidths.slice(0, layout.columns).map((w) => Math.round(w * 7.5 + 10));
  const width = 36 + pixels.reduce((a, b) => a + b, 0);
  const table = () => {
    const t = h("table", { class: "xl-grid" });
    const cols = h("colgroup", {}, h("col", { style: "width:36px" }));
    pixels.forEach((px) => add(cols, h("col", { style: `width:${px}px` })));
    // A fixed-layout table only honours its column widths when its own width is set.
    t.style.width = `${width}px`;
    add(t, cols);
    return t;
  };
  const headTable = table();
  const head = h("tr", {}, h("th", { class: "xl-corner" }));
  for (let c = 1; c <= layout.columns; c++) add(head, h("th", { class: "xl-col" }, columnLetter(c)));
  add(headTable, h("thead", {}, head));

  const spans = new Map<string, number>();
  const covered = new Set<string>();
  for (const m of layout.merges) {
    const r = parseRange(m);
    spans.set(a1(r.top, r.left), r.right - r.left + 1);
    for (let c = r.left + 1; c <= r.right; c++) covered.add(a1(r.top, c));
  }
  const locked = new Set(layout.cells.filter((c) => c.locked).map((c) => c.address));
  const computed = new Set(layout.cells.filter((c) => c.computed).map((c) => c.address));
  // 序号 cells show what their formula computes (the memory workbook holds it): text, nobody types there.
  const serial = new Set<string>();
  for (const l of layout.rosters) {
    for (let r = l.firstRow; r < l.firstRow + l.rowCount; r++) serial.add(a1(r, l.serial.col));
  }
  const canvas = h("div", { class: "xl-canvas" }, h("div", { class: "xl-head" }, headTable));
  // Merges span columns only, so a block boundary never cuts one.
  const lazy = layout.rows > ROWS_PER_BLOCK;
  let body: HTMLElement | undefined;
  for (let row = 1; row <= layout.rows; row++) {
    if ((row - 1) % ROWS_PER_BLOCK === 0) {
      const block = table();
      body = h("tbody");
      add(block, body);
      const wrap = h("div", { class: lazy ? "xl-block xl-lazy" : "xl-block" }, block);
      if (lazy)
        wrap.style.containIntrinsicSize = `auto ${width}px auto ${Math.min(ROWS_PER_BLOCK, layout.rows - row + 1) * ROW_PX}px`;
      add(canvas, wrap);
    }
    const tr = document.createElement("tr");
    const number = document.createElement("th");
    number.className = "xl-row";
    number.textContent = String(row);
    tr.appendChild(number);
    for (let col = 1; col <= layout.columns; col++) {
      const address = a1(row, col);
      if (covered.has(address)) continue;
      // createElement directly, not h(): this runs ~28,000 times for a long roster.
      const td = document.createElement("td");
      td.dataset.address = address;
      const span = spans.get(address);
      if (span) td.colSpan = span;
      const text = sheet.texts.get(address);
      const cell = sheet.index.at(row, col);
      const format = cell?.numberFormat ?? "General";
      if (text) {
        td.className = `xl-text xl-${styleClass(text.style)}`;
        td.textContent = text.text;
        if (text.indent) td.style.paddingLeft = `${6 + text.indent * 16}px`;
      } else if (cell) {
        const isLocked = locked.has(address);
        const input = document.createElement("input");
        input.className = "xl-input";
        input.dataset.key = cell.key;
        input.setAttribute("aria-label", `${address} ${cell.key}`);
        input.readOnly = isLocked;
        td.className = isLocked ? "xl-value xl-locked" : "xl-value";
        if (computed.has(address)) td.classList.add("xl-computed");
        if (cell.valueType === "integer" || cell.valueType === "decimal") td.classList.add("xl-number");
        td.appendChild(input);
        views.set(address, { td, input, format, look: BLANK, value: "" });
        tr.appendChild(td);
        continue;
      }
      if (serial.has(address)) td.className = "xl-text xl-serial";
      views.set(address, { td, format, look: BLANK, value: "" });
      tr.appendChild(td);
    }
    (body as HTMLElement).appendChild(tr);
  }
  return { canvas, views };
}

function styleClass(style: TextStyle): string {
  return style.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

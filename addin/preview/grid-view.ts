/**
 * Draws a `MemoryWorkbook` sheet as a spreadsheet: column letters, row
 * numbers, merged title rows, editable value cells with the input prompt
 * shown on focus, the stop alert as a small modal, red/amber marks with notes.
 */
import { a1, columnLetter, parseRange } from "../../schemas/layout/address";
import type { ErrorAlert, TextStyle } from "../../schemas/layout/form/layout-types";
import { COLORS } from "../../schemas/layout/colors";
import { add, clear, h } from "../ui/views/dom";
import type { MemoryChart } from "../memory/officer-memory";
import { drawCharts } from "./chart-view";
import { display } from "../memory/excel-values";
import type { MemorySheet, MemoryWorkbook } from "../memory/memory-workbook";

interface CellView {
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

/** The look of a cell with no mark, no 其中 colour and no note. */
const BLANK = "|0|";

/** Rows per table block; a sheet longer than one block draws only the blocks near the viewport. */
const ROWS_PER_BLOCK = 100;
/** A row's height (24 px and the collapsed border), for the size of a block not drawn yet. */
const ROW_PX = 25;

export interface GridOptions {
  /** Notes a cell carries besides its mark (the officer sheets' 上报说明), shown like Excel notes. */
  noteAt?(sheet: string, address: string): string | undefined;
  /** A click on a cell (a matrix column header, a unit's name on the status sheet). */
  onCellClick?(sheet: string, address: string): void;
  /** Charts floating over a sheet's cells (the officer's), with the values they show now. */
  chartsOf?(sheet: string): MemoryChart[];
}

export function mountGrid(root: HTMLElement, wb: MemoryWorkbook, options: GridOptions = {}): void {
  const nameBox = h("span", { class: "xl-name", "aria-label": "名称框" });
  const formula = h("span", { class: "xl-content", "aria-label": "编辑栏" });
  const scroller = h("div", { class: "xl-scroll" });
  const tabs = h("div", { class: "xl-tabs", role: "tablist" });
  const prompt = h("div", { class: "xl-prompt", role: "tooltip", hidden: true });
  const alertBox = h("div", { class: "xl-modal", hidden: true, role: "alertdialog", "aria-modal": "true" });
  clear(root);
  root.classList.add("xl");
  add(root,
    h("div", { class: "xl-bar" }, nameBox, h("span", { class: "xl-fx" }, "fx"), formula),
    scroller,
    tabs,
    prompt,
    alertBox,
  );

  let shown: MemorySheet | undefined;
  let views = new Map<string, CellView>();
  /** Over the table, under the sticky headers: where charts are drawn. */
  const chartLayer = h("div", { class: "xl-charts" });
  let focusedSelection: string | undefined;
  /** Inputs holding text the clerk typed but has not committed: a redraw must not overwrite it. */
  const editing = new Set<HTMLInputElement>();
  /** The cell drawn with the selection outline. */
  let selectedTd: HTMLElement | undefined;
  /** The cells the last refresh coloured as broken 其中 sums. */
  let lastBroken = new Set<string>();

  const showAlert = (alert: ErrorAlert, retry: () => void, cancel: () => void) => {
    clear(alertBox);
    const retryButton = h("button", { type: "button", class: "xl-btn-primary" }, "重试(R)");
    const cancelButton = h("button", { type: "button" }, "取消");
    const close = (then: () => void) => {
      alertBox.hidden = true;
      then();
    };
    retryButton.addEventListener("click", () => close(retry));
    cancelButton.addEventListener("click", () => close(cancel));
    add(alertBox,
      h(
        "div",
        { class: "xl-dialog" },
        h("div", { class: "xl-dialog-title" }, alert.title),
        h("div", { class: "xl-dialog-body" }, h("span", { class: "xl-stop", "aria-hidden": "true" }, "✕"), h("p", {}, alert.message)),
        h("div", { class: "xl-dialog-actions" }, retryButton, cancelButton),
      ),
    );
    alertBox.hidden = false;
    retryButton.focus();
  };

  const showPrompt = (sheet: MemorySheet, address: string, td: HTMLElement) => {
    const block = sheet.validation.get(address);
    if (!block) {
      prompt.hidden = true;
      return;
    }
    clear(prompt);
    add(prompt, h("strong", {}, block.prompt.title), h("p", {}, block.prompt.message));
    const box = td.getBoundingClientRect();
    const host = root.getBoundingClientRect();
    prompt.style.left = `${box.left - host.left + 12}px`;
    prompt.style.top = `${box.bottom - host.top + 4}px`;
    prompt.hidden = false;
  };

  const build = (sheet: MemorySheet) => {
    const layout = sheet.layout;
    views = new Map();
    selectedTd = undefined;
    lastBroken = new Set();
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
    const canvas = h("div", { class: "xl-canvas" }, h("div", { class: "xl-head" }, headTable));
    // Rows go in tables of ROWS_PER_BLOCK (merges span columns only), and a long
    // sheet's blocks are laid out and painted only near the viewport
    // (content-visibility): a 2,000-row roster is ~28,000 cells. Every cell stays
    // in the DOM, so selectors, focus and find-in-page reach all of them.
    const lazy = layout.rows > ROWS_PER_BLOCK;
    let body: HTMLElement | undefined;
    for (let row = 1; row <= layout.rows; row++) {
      if ((row - 1) % ROWS_PER_BLOCK === 0) {
        const block = table();
        body = h("tbody");
        add(block, body);
        const wrap = h("div", { class: lazy ? "xl-block xl-lazy" : "xl-block" }, block);
        if (lazy) wrap.style.containIntrinsicSize = `auto ${width}px auto ${Math.min(ROWS_PER_BLOCK, layout.rows - row + 1) * ROW_PX}px`;
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
          if (cell.valueType === "integer" || cell.valueType === "decimal") td.classList.add("xl-number");
          td.appendChild(input);
          views.set(address, { td, input, format, look: BLANK, value: "" });
          tr.appendChild(td);
          continue;
        }
        views.set(address, { td, format, look: BLANK, value: "" });
        tr.appendChild(td);
      }
      (body as HTMLElement).appendChild(tr);
    }
    add(canvas, chartLayer);
    clear(scroller);
    add(scroller, canvas);
  };

  /** The editable cell an event happened in: one set of listeners for the whole grid, not five per cell. */
  const cellOf = (target: EventTarget | null): { sheet: MemorySheet; address: string; v: CellView & { input: HTMLInputElement } } | undefined => {
    if (!(target instanceof HTMLInputElement) || !shown) return undefined;
    const address = target.closest("td")?.dataset.address;
    const v = address === undefined ? undefined : views.get(address);
    return address !== undefined && v?.input === target ? { sheet: shown, address, v: v as CellView & { input: HTMLInputElement } } : undefined;
  };
  const stored = (sheet: MemorySheet, address: string, v: CellView) => display(sheet.values.get(address) ?? null, v.format);

  scroller.addEventListener("click", (e) => {
    if (!options.onCellClick || !shown) return;
    const td = (e.target as Element | null)?.closest?.("td[data-address]") as HTMLElement | null;
    const address = td?.dataset.address;
    if (address !== undefined && views.get(address)?.td === td) options.onCellClick(shown.layout.sheet, address);
  });
  scroller.addEventListener("focusin", (e) => {
    const at = cellOf(e.target);
    if (!at) return;
    const { sheet, address, v } = at;
    sheet.selected = address;
    focusedSelection = address;
    nameBox.textContent = address;
    formula.textContent = stored(sheet, address, v);
    selectedTd?.classList.remove("xl-selected");
    selectedTd = v.td;
    v.td.classList.add("xl-selected");
    showPrompt(sheet, address, v.td);
  });
  scroller.addEventListener("focusout", (e) => {
    const at = cellOf(e.target);
    if (!at) return;
    prompt.hidden = true;
    at.v.td.classList.remove("xl-selected");
    if (selectedTd === at.v.td) selectedTd = undefined;
  });
  scroller.addEventListener("input", (e) => {
    const at = cellOf(e.target);
    if (!at) return;
    editing.add(at.v.input);
    formula.textContent = at.v.input.value;
  });
  /** Like Excel: a refused value keeps the clerk on the cell until Retry or Cancel. */
  const commit = (sheet: MemorySheet, address: string, v: CellView & { input: HTMLInputElement }): boolean => {
    const { input } = v;
    if (!alertBox.hidden) return false;
    if (input.readOnly || input.value === stored(sheet, address, v)) {
      editing.delete(input);
      return true;
    }
    const result = wb.type(sheet.layout.sheet, address, input.value);
    if (result.ok) {
      editing.delete(input);
      input.value = stored(sheet, address, v);
      return true;
    }
    showAlert(
      result.alert,
      () => {
        input.focus();
        input.select();
      },
      () => {
        editing.delete(input);
        input.value = stored(sheet, address, v);
        input.focus();
      },
    );
    return false;
  };
  scroller.addEventListener("keydown", (e) => {
    const at = cellOf(e.target);
    if (!at) return;
    const { sheet, address, v } = at;
    if (e.key === "Escape") {
      editing.delete(v.input);
      v.input.value = stored(sheet, address, v);
      v.input.select();
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (commit(sheet, address, v)) moveDown(sheet, address);
    }
  });
  scroller.addEventListener("change", (e) => {
    const at = cellOf(e.target);
    if (at) commit(at.sheet, at.address, at.v);
  });
  // A paste bypasses data validation in Excel; the preview does the same so the pane's live check is exercised.
  scroller.addEventListener("paste", (e) => {
    const at = cellOf(e.target);
    if (!at) return;
    const { sheet, address, v } = at;
    const text = e.clipboardData?.getData("text/plain");
    if (text === undefined || v.input.readOnly) return;
    e.preventDefault();
    editing.delete(v.input);
    const rows = text.replace(/\r?\n$/, "").split(/\r?\n/).map((line) => line.split("\t"));
    wb.paste(sheet.layout.sheet, address, rows);
    v.input.value = stored(sheet, address, v);
  });

  const moveDown = (sheet: MemorySheet, address: string) => {
    const p = parseRange(address);
    for (let row = p.top + 1; row <= sheet.layout.rows; row++) {
      const input = views.get(a1(row, p.left))?.input;
      if (input && !input.readOnly) {
        input.focus();
        return;
      }
    }
  };

  /** Brings cells in line with the sheet: all of them, or only `addresses` and the 其中 sums that broke or healed. */
  const refresh = (sheet: MemorySheet, addresses?: readonly string[]) => {
    const broken = wb.brokenSums(sheet.layout.sheet);
    const targets: Iterable<string> = addresses ? new Set([...addresses, ...lastBroken, ...broken]) : views.keys();
    lastBroken = broken;
    for (const address of targets) {
      const v = views.get(address);
      if (!v) continue;
      const mark = sheet.marks.get(address);
      const note = mark?.note ?? options.noteAt?.(sheet.layout.sheet, address) ?? "";
      const cf = broken.has(address) && !mark;
      const look = `${mark?.severity ?? ""}|${cf ? 1 : 0}|${note}`;
      if (look !== v.look) {
        v.look = look;
        v.td.classList.toggle("xl-error", mark?.severity === "error");
        v.td.classList.toggle("xl-warning", mark?.severity === "warning");
        v.td.classList.toggle("xl-cf", cf);
        v.td.classList.toggle("xl-has-note", note !== "");
        if (note !== "" && !v.note) {
          v.note = h("div", { class: "xl-note" });
          add(v.td, v.note);
        }
        if (v.note) v.note.textContent = note;
      }
      if (!v.input) continue;
      const value = display(sheet.values.get(address) ?? null, v.format);
      // Text the clerk is typing stays; committing or Esc puts the stored value back.
      if (value !== v.value && !editing.has(v.input)) {
        v.value = value;
        v.input.value = value;
      }
    }
    if (options.chartsOf) drawCharts(chartLayer, options.chartsOf(sheet.layout.sheet), (a) => views.get(a)?.td);
    if (sheet.selected && sheet.selected !== focusedSelection) {
      focusedSelection = sheet.selected;
      const v = views.get(sheet.selected);
      v?.td.scrollIntoView({ block: "nearest", inline: "nearest" });
      v?.input?.focus();
    }
  };

  const renderTabs = () => {
    clear(tabs);
    for (const name of wb.sheetNames()) {
      const tab = h("button", { type: "button", role: "tab", class: name === wb.active ? "xl-tab xl-tab-on" : "xl-tab" }, name);
      tab.addEventListener("click", () => {
        wb.active = name;
        update();
      });
      add(tabs, tab);
    }
    if (wb.sheetNames().length === 0) add(tabs, h("span", { class: "xl-tab xl-tab-on" }, "Sheet1"));
  };

  const update = (changed?: string, addresses?: readonly string[]) => {
    const sheet = wb.active ? wb.sheet(wb.active) : undefined;
    if (!sheet) {
      clear(scroller);
      add(scroller, h("div", { class: "xl-empty" }, "在右侧任务窗格中登录，再打开一张报表，表格就会出现在这里。"));
      renderTabs();
      return;
    }
    let built: MemorySheet | undefined;
    if (sheet !== shown) {
      shown = sheet;
      focusedSelection = undefined;
      build(sheet);
      built = sheet;
    }
    renderTabs();
    // Only the named cells changed, and on the sheet shown: redraw those alone.
    refresh(sheet, addresses && changed === sheet.layout.sheet && built !== sheet ? addresses : undefined);
  };

  wb.subscribe((sheet, addresses) => update(sheet, addresses));
  update();
  root.style.setProperty("--xl-input", COLORS.input);
  root.style.setProperty("--xl-error", COLORS.error);
  root.style.setProperty("--xl-warning", COLORS.warning);
  root.style.setProperty("--xl-header", COLORS.header);
}

function styleClass(style: TextStyle): string {
  return style.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/**
 * Draws a `MemoryWorkbook` sheet as a spreadsheet: column letters, row
 * numbers, merged title rows, editable value cells with the input prompt
 * shown on focus, the stop alert as a small modal, red/amber marks with notes.
 */
import { a1, columnLetter, parseRange } from "../excel/address";
import type { ErrorAlert, TextStyle } from "../excel/layout-types";
import { COLORS } from "../excel/workbook";
import { add, clear, h } from "../ui/dom";
import { drawCharts, type PreviewChart } from "./chart-view";
import { display } from "./excel-values";
import type { MemorySheet, MemoryWorkbook } from "./memory-workbook";

interface CellView {
  td: HTMLTableCellElement;
  input?: HTMLInputElement;
  note: HTMLDivElement;
  /** The cell's number format, for showing its value as Excel would. */
  format: string;
  /**
   * What the last refresh put in the DOM: a refresh compares against it and
   * touches only cells that changed — a 2,000-row roster is ~28,000 cells,
   * and rewriting each one per keystroke made typing take a second.
   */
  drawn: string;
}

export interface GridOptions {
  /** Notes a cell carries besides its mark (the officer sheets' 上报说明), shown like Excel notes. */
  noteAt?(sheet: string, address: string): string | undefined;
  /** A click on a cell (a matrix column header, a unit's name on the status sheet). */
  onCellClick?(sheet: string, address: string): void;
  /** Charts floating over a sheet's cells (the officer's), with the values they show now. */
  chartsOf?(sheet: string): PreviewChart[];
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
    const table = h("table", { class: "xl-grid" });
    const cols = h("colgroup", {}, h("col", { style: "width:36px" }));
    const pixels = layout.columnWidths.slice(0, layout.columns).map((w) => Math.round(w * 7.5 + 10));
    pixels.forEach((px) => add(cols, h("col", { style: `width:${px}px` })));
    // A fixed-layout table only honours its column widths when its own width is set.
    table.style.width = `${36 + pixels.reduce((a, b) => a + b, 0)}px`;
    add(table, cols);
    const head = h("tr", {}, h("th", { class: "xl-corner" }));
    for (let c = 1; c <= layout.columns; c++) add(head, h("th", { class: "xl-col" }, columnLetter(c)));
    add(table, h("thead", {}, head));

    const spans = new Map<string, number>();
    const covered = new Set<string>();
    for (const m of layout.merges) {
      const r = parseRange(m);
      spans.set(a1(r.top, r.left), r.right - r.left + 1);
      for (let c = r.left + 1; c <= r.right; c++) covered.add(a1(r.top, c));
    }
    const locked = new Set(layout.cells.filter((c) => c.locked).map((c) => c.address));
    const body = h("tbody");
    for (let row = 1; row <= layout.rows; row++) {
      const tr = h("tr", {}, h("th", { class: "xl-row" }, String(row)));
      for (let col = 1; col <= layout.columns; col++) {
        const address = a1(row, col);
        if (covered.has(address)) continue;
        const td = h("td", { "data-address": address });
        if (options.onCellClick) {
          const sheetName = layout.sheet;
          td.addEventListener("click", () => options.onCellClick?.(sheetName, address));
        }
        const span = spans.get(address);
        if (span) td.colSpan = span;
        const note = h("div", { class: "xl-note" });
        const text = sheet.texts.get(address);
        const cell = sheet.index.at(row, col);
        const format = cell?.numberFormat ?? "General";
        if (text) {
          td.className = `xl-text xl-${styleClass(text.style)}`;
          td.textContent = text.text;
          if (text.indent) td.style.paddingLeft = `${6 + text.indent * 16}px`;

        } else if (cell) {
          const isLocked = locked.has(address);
          const input = h("input", {
            class: "xl-input",
            "data-key": cell.key,
            "aria-label": `${address} ${cell.key}`,
            readonly: isLocked,
          });
          td.className = isLocked ? "xl-value xl-locked" : "xl-value";
          if (cell.valueType === "integer" || cell.valueType === "decimal") td.classList.add("xl-number");
          add(td, input, note);
          wire(sheet, address, input, td, format);
          views.set(address, { td, input, note, format, drawn: "" });
          add(tr, td);
          continue;
        }
        add(td, note);
        views.set(address, { td, note, format, drawn: "" });
        add(tr, td);
      }
      add(body, tr);
    }
    add(table, body);
    clear(scroller);
    add(scroller, h("div", { class: "xl-canvas" }, table, chartLayer));
  };

  const wire = (sheet: MemorySheet, address: string, input: HTMLInputElement, td: HTMLElement, format: string) => {
    const stored = () => display(sheet.values.get(address) ?? null, format);
    input.addEventListener("focus", () => {
      sheet.selected = address;
      focusedSelection = address;
      nameBox.textContent = address;
      formula.textContent = stored();
      document.querySelectorAll(".xl-selected").forEach((el) => el.classList.remove("xl-selected"));
      td.classList.add("xl-selected");
      showPrompt(sheet, address, td);
    });
    input.addEventListener("blur", () => {
      prompt.hidden = true;
      td.classList.remove("xl-selected");
    });
    input.addEventListener("input", () => {
      editing.add(input);
      formula.textContent = input.value;
    });
    /** Like Excel: a refused value keeps the clerk on the cell until Retry or Cancel. */
    const commit = (): boolean => {
      if (!alertBox.hidden) return false;
      if (input.readOnly || input.value === stored()) {
        editing.delete(input);
        return true;
      }
      const result = wb.type(sheet.layout.sheet, address, input.value);
      if (result.ok) {
        editing.delete(input);
        input.value = stored();
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
          input.value = stored();
          input.focus();
        },
      );
      return false;
    };
    input.addEventListener("keydown", (e) => {
      if (e.key === "Escape") {
        editing.delete(input);
        input.value = stored();
        input.select();
      } else if (e.key === "Enter") {
        e.preventDefault();
        if (commit()) moveDown(address);
      }
    });
    input.addEventListener("change", () => void commit());
    // A paste bypasses data validation in Excel; the preview does the same so the pane's live check is exercised.
    input.addEventListener("paste", (e) => {
      const text = e.clipboardData?.getData("text/plain");
      if (text === undefined || input.readOnly) return;
      e.preventDefault();
      editing.delete(input);
      const rows = text.replace(/\r?\n$/, "").split(/\r?\n/).map((line) => line.split("\t"));
      wb.paste(sheet.layout.sheet, address, rows);
      input.value = stored();
    });
  };

  const moveDown = (address: string) => {
    const p = parseRange(address);
    const below = [...views.entries()].find(([a, v]) => {
      const q = parseRange(a);
      return v.input && !v.input.readOnly && q.left === p.left && q.top > p.top;
    });
    below?.[1].input?.focus();
  };

  const refresh = (sheet: MemorySheet) => {
    const broken = wb.brokenSums(sheet.layout.sheet);
    for (const [address, v] of views) {
      const mark = sheet.marks.get(address);
      const note = mark?.note ?? options.noteAt?.(sheet.layout.sheet, address) ?? "";
      const cf = broken.has(address) && !mark;
      const value = v.input ? display(sheet.values.get(address) ?? null, v.format) : "";
      const drawn = `${mark?.severity ?? ""}|${cf ? 1 : 0}|${value}|${note}`;
      if (drawn === v.drawn) continue;
      v.drawn = drawn;
      v.td.classList.toggle("xl-error", mark?.severity === "error");
      v.td.classList.toggle("xl-warning", mark?.severity === "warning");
      v.td.classList.toggle("xl-cf", cf);
      v.td.classList.toggle("xl-has-note", note !== "");
      v.note.textContent = note;
      // Text the clerk is typing stays; committing or Esc puts the stored value back.
      if (v.input && !editing.has(v.input)) v.input.value = value;
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

  const update = () => {
    const sheet = wb.active ? wb.sheet(wb.active) : undefined;
    if (!sheet) {
      clear(scroller);
      add(scroller, h("div", { class: "xl-empty" }, "在右侧任务窗格中登录，再打开一张报表，表格就会出现在这里。"));
      renderTabs();
      return;
    }
    if (sheet !== shown) {
      shown = sheet;
      focusedSelection = undefined;
      build(sheet);
    }
    renderTabs();
    refresh(sheet);
  };

  wb.subscribe(() => update());
  update();
  root.style.setProperty("--xl-input", COLORS.input);
  root.style.setProperty("--xl-error", COLORS.error);
  root.style.setProperty("--xl-warning", COLORS.warning);
  root.style.setProperty("--xl-header", COLORS.header);
}

function styleClass(style: TextStyle): string {
  return style.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/**
 * Draws a `MemoryWorkbook` sheet as a spreadsheet: column letters, row
 * numbers, merged title rows, editable value cells with the input prompt
 * shown on focus, the stop alert as a small modal, red/amber marks with notes.
 *
 * The parts are in grid/: the table of one sheet (sheet-table.ts), selecting
 * and typing (editing.ts), bringing cells in line with the workbook
 * (refresh.ts), the prompt, the alert, the charts and the tabs. This file
 * lays out the frame and redraws when the workbook says what changed.
 */
import { COLORS } from "../../schemas/layout/colors";
import type { MemorySheet, MemoryWorkbook } from "../memory/memory-workbook";
import type { MemoryChart } from "../memory/officer-memory";
import { add, clear, h } from "../ui/views/dom";
import { cellPrompt } from "./grid/cell-prompt";
import { listenForEdits } from "./grid/editing";
import { gridState } from "./grid/grid-state";
import { refreshCells } from "./grid/refresh";
import { drawSheet } from "./grid/sheet-table";
import { drawTabs } from "./grid/sheet-tabs";
import { stopAlert } from "./grid/stop-alert";

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
  const prompt = cellPrompt();
  const alert = stopAlert();
  clear(root);
  root.classList.add("xl");
  add(
    root,
    h("div", { class: "xl-bar" }, nameBox, h("span", { class: "xl-fx" }, "fx"), formula),
    scroller,
    tabs,
    prompt.el,
    alert.el,
  );

  const grid = gridState();
  /** Over the table, under the sticky headers: where charts are drawn. */
  const chartLayer = h("div", { class: "xl-charts" });
  listenForEdits(grid, wb, { root, scroller, nameBox, formula, prompt, alert, onCellClick: options.onCellClick });

  const show = (sheet: MemorySheet) => {
    const { canvas, views } = drawSheet(sheet);
    grid.views = views;
    grid.selectedTd = undefined;
    grid.lastBroken = new Set();
    add(canvas, chartLayer);
    clear(scroller);
    add(scroller, canvas);
  };

  const update = (changed?: string, addresses?: readonly string[]) => {
    const sheet = wb.active ? wb.sheet(wb.active) : undefined;
    if (!sheet) {
      clear(scroller);
      add(scroller, h("div", { class: "xl-empty" }, "在右侧任务窗格中登录，再打开一张报表，表格就会出现在这里。"));
      drawTabs(tabs, wb, pick);
      return;
    }
    let built: MemorySheet | undefined;
    if (sheet !== grid.shown) {
      grid.shown = sheet;
      grid.focusedSelection = undefined;
      show(sheet);
      built = sheet;
    }
    drawTabs(tabs, wb, pick);
    // Only the named cells changed, and on the sheet shown: redraw those alone.
    refreshCells(
      grid,
      wb,
      sheet,
      chartLayer,
      options,
      addresses && changed === sheet.layout.sheet && built !== sheet ? addresses : undefined,
    );
  };
  const pick = (name: string) => {
    wb.active = name;
    update();
  };

  wb.subscribe((sheet, addresses) => update(sheet, addresses));
  update();
  root.style.setProperty("--xl-input", COLORS.input);
  root.style.setProperty("--xl-error", COLORS.error);
  root.style.setProperty("--xl-warning", COLORS.warning);
  root.style.setProperty("--xl-header", COLORS.header);
  root.style.setProperty("--xl-computed", COLORS.computed);
}

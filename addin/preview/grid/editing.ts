/**
 * Selecting and typing in the grid, as in Excel: focusing a cell shows its
 * address, content and input prompt; Enter or leaving the cell commits what
 * was typed through the workbook's data validation, and a refused value keeps
 * the clerk on the cell until 重试 or 取消; Esc puts the stored value back; a
 * paste bypasses validation. One set of listeners on the scroller serves every cell.
 */
import { a1, parseRange } from "../../../schemas/layout/address";
import { display } from "../../memory/excel-values";
import type { MemorySheet, MemoryWorkbook } from "../../memory/memory-workbook";
import type { CellPrompt } from "./cell-prompt";
import { cellOf, type GridState } from "./grid-state";
import type { CellView, InputView } from "./sheet-table";
import type { StopAlert } from "./stop-alert";

export interface EditingParts {
  root: HTMLElement;
  scroller: HTMLElement;
  nameBox: HTMLElement;
  formula: HTMLElement;
  prompt: CellPrompt;
  alert: StopAlert;
  /** A click on a cell (a matrix column header, a unit's name on the status sheet). */
  onCellClick?(sheet: string, address: string): void;
}

const stored = (sheet: MemorySheet, address: string, v: CellView) =>
  display(sheet.values.get(address) ?? null, v.format);

export function listenForEdits(grid: GridState, wb: MemoryWorkbook, ui: EditingParts): void {
  const { scroller, nameBox, formula, prompt, alert } = ui;

  scroller.addEventListener("click", (e) => {
    if (!ui.onCellClick || !grid.shown) return;
    const td = (e.target as Element | null)?.closest?.("td[data-address]") as HTMLElement | null;
    const address = td?.dataset.address;
    if (address !== undefined && grid.views.get(address)?.td === td) ui.onCellClick(grid.shown.layout.sheet, address);
  });
  scroller.addEventListener("focusin", (e) => {
    const at = cellOf(grid, e.target);
    if (!at) return;
    const { sheet, address, v } = at;
    sheet.selected = address;
    grid.focusedSelection = address;
    nameBox.textContent = address;
    formula.textContent = stored(sheet, address, v);
    grid.selectedTd?.classList.remove("xl-selected");
    grid.selectedTd = v.td;
    v.td.classList.add("xl-selected");
    prompt.show(sheet, address, v.td, ui.root);
  });
  scroller.addEventListener("focusout", (e) => {
    const at = cellOf(grid, e.target);
    if (!at) return;
    prompt.hide();
    at.v.td.classList.remove("xl-selected");
    if (grid.selectedTd === at.v.td) grid.selectedTd = undefined;
  });
  scroller.addEventListener("input", (e) => {
    const at = cellOf(grid, e.target);
    if (!at) return;
    grid.editing.add(at.v.input);
    formula.textContent = at.v.input.value;
  });
  /** Like Excel: a refused value keeps the clerk on the cell until Retry or Cancel. */
  const commit = (sheet: MemorySheet, address: string, v: InputView): boolean => {
    const { input } = v;
    if (alert.open) return false;
    if (input.readOnly || input.value === stored(sheet, address, v)) {
      grid.editing.delete(input);
      return true;
    }
    const result = wb.type(sheet.layout.sheet, address, input.value);
    if (result.ok) {
      grid.editing.delete(input);
      input.value = stored(sheet, address, v);
      return true;
    }
    alert.show(
      result.alert,
      () => {
        input.focus();
        input.select();
      },
      () => {
        grid.editing.delete(input);
        input.value = stored(sheet, address, v);
        input.focus();
      },
    );
    return false;
  };
  const moveDown = (sheet: MemorySheet, address: string) => {
    const p = parseRange(address);
    for (let row = p.top + 1; row <= sheet.layout.rows; row++) {
      const input = grid.views.get(a1(row, p.left))?.input;
      if (input && !input.readOnly) {
        input.focus();
        return;
      }
    }
  };
  scroller.addEventListener("keydown", (e) => {
    const at = cellOf(grid, e.target);
    if (!at) return;
    const { sheet, address, v } = at;
    if (e.key === "Escape") {
      grid.editing.delete(v.input);
      v.input.value = stored(sheet, address, v);
      v.input.select();
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (commit(sheet, address, v)) moveDown(sheet, address);
    }
  });
  scroller.addEventListener("change", (e) => {
    const at = cellOf(grid, e.target);
    if (at) commit(at.sheet, at.address, at.v);
  });
  // A paste bypasses data validation in Excel; the preview does the same so the pane's live check is exercised.
  scroller.addEventListener("paste", (e) => {
    const at = cellOf(grid, e.target);
    if (!at) return;
    const { sheet, address, v } = at;
    const text = e.clipboardData?.getData("text/plain");
    if (text === undefined || v.input.readOnly) return;
    e.preventDefault();
    grid.editing.delete(v.input);
    const rows = text
      .replace(/\r?\n$/, "")
      .split(/\r?\n/)
      .map((line) => line.split("\t"));
    wb.paste(sheet.layout.sheet, address, rows);
    v.input.value = stored(sheet, address, v);
  });
}

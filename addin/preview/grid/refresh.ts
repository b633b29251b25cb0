/**
 * Brings the drawn cells in line with the sheet: marks (red / amber fill and
 * their notes), 其中 sums the conditional format would colour, notes the
 * officer's sheets carry, values (except text the clerk is typing), charts,
 * and the selection the pane asked for. Only cells whose look changed are touched.
 */
import { display } from "../../memory/excel-values";
import type { MemorySheet, MemoryWorkbook } from "../../memory/memory-workbook";
import type { MemoryChart } from "../../memory/officer-memory";
import { add, h } from "../../ui/views/dom";
import { drawCharts } from "./chart-view";
import type { GridState } from "./grid-state";

export interface RefreshSources {
  /** Notes a cell carries besides its mark (the officer sheets' 上报说明), shown like Excel notes. */
  noteAt?(sheet: string, address: string): string | undefined;
  /** Charts floating over a sheet's cells (the officer's), with the values they show now. */
  chartsOf?(sheet: string): MemoryChart[];
}

/** All cells, or only `addresses` and the 其中 sums that broke or healed. */
export function refreshCells(
  grid: GridState,
  wb: MemoryWorkbook,
  sheet: MemorySheet,
  chartLayer: HTMLElement,
  sources: RefreshSources,
  addresses?: readonly string[],
): void {
  const broken = wb.brokenSums(sheet.layout.sheet);
  const targets: Iterable<string> = addresses
    ? new Set([...addresses, ...grid.lastBroken, ...broken])
    : grid.views.keys();
  grid.lastBroken = broken;
  for (const address of targets) {
    const v = grid.views.get(address);
    if (!v) continue;
    const mark = sheet.marks.get(address);
    const note = mark?.note ?? sources.noteAt?.(sheet.layout.sheet, address) ?? "";
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
    const value = display(sheet.values.get(address) ?? null, v.format);
    if (!v.input) {
      // A cell that only shows what a formula computes (序号); labels hold no value.
      if (sheet.values.has(address) || v.value !== "") {
        v.value = value;
        v.td.textContent = value;
      }
      continue;
    }
    // Text the clerk is typing stays; committing or Esc puts the stored value back.
    if (value !== v.value && !grid.editing.has(v.input)) {
      v.value = value;
      v.input.value = value;
    }
  }
  if (sources.chartsOf) drawCharts(chartLayer, sources.chartsOf(sheet.layout.sheet), (a) => grid.views.get(a)?.td);
  if (sheet.selected && sheet.selected !== grid.focusedSelection) {
    grid.focusedSelection = sheet.selected;
    const v = grid.views.get(sheet.selected);
    v?.td.scrollIntoView({ block: "nearest", inline: "nearest" });
    v?.input?.focus();
  }
}

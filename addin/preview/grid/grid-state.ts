/**
 * What the grid remembers between events about the sheet it shows: the cell
 * views, what the clerk is typing, which cell carries the selection outline.
 * Shared by the parts of the grid (editing.ts, refresh.ts) and reset when
 * another sheet is shown.
 */
import type { MemorySheet } from "../../memory/memory-workbook";
import type { CellView, InputView } from "./sheet-table";

export interface GridState {
  shown: MemorySheet | undefined;
  views: Map<string, CellView>;
  /** The selection last brought into view: a refresh scrolls to the sheet's selection only when it moved. */
  focusedSelection: string | undefined;
  /** Inputs holding text the clerk typed but has not committed: a redraw must not overwrite it. */
  editing: Set<HTMLInputElement>;
  /** The cell drawn with the selection outline. */
  selectedTd: HTMLElement | undefined;
  /** The cells the last refresh coloured as broken 其中 sums. */
  lastBroken: Set<string>;
}

export function gridState(): GridState {
  return {
    shown: undefined,
    views: new Map(),
    focusedSelection: undefined,
    editing: new Set(),
    selectedTd: undefined,
    lastBroken: new Set(),
  };
}

/** The editable cell an event happened in: one set of listeners for the whole grid, not five per cell. */
export function cellOf(
  grid: GridState,
  target: EventTarget | null,
): { sheet: MemorySheet; address: string; v: InputView } | undefined {
  if (!(target instanceof HTMLInputElement) || !grid.shown) return undefined;
  const address = target.closest("td")?.dataset.address;
  const v = address === undefined ? undefined : grid.views.get(address);
  return address !== undefined && v?.input === target ? { sheet: grid.shown, address, v: v as InputView } : undefined;
}

import { a1 } from "../../schemas/layout/address";
import type { SheetLayout } from "../../schemas/layout/form/layout-types";
import type { ExplanationList } from "../../schemas/layout/officer/consolidated-sheet";
import { compareRowIds } from "../../schemas/rows";
import { num, SheetGrid, text, valueCell, type Look } from "../xlsx/sheet";

/**
 * A form's layout (schemas/layout/form, `buildLayout`) drawn into an export
 * sheet as the add-in draws it: the texts at their addresses in their looks,
 * the merges and column widths, and the values in their cells (numbers with
 * the cell's number format; locked cells bold, as Excel shows them).
 */
type Values = Readonly<Record<string, string>>;

export function drawLayout(layout: SheetLayout, values: Values): SheetGrid {
  const grid = new SheetGrid(layout.sheet);
  grid.widths = layout.columnWidths.slice(0, layout.columns);
  grid.merges.push(...layout.merges);
  for (const t of layout.texts) grid.put(t.address, text(t.text, t.style, t.indent));
  for (const c of layout.cells)
    grid.put(c.address, valueCell(values[c.key] ?? c.initial, c.valueType, c.numberFormat, c.locked));
  for (const roster of layout.rosters) {
    rosterOf(roster.key, values).forEach((row, i) => {
      if (i >= roster.rowCount) return;
      // 序号 as the notices print it: the rows one after another, 1, 2, 3….
      grid.set(roster.firstRow + i, roster.serial.col, num(String(i + 1), "0"));
      for (const c of roster.columns)
        grid.set(roster.firstRow + i, c.col, valueCell(row[c.key], c.valueType, c.numberFormat));
    });
  }
  return grid;
}

/**
 * The rows of a roster in a report's values (`roster.rowId.col`), in row order.
 * On a sheet a row's id is its position; an export lists the rows it has, one
 * after another, as many as there are.
 */
export function rosterOf(rosterKey: string, values: Values): Record<string, string>[] {
  const prefix = `${rosterKey}.`;
  const rows = new Map<string, Record<string, string>>();
  for (const [key, value] of Object.entries(values)) {
    if (!key.startsWith(prefix)) continue;
    const last = key.lastIndexOf(".");
    if (last <= prefix.length) continue;
    const rowId = key.slice(prefix.length, last);
    let row = rows.get(rowId);
    if (!row) rows.set(rowId, (row = {}));
    row[key.slice(last + 1)] = value;
  }
  return [...rows.keys()].sort(compareRowIds).map((id) => rows.get(id) as Record<string, string>);
}

/** The 上报说明 list below a form (schemas/layout/officer/consolidated-sheet.ts `explanationList`), as the add-in draws it. */
export function drawExplanations(grid: SheetGrid, list: ExplanationList): void {
  list.rows.forEach((line, i) => {
    const look: Look = i === 0 ? "sectionTitle" : i === 1 ? "columnHeader" : "label";
    line.forEach((v, c) => {
      if (v === "") return;
      grid.put(a1(list.top + i, c + 1), typeof v === "number" ? num(String(v), "0") : text(v, look));
    });
  });
}

/**
 * Cell key ↔ A1 address for one rendered layout, both ways. Roster cells are
 * computed (row id = position), so the index stays small for 20,000-row rosters.
 */
import { a1, intersect, parseAreas, parseCell, type RangePos } from "../address";
import { listRowId } from "./list";
import type { CellKey, ListColumnLayout, ListLayout, SheetLayout, ValueType } from "./layout-types";

const LIST_ROW_ID = /^r(\d{1,6})$/;

export interface LocatedCell {
  key: CellKey;
  address: string;
  row: number;
  col: number;
  valueType: ValueType;
  numberFormat: string;
}

export class CellIndex {
  private readonly byKey = new Map<CellKey, LocatedCell>();
  private readonly byAddress = new Map<string, LocatedCell>();
  private readonly lists = new Map<string, ListLayout>();

  constructor(readonly layout: SheetLayout) {
    for (const c of layout.cells) {
      const pos = parseCell(c.address);
      const located = { key: c.key, address: c.address, ...pos, valueType: c.valueType, numberFormat: c.numberFormat };
      this.byKey.set(c.key, located);
      this.byAddress.set(c.address, located);
    }
    for (const l of layout.lists) this.lists.set(l.key, l);
  }

  /** Every template cell (items, grid, header), without roster cells. */
  fixedCells(): LocatedCell[] {
    return [...this.byKey.values()];
  }

  locate(key: CellKey): LocatedCell | undefined {
    const fixed = this.byKey.get(key);
    if (fixed) return fixed;
    const [listKey, rowId, colKey, ...rest] = key.split(".");
    if (rest.length > 0 || !listKey || !rowId || !colKey) return undefined;
    const list = this.lists.get(listKey);
    const m = LIST_ROW_ID.exec(rowId);
    const column = list?.columns.find((c) => c.key === colKey);
    if (!list || !m || !column) return undefined;
    const index = Number(m[1]) - 1;
    // Only the canonical spelling maps to a position; `r1` and `r0001` must not share a row.
    if (index < 0 || index >= list.rowCount || listRowId(index) !== rowId) return undefined;
    return listCell(list, column, index);
  }

  at(row: number, col: number): LocatedCell | undefined {
    const fixed = this.byAddress.get(a1(row, col));
    if (fixed) return fixed;
    for (const list of this.lists.values()) {
      if (row < list.firstRow || row >= list.firstRow + list.rowCount) continue;
      const column = list.columns.find((c) => c.col === col);
      if (column) return listCell(list, column, row - list.firstRow);
    }
    return undefined;
  }

  /** The value cells inside an address Excel reported (`C5:D9`, `B:B`, `C5,E7`). */
  cellsIn(address: string): LocatedCell[] {
    const used: RangePos = { top: 1, left: 1, bottom: this.layout.rows, right: this.layout.columns };
    const out: LocatedCell[] = [];
    for (const area of parseAreas(address)) {
      const r = intersect(area, used);
      if (!r) continue;
      for (let row = r.top; row <= r.bottom; row++) {
        for (let col = r.left; col <= r.right; col++) {
          const cell = this.at(row, col);
          if (cell) out.push(cell);
        }
      }
    }
    return out;
  }
}

function listCell(list: ListLayout, column: ListColumnLayout, index: number): LocatedCell {
  const row = list.firstRow + index;
  return {
    key: `${list.key}.${listRowId(index)}.${column.key}`,
    address: a1(row, column.col),
    row,
    col: column.col,
    valueType: column.valueType,
    numberFormat: column.numberFormat,
  };
}

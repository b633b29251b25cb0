/**
 * Cell key ↔ A1 address for one rendered layout, both ways. Roster cells are
 * computed (row id = position), so the index stays small for 20,000-row rosters.
 */
import { a1, intersect, parseAreas, parseCell, type RangePos } from "../address";
import { rosterRowId } from "./roster";
import type { CellKey, RosterColumnLayout, RosterLayout, SheetLayout, ValueType } from "./layout-types";

const ROSTER_ROW_ID = /^r(\d{1,6})$/;

export interface LocatedCell {
  key: CellKey;
  address: string;
  row: number;
  col: number;
  valueType: ValueType;
  numberFormat: string;
  /** Filled by the add-in, never typed (填报单位, every cell of a read-only sheet). */
  locked: boolean;
}

export class CellIndex {
  private readonly byKey = new Map<CellKey, LocatedCell>();
  private readonly byAddress = new Map<string, LocatedCell>();
  private readonly rosters = new Map<string, RosterLayout>();

  constructor(readonly layout: SheetLayout) {
    for (const c of layout.cells) {
      const pos = parseCell(c.address);
      const located = {
        key: c.key,
        address: c.address,
        ...pos,
        valueType: c.valueType,
        numberFormat: c.numberFormat,
        locked: c.locked,
      };
      this.byKey.set(c.key, located);
      this.byAddress.set(c.address, located);
    }
    for (const l of layout.rosters) this.rosters.set(l.key, l);
  }

  /** Every template cell (items, grid, header), without roster cells. */
  fixedCells(): LocatedCell[] {
    return [...this.byKey.values()];
  }

  locate(key: CellKey): LocatedCell | undefined {
    const fixed = this.byKey.get(key);
    if (fixed) return fixed;
    const [rosterKey, rowId, colKey, ...rest] = key.split(".");
    if (rest.length > 0 || !rosterKey || !rowId || !colKey) return undefined;
    const roster = this.rosters.get(rosterKey);
    const m = ROSTER_ROW_ID.exec(rowId);
    const column = roster?.columns.find((c) => c.key === colKey);
    if (!roster || !m || !column) return undefined;
    const index = Number(m[1]) - 1;
    // Only the canonical spelling maps to a position; `r1` and `r0001` must not share a row.
    if (index < 0 || index >= roster.rowCount || rosterRowId(index) !== rowId) return undefined;
    return rosterCell(roster, column, index);
  }

  at(row: number, col: number): LocatedCell | undefined {
    const fixed = this.byAddress.get(a1(row, col));
    if (fixed) return fixed;
    for (const roster of this.rosters.values()) {
      if (row < roster.firstRow || row >= roster.firstRow + roster.rowCount) continue;
      const column = roster.columns.find((c) => c.col === col);
      if (column) return rosterCell(roster, column, row - roster.firstRow);
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

function rosterCell(roster: RosterLayout, column: RosterColumnLayout, index: number): LocatedCell {
  const row = roster.firstRow + index;
  return {
    key: `${roster.key}.${rosterRowId(index)}.${column.key}`,
    address: a1(row, column.col),
    row,
    col: column.col,
    valueType: column.valueType,
    numberFormat: column.numberFormat,
    locked: roster.readOnly,
  };
}

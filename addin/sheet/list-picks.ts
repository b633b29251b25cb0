/**
 * Dropdown picks, checked live on every platform. Excel on the web raises no
 * `onChanged` when the clerk picks a value from a data-validation dropdown
 * (OfficeDev/office-js #4066 "Worksheet Change event doesn't get triggered in
 * Web environment for Change in Data Validation Cells", #3888; earlier on
 * Windows, #420), so a pick would wait for the pane's next full re-check. The
 * adapter watches the selection instead: when it leaves a dropdown cell, that
 * cell is read again and reported if it differs from what the adapter last
 * knew of it (read, written, or reported as changed). Where Excel does raise
 * the change, the value is known by then and nothing is reported twice. Pure:
 * the Office adapter does the reading.
 */
import { intersect, parseAreas, parseRange, type RangePos } from "../../schemas/layout/address";
import { CellIndex, type LocatedCell } from "../../schemas/layout/form/cell-index";
import type { CellKey, SheetLayout } from "../../schemas/layout/form/layout-types";
import type { CellValue } from "./form-workbook";

/** A pick is one cell; a selection larger than this is left to the full re-check. */
const SELECTION_CELLS = 200;

export class ListPicks {
  private index!: CellIndex;
  private lists: RangePos[] = [];
  private readonly known = new Map<CellKey, string>();
  private selection: string | undefined;

  constructor(layout: SheetLayout) {
    this.rebind(layout);
  }

  /** The sheet's layout changed (a roster grew): known values keep their keys, dropdowns their new ranges. */
  rebind(layout: SheetLayout): void {
    this.index = new CellIndex(layout);
    this.lists = layout.validations.filter((v) => v.rule.type === "list").map((v) => parseRange(v.range));
    this.selection = undefined;
  }

  /** Values the adapter read, wrote or reported: what the sheet holds as far as it knows. */
  saw(values: Readonly<Record<CellKey, CellValue | string>>): void {
    for (const [key, value] of Object.entries(values)) {
      if (value === null || value === "") this.known.delete(key);
      else this.known.set(key, String(value));
    }
  }

  /** The selection moved to `address`: the dropdown cells of the selection it left, to read again. */
  moved(address: string): LocatedCell[] {
    const left = this.selection;
    this.selection = address;
    if (!left) return [];
    const areas = parseAreas(left);
    const size = areas.reduce((n, a) => n + (a.bottom - a.top + 1) * (a.right - a.left + 1), 0);
    if (size > SELECTION_CELLS) return [];
    return this.index.cellsIn(left).filter((c) => this.isList(c));
  }

  /** Re-read values → those that differ from what was known (now known). */
  changes(values: Readonly<Record<CellKey, CellValue>>): Record<CellKey, CellValue> {
    const out: Record<CellKey, CellValue> = {};
    for (const [key, value] of Object.entries(values)) {
      const text = value === null || value === "" ? undefined : String(value);
      if (text === this.known.get(key)) continue;
      out[key] = value;
    }
    this.saw(out);
    return out;
  }

  private isList(c: LocatedCell): boolean {
    const cell = { top: c.row, left: c.col, bottom: c.row, right: c.col };
    return this.lists.some((r) => intersect(r, cell) !== undefined);
  }
}

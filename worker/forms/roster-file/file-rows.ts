/**
 * The data rows under a found header: each mapped cell normalised as the
 * add-in normalises a typed one (parseInput with the column's spec and wording,
 * the path of PATCH), every unreadable cell named by its address in the file.
 * Rows with nothing in the mapped columns are skipped: blank lines between
 * groups, a 序号 column numbered further down than the data. A header that
 * heads an Excel table ends the rows with the table.
 */
import type { RosterBadCell } from "../../../schemas/api/roster-file";
import type { ColumnInfo, RosterInfo } from "../../../schemas/compile";
import { parseInput } from "../../../schemas/input";
import { a1, parseRange } from "../../../schemas/layout/address";
import type { MappedColumn } from "../../../schemas/roster-header";
import type { ReadSheet } from "../../xlsx/workbook";
import { excelValue } from "../import/cell-text";
import { lostDigits } from "./lost-digits";
import type { SheetGrid } from "./sheet-grid";

export interface FileRow {
  /** 1-based row of the sheet. */
  sheetRow: number;
  /** Canonical value by column key; null = blank. Mapped columns only. */
  values: Map<string, string | null>;
}

/** A cell whose value cannot be stored: the whole file is refused (422 invalid_cells, one entry each). */
export type BadCell = RosterBadCell;

export interface FileRows {
  rows: FileRow[];
  invalid: BadCell[];
}

/**
 * The last row of the Excel table whose header row is `headerRow`, if there is
 * one: a table says where its rows end, and what follows (a 合计 line, notes,
 * the rest of a Huibiao form) is not part of the list.
 */
export function rowsEnd(sheet: ReadSheet, headerRow: number): number | undefined {
  for (const table of sheet.tables) {
    const range = parseRange(table.ref);
    if (range.top === headerRow) return range.bottom;
  }
  return undefined;
}

/** `headerRow`: the 1-based sheet row of the header; `mapping` by 0-based file column; `end`: the last row to read. */
export function readFileRows(
  grid: SheetGrid,
  headerRow: number,
  mapping: readonly MappedColumn[],
  roster: RosterInfo,
  date1904: boolean,
  end = grid.lastRow,
): FileRows {
  const columns = mapping.map((m) => ({ col: m.col + 1, info: roster.columnByKey.get(m.key) as ColumnInfo }));
  const rows: FileRow[] = [];
  const invalid: BadCell[] = [];
  for (let r = headerRow + 1; r <= Math.min(end, grid.lastRow); r++) {
    const cells = grid.rows.get(r);
    if (!cells) continue;
    const values = new Map<string, string | null>();
    let filled = false;
    for (const { col, info } of columns) {
      const cell = cells.get(col);
      const address = a1(r, col);
      const lost = lostDigits(info, cell);
      if (lost !== undefined) {
        invalid.push({ address, column: info.label, message: lost });
        filled = true;
        continue;
      }
      const parsed = parseInput(info.spec, excelValue(cell, info.spec.kind === "date", date1904), info.where);
      if (!parsed.ok) {
        invalid.push({ address, column: info.label, message: parsed.message });
        filled = true;
        continue;
      }
      values.set(info.key, parsed.value);
      if (parsed.value !== null) filled = true;
    }
    if (filled) rows.push({ sheetRow: r, values });
  }
  return { rows, invalid };
}

/**
 * A read sheet by rows: the reader keys cells by A1 address, a roster file is
 * read row by row (find the header, then every row below it).
 */
import { HEADER_SEARCH_ROWS, type HeaderRow } from "../../../schemas/roster-header";
import { parseCell } from "../../../schemas/layout/address";
import type { ReadCell, ReadSheet } from "../../xlsx/workbook";
import { cellText } from "../import/cell-text";

export interface SheetGrid {
  /** 1-based sheet row → 1-based column → cell; only rows with a cell. */
  rows: Map<number, Map<number, ReadCell>>;
  /** The last row holding a cell (0 for an empty sheet). */
  lastRow: number;
}

export function sheetGrid(sheet: ReadSheet): SheetGrid {
  const rows = new Map<number, Map<number, ReadCell>>();
  let lastRow = 0;
  for (const [address, cell] of sheet.cells) {
    const { row, col } = parseCell(address);
    let cells = rows.get(row);
    if (!cells) rows.set(row, (cells = new Map()));
    cells.set(col, cell);
    if (row > lastRow) lastRow = row;
  }
  return { rows, lastRow };
}

/** The top rows as text, for findRosterHeader: index 0 is sheet row 1, column index 0 is A. */
export function headerRows(grid: SheetGrid): HeaderRow[] {
  const out: HeaderRow[] = [];
  for (let r = 1; r <= Math.min(grid.lastRow, HEADER_SEARCH_ROWS); r++) {
    const cells = grid.rows.get(r);
    const texts: string[] = [];
    if (cells) {
      const width = Math.max(...cells.keys());
      for (let c = 1; c <= width; c++) texts.push(cellText(cells.get(c)?.value));
    }
    out.push(texts);
  }
  return out;
}

/**
 * A printed table as a clerk typed or pasted it into a sheet, read the way a
 * person reads the printout: a merged area shows its value in every cell it
 * covers (a 项目 cell merged over two rows labels both; a header merged over
 * three columns heads all three), and a row with nothing written is a spacer.
 */

/** A merged area, 0-based inclusive: the value sits in the top-left cell. */
export interface MergedArea {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface PrintedSheet {
  /** Cell values as the sheet holds them, row by row (null = blank); strings as typed. */
  cells: (string | number | boolean | null)[][];
  /** Merged areas, 0-based inclusive: the value sits in the top-left cell. */
  merges?: MergedArea[];
}

export interface SheetCell {
  /** The value as typed, leading spaces kept (they indent a 其中 line); "" when blank. */
  raw: string;
  /** `raw` trimmed (U+3000 and NBSP too). */
  text: string;
  /** The merged area the cell lies in. */
  merge?: MergedArea;
  /** Inside a merged area but not its top-left cell: it shows the area's value. */
  copy: boolean;
}

const BLANK: SheetCell = { raw: "", text: "", copy: false };

function typed(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value);
}

export class SheetGrid {
  readonly rowCount: number;
  readonly colCount: number;
  private readonly grid: SheetCell[][];

  constructor(sheet: PrintedSheet) {
    const rows = sheet.cells;
    const merges = (sheet.merges ?? []).filter(
      (m) => m.top >= 0 && m.left >= 0 && m.bottom >= m.top && m.right >= m.left,
    );
    this.rowCount = Math.max(rows.length, ...merges.map((m) => m.bottom + 1));
    this.colCount = Math.max(0, ...rows.map((r) => r.length), ...merges.map((m) => m.right + 1));
    this.grid = [];
    for (let r = 0; r < this.rowCount; r++) {
      const line: SheetCell[] = [];
      for (let c = 0; c < this.colCount; c++) {
        const raw = typed(rows[r]?.[c]);
        line.push({ raw, text: raw.trim(), copy: false });
      }
      this.grid.push(line);
    }
    // Overlapping areas cannot come from Excel; the first one listed wins.
    const taken = new Set<string>();
    for (const m of merges) {
      const origin = this.grid[m.top]?.[m.left] ?? BLANK;
      for (let r = m.top; r <= m.bottom; r++) {
        for (let c = m.left; c <= m.right; c++) {
          const at = `${r},${c}`;
          if (taken.has(at)) continue;
          taken.add(at);
          const isOrigin = r === m.top && c === m.left;
          const row = this.grid[r] as SheetCell[];
          row[c] = { raw: origin.raw, text: origin.text, merge: m, copy: !isOrigin };
        }
      }
    }
  }

  cell(row: number, col: number): SheetCell {
    return this.grid[row]?.[col] ?? BLANK;
  }

  /** Cells a person sees as separate in a row: one per merged area, blanks left out. */
  pieces(row: number): { col: number; cell: SheetCell }[] {
    const out: { col: number; cell: SheetCell }[] = [];
    const line = this.grid[row] ?? [];
    line.forEach((cell, col) => {
      if (cell.text === "") return;
      // A horizontal copy repeats the piece to its left; a vertical one belongs to the row above.
      if (cell.copy) return;
      out.push({ col, cell });
    });
    return out;
  }

  /** A spacer: nothing written in the row itself (a merged area from above does not count). */
  isBlank(row: number): boolean {
    return this.pieces(row).length === 0;
  }

  /** The row continues a merged area that starts above it (a 项目 cell over two rows). */
  isCarried(row: number, col: number): boolean {
    const m = this.cell(row, col).merge;
    return m !== undefined && m.top < row;
  }
}

/**
 * A1 address arithmetic shared by the layouts, the Office.js adapters and the
 * in-memory workbook. Pure: no Office types.
 *
 * Rows and columns are 1-based, as Excel shows them.
 */

export interface CellPos {
  row: number;
  col: number;
}

export interface RangePos {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Excel's last row and column; whole-row / whole-column addresses expand to these. */
export const MAX_ROW = 1_048_576;
export const MAX_COL = 16_384;

export function columnLetter(col: number): string {
  let n = col;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function a1(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}

/** `$C$5` — absolute references keep cross-cell formulas fixed when Excel shifts a rule over a range. */
export function absolute(address: string): string {
  const p = parseCell(address);
  return `$${columnLetter(p.col)}$${p.row}`;
}

export function rangeAddress(r: RangePos): string {
  const from = a1(r.top, r.left);
  return r.top === r.bottom && r.left === r.right ? from : `${from}:${a1(r.bottom, r.right)}`;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COLS = /^\$?([A-Za-z]{1,3})$/;
const ROWS = /^\$?(\d{1,7})$/;

export function parseCell(address: string): CellPos {
  const m = CELL.exec(address.trim());
  if (!m) throw new Error(`不是单元格地址：${address}`);
  return { row: Number(m[2]), col: columnNumber(m[1] as string) };
}

/**
 * Parses what Excel reports: `C5`, `C5:D7`, `Sheet1!C5:D7`, `'金秋 助学'!C5`,
 * whole columns `C:D` and whole rows `5:7` (a column paste or a row delete).
 */
export function parseRange(address: string): RangePos {
  const bang = address.lastIndexOf("!");
  const local = (bang >= 0 ? address.slice(bang + 1) : address).trim();
  const [fromText, toText = fromText] = local.split(":") as [string, string?];
  const from = parseEnd(fromText, "from");
  const to = parseEnd(toText as string, "to");
  return {
    top: Math.min(from.row, to.row),
    left: Math.min(from.col, to.col),
    bottom: Math.max(from.row, to.row),
    right: Math.max(from.col, to.col),
  };
}

function parseEnd(text: string, end: "from" | "to"): CellPos {
  if (CELL.test(text)) return parseCell(text);
  const cols = COLS.exec(text);
  if (cols) return { row: end === "from" ? 1 : MAX_ROW, col: columnNumber(cols[1] as string) };
  const rows = ROWS.exec(text);
  if (rows) return { row: Number(rows[1]), col: end === "from" ? 1 : MAX_COL };
  throw new Error(`不是区域地址：${text}`);
}

/** Splits a multi-area address (`C5:C7, E9`) as the change event may report it. */
export function parseAreas(address: string): RangePos[] {
  return address
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map(parseRange);
}

export function intersect(a: RangePos, b: RangePos): RangePos | undefined {
  const r = {
    top: Math.max(a.top, b.top),
    left: Math.max(a.left, b.left),
    bottom: Math.min(a.bottom, b.bottom),
    right: Math.min(a.right, b.right),
  };
  return r.top <= r.bottom && r.left <= r.right ? r : undefined;
}

/**
 * Joins cells into runs (`$C$6:$C$8`, `$D$10:$H$10`) so formulas stay short:
 * Excel caps a data-validation formula at 255 characters. Tries columns and
 * rows and keeps whichever gives fewer pieces.
 */
export function compactAddresses(addresses: readonly string[], absoluteRefs = true): string[] {
  const cells = addresses.map(parseCell);
  const vertical = runs(cells, "col", "row");
  const horizontal = runs(cells, "row", "col");
  const best = horizontal.length < vertical.length ? horizontal : vertical;
  const ref = (row: number, col: number) => (absoluteRefs ? `$${columnLetter(col)}$${row}` : a1(row, col));
  return best.map((r) =>
    r.top === r.bottom && r.left === r.right ? ref(r.top, r.left) : `${ref(r.top, r.left)}:${ref(r.bottom, r.right)}`,
  );
}

function runs(cells: CellPos[], line: "row" | "col", along: "row" | "col"): RangePos[] {
  const sorted = [...cells].sort((x, y) => x[line] - y[line] || x[along] - y[along]);
  const out: RangePos[] = [];
  let run: RangePos | undefined;
  for (const c of sorted) {
    const extends_ =
      run &&
      (line === "col" ? c.col === run.left && c.row === run.bottom + 1 : c.row === run.top && c.col === run.right + 1);
    if (run && extends_) {
      if (line === "col") run.bottom = c.row;
      else run.right = c.col;
    } else {
      run = { top: c.row, bottom: c.row, left: c.col, right: c.col };
      out.push(run);
    }
  }
  return out;
}

/**
 * Excel lets a one-line text run on into the empty cells to its right; the
 * preview's grid clips every cell at its border, so the officer sheets' titles
 * and 最后更新 stamps (in narrow column A) were cut off. This finds, for each
 * such text, how many empty neighbours it needs and merges it with them, which
 * is what the officer would see in Excel. Widths are Excel's (characters).
 */
import { a1, parseCell, parseRange } from "../../schemas/layout/address";

export interface SpillText {
  text: string;
  /** Font size relative to the grid's 13 px (a title is larger). */
  scale: number;
}

/** Excel's default column width, for columns a layout does not size. */
const DEFAULT_WIDTH = 8.43;

export function spillMerges(
  sheet: { columns: number; widths: readonly number[]; merges: readonly string[]; occupied: Iterable<string> },
  texts: ReadonlyMap<string, SpillText>,
): string[] {
  const taken = new Set<string>(sheet.occupied);
  for (const m of sheet.merges) {
    const r = parseRange(m);
    for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) taken.add(a1(row, col));
  }
  const merged = new Set(sheet.merges.map((m) => m.split(":")[0]));
  const width = (col: number) => sheet.widths[col - 1] ?? DEFAULT_WIDTH;
  const out: string[] = [];
  for (const [address, t] of texts) {
    if (merged.has(address)) continue;
    const { row, col } = parseCell(address);
    const need = textWidth(t.text) * t.scale + 1.5;
    let right = col;
    let have = width(col);
    while (have < need && right < sheet.columns && !taken.has(a1(row, right + 1))) {
      right++;
      have += width(right);
      taken.add(a1(row, right));
    }
    if (right > col) out.push(`${address}:${a1(row, right)}`);
  }
  return out;
}

/** In Excel width units (about one digit): a CJK character takes nearly two. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 1.8 : 1;
  return w;
}

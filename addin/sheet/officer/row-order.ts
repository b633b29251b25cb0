/**
 * Rows the officer may sort (the status sheet's units, see officer-office.ts):
 * a sort moves whole rows, so a refresh may not write a unit's changes where
 * the unit was drawn. Each row carries its key in a hidden column; the
 * refresh reads that column first and writes every changed row where its key
 * is now. Pure: the Office adapter does the reading and the writing.
 */
import { rangeAddress } from "../../../schemas/layout/address";
import type { WriteBlock } from "../../../schemas/layout/write-block";

export interface RowOrder {
  firstRow: number;
  /** The hidden column of keys (1-based). */
  keyColumn: number;
  /** The keys in the order the sheet was drawn (and the plan's blocks are placed). */
  keys: string[];
  /** Every data row in drawn order, keys included: written whole if the sheet's keys no longer match. */
  body: WriteBlock;
}

/** The key column of the data rows, to be read before writing. */
export function keyRange(order: RowOrder): string {
  const bottom = order.firstRow + Math.max(1, order.keys.length) - 1;
  return rangeAddress({ top: order.firstRow, bottom, left: order.keyColumn, right: order.keyColumn });
}

/**
 * `blocks` (placed in drawn order) moved to where their rows are now, given
 * the keys the sheet holds top to bottom. Blocks outside the data rows stay.
 * Keys that no longer match the drawn ones (a key typed over, a row lost)
 * leave no way to place a row: then every row is written again in drawn
 * order, which also undoes the sort.
 */
export function placeRows(blocks: readonly WriteBlock[], order: RowOrder, onSheet: readonly unknown[]): WriteBlock[] {
  const last = order.firstRow + order.keys.length - 1;
  const inside = (b: WriteBlock) => b.bottom >= order.firstRow && b.top <= last;
  const current = onSheet.map((k) => String(k));
  if (current.length === order.keys.length && current.every((k, i) => k === order.keys[i])) return [...blocks];
  const row = new Map(current.map((k, i) => [k, order.firstRow + i]));
  if (row.size !== order.keys.length || order.keys.some((k) => !row.has(k))) {
    return [...blocks.filter((b) => !inside(b)), order.body];
  }
  const out: WriteBlock[] = [];
  for (const b of blocks) {
    if (!inside(b)) {
      out.push(b);
      continue;
    }
    b.values.forEach((line, i) => {
      const at = row.get(order.keys[b.top + i - order.firstRow] as string) as number;
      const pos = { top: at, bottom: at, left: b.left, right: b.right };
      out.push({ ...pos, address: rangeAddress(pos), values: [line] });
    });
  }
  return out;
}

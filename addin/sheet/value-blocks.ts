/**
 * Cells to write → blocks of adjacent cells, each one `range.values = …`
 * (one call per cell costs ~250 bytes of request, so a 1,200 × 14 roster would
 * pass Excel on the web's 5 MB), then batches of blocks that each stay under
 * the payload budget: a block too big for one request is split by rows. Pure:
 * the Office adapter sends each batch in one `context.sync()`.
 *
 * A block covers only cells asked for, so a write never clears a neighbour;
 * each value is sent as given (a "@" cell's text stays text, see office-values.ts).
 */
import { rangeAddress, type CellPos } from "../../schemas/layout/address";
import type { WriteBlock } from "../../schemas/layout/write-block";
import { CALL_BYTES, gridBytes } from "./payload";

export interface CellWrite extends CellPos {
  value: string | number;
}

/**
 * Rows of adjacent cells, stacked into rectangles where consecutive rows span
 * the same columns: a whole roster is one block, a column of items one block.
 */
export function valueBlocks(writes: readonly CellWrite[]): WriteBlock[] {
  const byCell = new Map<string, CellWrite>();
  for (const w of writes) byCell.set(`${w.row},${w.col}`, w);
  const sorted = [...byCell.values()].sort((a, b) => a.row - b.row || a.col - b.col);

  const blocks: WriteBlock[] = [];
  /** The block a run of `left:right` on the next row extends. */
  let open = new Map<string, WriteBlock>();
  let i = 0;
  while (i < sorted.length) {
    const row = (sorted[i] as CellWrite).row;
    const next = new Map<string, WriteBlock>();
    while (i < sorted.length && (sorted[i] as CellWrite).row === row) {
      const first = sorted[i] as CellWrite;
      const line: (string | number)[] = [first.value];
      let right = first.col;
      i++;
      while (i < sorted.length && (sorted[i] as CellWrite).row === row && (sorted[i] as CellWrite).col === right + 1) {
        line.push((sorted[i] as CellWrite).value);
        right++;
        i++;
      }
      const span = `${first.col}:${right}`;
      const above = open.get(span);
      if (above && above.bottom === row - 1) {
        above.bottom = row;
        above.values.push(line);
        next.set(span, above);
      } else {
        const block = { top: row, left: first.col, bottom: row, right, address: "", values: [line] };
        blocks.push(block);
        next.set(span, block);
      }
    }
    open = next;
  }
  for (const b of blocks) b.address = rangeAddress(b);
  return blocks;
}

/** What a block costs in one request: its values and the call around them. */
export function blockBytes(block: WriteBlock): number {
  return CALL_BYTES + gridBytes(block.values);
}

/**
 * Blocks in batches of at most `budget` bytes each, in order; a block bigger
 * than the budget is cut into row bands that fit (a single row always goes
 * whole: no form row comes near 4 MB).
 */
export function batchesUnder(blocks: readonly WriteBlock[], budget: number): WriteBlock[][] {
  const batches: WriteBlock[][] = [];
  let batch: WriteBlock[] = [];
  let used = 0;
  const add = (block: WriteBlock, bytes: number) => {
    if (batch.length > 0 && used + bytes > budget) {
      batches.push(batch);
      batch = [];
      used = 0;
    }
    batch.push(block);
    used += bytes;
  };
  for (const block of blocks) {
    const bytes = blockBytes(block);
    if (bytes <= budget) {
      add(block, bytes);
      continue;
    }
    for (const band of rowBands(block, budget)) add(band, blockBytes(band));
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

function rowBands(block: WriteBlock, budget: number): WriteBlock[] {
  const bands: WriteBlock[] = [];
  let start = 0;
  let bytes = CALL_BYTES + 2;
  const cut = (end: number) => {
    const top = block.top + start;
    const band = { top, left: block.left, bottom: block.top + end - 1, right: block.right };
    bands.push({ ...band, address: rangeAddress(band), values: block.values.slice(start, end) });
  };
  block.values.forEach((line, i) => {
    const lineBytes = gridBytes([line]) - 1;
    if (i > start && bytes + lineBytes > budget) {
      cut(i);
      start = i;
      bytes = CALL_BYTES + 2;
    }
    bytes += lineBytes;
  });
  cut(block.values.length);
  return bands;
}

/**
 * The minimal writes that turn one grid of values into another: rectangular
 * blocks, each one `range.values = …` in the refresh's single batch.
 *
 * Every block costs a range proxy, its address and the request's framing on
 * top of its cells, so writing a few unchanged cells between two changes is
 * cheaper than a second block. Blocks are priced in cell-equivalents and the
 * cheapest of three plans wins: column runs (a unit resubmitted), row runs (an
 * item changed everywhere), or one bounding range. The number of blocks never
 * changes the number of round trips — all go into one sync — only the payload.
 */
import { rangeAddress } from "../../../schemas/layout/address";
import type { GridCell, WriteBlock } from "../../../schemas/layout/write-block";

export type { GridCell, WriteBlock } from "../../../schemas/layout/write-block";

export interface GridDiff {
  blocks: WriteBlock[];
  /** Cells that differ. */
  changed: number;
  /** Cells written (changed ones plus the unchanged ones inside blocks). */
  written: number;
  plan: "none" | "columns" | "rows" | "box";
}

/** One block's overhead in cells: a proxy, an address and a JSON envelope weigh about as much as this many numbers. */
export const BLOCK_COST = 24;

interface Rect {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/**
 * `prev` and `next` have the same shape (rows × columns); `origin` is the
 * sheet position of [0][0]. Different shapes are a layout change: re-render.
 */
export function diffGrid(
  prev: readonly (readonly GridCell[])[],
  next: readonly (readonly GridCell[])[],
  origin: { top: number; left: number },
  blockCost = BLOCK_COST,
): GridDiff {
  const rows = next.length;
  const cols = next[0]?.length ?? 0;
  if (prev.length !== rows || (prev[0]?.length ?? 0) !== cols) throw new Error("diffGrid: shapes differ");
  // First pass: how many cells changed and where. Most refreshes end here: nothing
  // changed, or so much that one bounding write is as cheap as anything finer.
  let changed = 0;
  let box: Rect | undefined;
  for (let r = 0; r < rows; r++) {
    const a = prev[r] as readonly GridCell[];
    const b = next[r] as readonly GridCell[];
    for (let c = 0; c < cols; c++) {
      if (same(a[c] ?? null, b[c] ?? null)) continue;
      changed++;
      if (!box) box = { top: r, bottom: r, left: c, right: c };
      else {
        if (r > box.bottom) box.bottom = r;
        if (c < box.left) box.left = c;
        if (c > box.right) box.right = c;
      }
    }
  }
  if (!box) return { blocks: [], changed: 0, written: 0, plan: "none" };
  // Dense: any plan writes at least `changed` cells plus one block, and the box at most twice that.
  if (changed * 2 >= area(box)) return { blocks: [block(next, box, origin)], changed, written: area(box), plan: "box" };

  // Sparse: changed cells by column and by row, inside the box only.
  const byCol: number[][] = Array.from({ length: cols }, () => []);
  const byRow: number[][] = Array.from({ length: rows }, () => []);
  for (let r = box.top; r <= box.bottom; r++) {
    const a = prev[r] as readonly GridCell[];
    const b = next[r] as readonly GridCell[];
    for (let c = box.left; c <= box.right; c++) {
      if (same(a[c] ?? null, b[c] ?? null)) continue;
      (byCol[c] as number[]).push(r);
      (byRow[r] as number[]).push(c);
    }
  }

  const byColumns = group(byCol, blockCost, false);
  const byRows = group(byRow, blockCost, true);
  const plans: { plan: GridDiff["plan"]; rects: Rect[] }[] = [
    { plan: "columns", rects: byColumns },
    { plan: "rows", rects: byRows },
    { plan: "box", rects: [box] },
  ];
  const cost = (rects: Rect[]) => rects.reduce((s, r) => s + area(r) + blockCost, 0);
  const best = plans.reduce((x, y) => (cost(y.rects) < cost(x.rects) ? y : x));
  const blocks = best.rects.map((r) => block(next, r, origin));
  return { blocks, changed, written: best.rects.reduce((s, r) => s + area(r), 0), plan: best.plan };
}

function same(a: GridCell, b: GridCell): boolean {
  return a === b || ((a === null || a === "") && (b === null || b === ""));
}

function area(r: Rect): number {
  return (r.bottom - r.top + 1) * (r.right - r.left + 1);
}

/**
 * Runs along each line (a column, or a row when `transposed`), joined across
 * gaps cheaper than a new block; then neighbouring lines with the same runs
 * become one rectangle.
 */
function group(lines: number[][], blockCost: number, transposed: boolean): Rect[] {
  const out: Rect[] = [];
  let open = new Map<string, Rect>();
  for (let i = 0; i < lines.length; i++) {
    const hits = lines[i] as number[];
    const runs: [number, number][] = [];
    for (const h of hits) {
      const last = runs[runs.length - 1];
      if (last && h - last[1] - 1 <= blockCost) last[1] = h;
      else runs.push([h, h]);
    }
    const next = new Map<string, Rect>();
    for (const [from, to] of runs) {
      const key = `${from}:${to}`;
      const prior = open.get(key);
      if (prior) {
        // Extend the rectangle of the previous line with the same run.
        if (transposed) prior.bottom = i;
        else prior.right = i;
        next.set(key, prior);
      } else {
        const rect = transposed
          ? { top: i, bottom: i, left: from, right: to }
          : { top: from, bottom: to, left: i, right: i };
        out.push(rect);
        next.set(key, rect);
      }
    }
    open = next;
  }
  return out;
}

function block(next: readonly (readonly GridCell[])[], r: Rect, origin: { top: number; left: number }): WriteBlock {
  const values: (string | number)[][] = [];
  for (let row = r.top; row <= r.bottom; row++) {
    const line = next[row] as readonly GridCell[];
    const out: (string | number)[] = new Array(r.right - r.left + 1);
    for (let col = r.left; col <= r.right; col++) out[col - r.left] = line[col] ?? "";
    values.push(out);
  }
  const pos = {
    top: origin.top + r.top,
    bottom: origin.top + r.bottom,
    left: origin.left + r.left,
    right: origin.left + r.right,
  };
  return { ...pos, address: rangeAddress(pos), values };
}

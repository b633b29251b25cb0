/**
 * Values placed on a sheet as rectangular blocks: what the officer's sheets
 * hold (rows of cells) and what a render or a refresh writes, one
 * `range.values = …` per block.
 */
import type { RangePos } from "./address";

/** What a cell holds as written: a number, text, or null (cleared). */
export type GridCell = string | number | null;

export interface WriteBlock extends RangePos {
  address: string;
  /** Rows × columns, exactly the block's size; blanks as "" (Excel clears them). */
  values: (string | number)[][];
}

import type { Value, ValueType } from "./value";

/**
 * What a compiled expression reads at run time and the names it may use at
 * compile time; indexes are assigned by the template compiler (schemas/compile.ts).
 */
export interface Frame {
  /** Template-level cells (items, grid cells, header fields) by index. */
  cells: Value[];
  /** Roster rows by roster index: row id → values by column index. */
  rosters: Map<string, Value[]>[];
  /** The current roster row (row rules and aggregate conditions). */
  row: Value[] | null;
  /** Date at which ages are computed, YYYY-MM-DD. */
  referenceDate: string;
  /**
   * What `prev(x)` reads: last round's approved values of the template cells, by
   * the same index as `cells` (already mapped to this version's keys,
   * schemas/previous.ts). Absent or null at an index: no previous value (blank).
   */
  previous?: Value[];
}

export interface CellBinding {
  index: number;
  key: string;
  type: ValueType;
}

export interface RosterBinding {
  index: number;
  key: string;
  columns: ReadonlyMap<string, { index: number; type: ValueType }>;
}

/** Names an expression may use; provided by the template compiler. */
export interface Scope {
  cell(path: readonly string[]): CellBinding | undefined;
  roster(name: string): RosterBinding | undefined;
  /** In a roster's row rules: bare column keys mean this roster's current row. */
  rowRoster?: RosterBinding;
  /**
   * The cells `prev(x)` may name (items and grid cells); absent where prev() is not
   * allowed (computed items: a stored value never depends on another round).
   */
  previous?(path: readonly string[]): CellBinding | undefined;
}

export type Run = (f: Frame) => Value;

export interface CompiledExpr {
  type: ValueType;
  run: Run;
  /** For a top-level comparison: its two sides, for {left} {right} {diff}. */
  left?: Run;
  right?: Run;
  /** Template cells read, in order of first appearance. */
  cells: number[];
  /** Current-row columns read, in order of first appearance. */
  rowColumns: number[];
  /** Rosters aggregated over. */
  rosters: number[];
  /** Template cells whose previous value `prev()` reads, in order of first appearance. */
  previous: number[];
  /** Readers for {ref} interpolation, keyed by the reference as written. */
  names: Map<string, Run>;
}

import type { Expr } from "./ast";
import type { RosterBinding, Run, Scope } from "./scope";
import { TYPE_NAMES, type ValueType } from "./value";

/**
 * The state of one compilation, shared by the files that compile each kind of
 * node (references.ts, operators.ts, functions.ts): what the expression reads,
 * and `compile` for the sub-expressions (so those files need not import each
 * other in a circle).
 */
export interface Compiler {
  readonly scope: Scope;
  /** The whole expression: a comparison at the top gives {left} {right} {diff}. */
  readonly root: Expr;
  /** Template cells read, in order of first appearance. */
  readonly cells: number[];
  /** Current-row columns read. */
  readonly rowColumns: number[];
  /** Rosters aggregated over. */
  readonly rosters: number[];
  /** Template cells whose previous value prev() reads. */
  readonly previous: number[];
  /** Readers for {ref} interpolation, keyed by the reference as written. */
  readonly names: Map<string, Run>;
  /** The roster whose rows an aggregate condition is iterating. */
  iterating: RosterBinding | undefined;
  /** The two sides of a top-level comparison. */
  sides: { left: Run; right: Run } | undefined;
  compile(e: Expr): Typed;
}

/** A compiled sub-expression: its type, known at compile time, and how to evaluate it. */
export interface Typed {
  type: ValueType;
  run: Run;
}

/** A located compile error; compileExpression turns it into an `ExprError`. */
export class CompileError extends Error {
  constructor(
    readonly pos: number,
    message: string,
  ) {
    super(message);
  }
}

export function expectType(e: Expr, got: Typed, type: ValueType, what: string): void {
  if (got.type !== type) {
    throw new CompileError(e.pos, `${what}应为${TYPE_NAMES[type]}，实际是${TYPE_NAMES[got.type]}`);
  }
}

/** Adds `i` to an in-order set kept as an array. */
export function note(arr: number[], i: number): void {
  if (!arr.includes(i)) arr.push(i);
}

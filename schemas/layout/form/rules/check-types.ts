/** Cells and formats the rule checks add to a form (the contract of rule-checks.ts, which re-exports them). */
import type { Severity } from "../../../template";
import type { TextStyle } from "../layout-types";

/** A cell the checks add: a text, or a formula whose result is shown. */
export interface CheckCell {
  address: string;
  text?: string;
  /** Without the leading "=". */
  formula?: string;
  style: TextStyle;
}

/** Conditional formatting on the form sheet: `formula` is written for the top-left cell of `range`, relative to it. */
export interface CheckFormat {
  range: string;
  formula: string;
  severity: Severity;
}

/**
 * What a template looks like on a sheet: the output of `buildLayout()` and the
 * input of both `FormWorkbook` implementations (Office.js and the in-memory
 * workbook). Plain data, no Office types, so a layout can be asserted in tests
 * and rendered by anything.
 */

/** A cell key as in docs/template-language.md: `raised`, `grant.primary`, `header.phone`, `roster.r0001.name`. */
export type CellKey = string;

export type TextStyle =
  "title" | "subtitle" | "fieldLabel" | "sectionTitle" | "columnHeader" | "number" | "label" | "unit";

/** Static text: the official title, labels as printed, column headers, units. */
export interface TextCell {
  address: string;
  text: string;
  style: TextStyle;
  /** Visual nesting of 其中 lines (Excel indent level). */
  indent: number;
}

export type ValueType = "integer" | "decimal" | "text" | "date" | "enum";

/**
 * One Excel data-validation rule in structured form. The Office adapter turns it
 * into `range.dataValidation.rule`; the in-memory workbook evaluates it directly.
 */
export type CellRule =
  | { type: "wholeNumber"; min?: number; max?: number }
  | { type: "decimal"; min?: number; max?: number; scale: number }
  /** `source` is `a,b,c` or, when that would pass Excel's 255-character limit, `=$K$1:$K$40`. */
  | { type: "list"; options: string[]; source: string }
  | { type: "textLength"; min: number; max: number }
  | { type: "date"; min: string };

export interface InputPrompt {
  /** ≤ 32 characters (Excel's limit). */
  title: string;
  /** ≤ 255 characters (Excel's limit). */
  message: string;
}

/** Always shown with the stop style: a rejected value never lands in the cell. */
export interface ErrorAlert {
  title: string;
  message: string;
}

/** One data validation applied to a contiguous block of cells that share rule, prompt and alert. */
export interface ValidationBlock {
  range: string;
  rule: CellRule;
  /**
   * Excel custom formula (written for the top-left cell, relative to it) used
   * instead of the built-in rule when the built-in types cannot say it: the
   * scale of a decimal, or "this part keeps the 其中 sum within its total".
   */
  formula?: string;
  /** Ids of `SheetLayout.sumRules` that are checked when a value is typed into this block. */
  sumRuleIds: string[];
  prompt: InputPrompt;
  alert: ErrorAlert;
}

export interface ValueCell {
  key: CellKey;
  address: string;
  kind: "header" | "item" | "grid";
  valueType: ValueType;
  numberFormat: string;
  /** How messages name the cell: 第 1 项「共筹集资金」. */
  where: string;
  /** Locked cells are filled by the add-in, e.g. 填报单位 comes from the token, not from typing. */
  locked: boolean;
  initial: string | null;
}

export interface RosterColumnLayout {
  key: string;
  label: string;
  col: number;
  valueType: ValueType;
  numberFormat: string;
}

/**
 * A roster (名册) as an Excel table. Data row i (0-based) holds row id
 * `r0001`, `r0002`, …: the row id is the sheet position, so a roster edit in
 * Excel is always a plain cell patch (see docs: a row exists while any cell is
 * non-blank).
 */
export interface RosterLayout {
  key: string;
  title: string;
  tableName: string;
  headerRow: number;
  firstRow: number;
  /** Rows prepared in the sheet; the roster grows (roster-rows.ts) up to `maxRows`. */
  rowCount: number;
  maxRows: number;
  left: number;
  right: number;
  columns: RosterColumnLayout[];
  /** A roster only read, never typed (the consolidated sheet, a drill-down): no input colour, no validation. */
  readOnly: boolean;
}

/**
 * A 其中 breakdown or a grid total compiled to Excel formulas, so the workbook
 * checks itself where the add-in is not running.
 */
export interface SumRule {
  id: string;
  mode: "exhaustive" | "partial";
  total: string;
  parts: string[];
  message: string;
  /** Conditional-formatting formula, true while the rule is broken. */
  brokenFormula: string;
  /** Entry check, true while the parts do not exceed the total (blank total: not checked yet). */
  withinFormula: string;
}

/** Dropdown options too long for an inline list source live in a hidden column. */
export interface HiddenSource {
  col: number;
  range: string;
  values: string[];
}

export interface SheetLayout {
  sheet: string;
  templateId: string;
  templateVersion: number;
  title: string;
  /** Used area A1:(columns)(rows), hidden option columns excluded. */
  rows: number;
  columns: number;
  /** Widths in characters, index 0 = column A. */
  columnWidths: number[];
  texts: TextCell[];
  merges: string[];
  cells: ValueCell[];
  rosters: RosterLayout[];
  validations: ValidationBlock[];
  sumRules: SumRule[];
  hiddenSources: HiddenSource[];
}

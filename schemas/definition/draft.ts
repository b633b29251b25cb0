import type { TemplateInput } from "../template";

/**
 * What the pane drafts from a notice (its fill-in-the-blanks text or its printed
 * table): a template for the officer to confirm, and each guess the drafting made,
 * so the definition sheets can mark the cell to check (schemas/definition/sheets).
 */
export interface Draft {
  template: TemplateInput;
  guesses: DraftGuess[];
}

/**
 * Which definition field a guess concerns: an item's type, its breakdown mode …;
 * for the form itself (key ""), the 表单 field: id, title, issuer, docNo, period,
 * dueDate, or "header" (the 填报人/联系电话 lines), "" for the form as a whole.
 */
export type GuessField =
  | "type"
  | "scale"
  | "unit"
  | "mode"
  | "label"
  | "no"
  | "part"
  | "column"
  | "id"
  | "title"
  | "issuer"
  | "docNo"
  | "period"
  | "dueDate"
  | "header"
  | "";

export interface DraftGuess {
  /** The item, grid row or roster column key (`raised`, `roster.idno`); "" for the form itself. */
  key: string;
  field: GuessField;
  /** zh-CN, for the officer: 「其中」各项之和是否应等于合计？已按“全部”处理，请确认 */
  message: string;
}

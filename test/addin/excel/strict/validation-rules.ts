/**
 * Excel's data validation, as far as the fake enforces it.
 *
 * Text limits (InvalidArgument above them): input-prompt title 32 and message
 * 255 characters, error-alert title 32 and message 225 — the limits of the
 * file format ([MS-XLSB] 2.5.37 DValStrings: strErrorTitle ≤ 32, strError ≤ 225,
 * strPromptTitle ≤ 32, strPrompt ≤ 255), which Excel's dialog and API share —
 * and a list source or formula of at most 255 characters (Excel's limit on a
 * validation formula, the one the layout's compactAddresses works around).
 *
 * A typed or picked value is checked against the rule the way Excel's Stop
 * alert does; a paste or an add-in write is not checked at all.
 */
import { officeError } from "./errors";
import { parseInput } from "./cell-values";
import { parseRange } from "../../../../schemas/layout/address";
import { cellAt, findSheet, type Scalar, type SheetState, type Validation, type WorkbookState } from "./state";

export const DV_LIMITS = { promptTitle: 32, promptMessage: 255, alertTitle: 32, alertMessage: 225, formula: 255 };

const RULE_TYPES = ["wholeNumber", "decimal", "textLength", "date", "time", "list", "custom"];
const OPERATORS = [
  "Between",
  "NotBetween",
  "EqualTo",
  "NotEqualTo",
  "GreaterThan",
  "LessThan",
  "GreaterThanOrEqualTo",
  "LessThanOrEqualTo",
];

function tooLong(what: string, text: unknown, max: number, api: string): void {
  if (typeof text === "string" && text.length > max) {
    throw officeError("InvalidArgument", `${what} is ${text.length} characters; Excel allows ${max}.`, api);
  }
}

function formulaText(f: unknown): string | undefined {
  if (typeof f !== "string") return undefined;
  return f.startsWith("=") ? f.slice(1) : f;
}

export function checkRule(rule: Record<string, unknown>): void {
  const api = "DataValidation.rule";
  const kinds = Object.keys(rule).filter((k) => rule[k] !== undefined);
  if (kinds.length !== 1 || !RULE_TYPES.includes(kinds[0] as string)) {
    throw officeError("InvalidArgument", "A data validation rule has exactly one rule type.", api);
  }
  const kind = kinds[0] as string;
  const body = rule[kind] as Record<string, unknown>;
  if (kind === "list") {
    tooLong("The list source", formulaText(body.source), DV_LIMITS.formula, api);
    return;
  }
  if (kind === "custom") {
    tooLong("The validation formula", formulaText(body.formula), DV_LIMITS.formula, api);
    return;
  }
  const operator = body.operator as string;
  if (!OPERATORS.includes(operator)) throw officeError("InvalidArgument", `Unknown operator ${operator}.`, api);
  if ((operator === "Between" || operator === "NotBetween") && body.formula2 === undefined) {
    throw officeError("InvalidArgument", `${operator} needs formula2.`, api);
  }
  tooLong("formula1", formulaText(body.formula1), DV_LIMITS.formula, api);
  tooLong("formula2", formulaText(body.formula2), DV_LIMITS.formula, api);
}

export function checkPrompt(p: { title?: string; message?: string }): void {
  tooLong("The input prompt title", p.title, DV_LIMITS.promptTitle, "DataValidation.prompt");
  tooLong("The input prompt message", p.message, DV_LIMITS.promptMessage, "DataValidation.prompt");
}

export function checkErrorAlert(a: { title?: string; message?: string }): void {
  tooLong("The error alert title", a.title, DV_LIMITS.alertTitle, "DataValidation.errorAlert");
  tooLong("The error alert message", a.message, DV_LIMITS.alertMessage, "DataValidation.errorAlert");
}

/** Whether Excel's Stop alert lets the user enter `value` (formulas it cannot evaluate pass). */
export function accepts(book: WorkbookState, sheet: SheetState, v: Validation, value: Scalar): boolean {
  if (v.errorAlert?.showAlert === false || (v.errorAlert?.style ?? "Stop") !== "Stop") return true;
  if (value === "") return v.ignoreBlanks;
  const [kind, body] = Object.entries(v.rule)[0] ?? [];
  const b = (body ?? {}) as Record<string, unknown>;
  switch (kind) {
    case "wholeNumber":
      return typeof value === "number" && Number.isInteger(value) && compare(value, b);
    case "decimal":
    case "date":
    case "time":
      return typeof value === "number" && compare(value, b);
    case "textLength":
      return compare(String(value).length, b);
    case "list":
      return listOf(book, sheet, b.source).some((item) => String(item) === String(value));
    default:
      return true;
  }
}

function bound(f: unknown): number | undefined {
  if (typeof f === "number") return f;
  if (typeof f !== "string") return undefined;
  const parsed = parseInput(f, "General");
  return typeof parsed === "number" ? parsed : undefined;
}

function compare(x: number, b: Record<string, unknown>): boolean {
  const f1 = bound(b.formula1);
  const f2 = bound(b.formula2);
  if (f1 === undefined) return true;
  switch (b.operator) {
    case "Between":
      return f2 === undefined || (x >= f1 && x <= f2);
    case "NotBetween":
      return f2 === undefined || x < f1 || x > f2;
    case "EqualTo":
      return x === f1;
    case "NotEqualTo":
      return x !== f1;
    case "GreaterThan":
      return x > f1;
    case "LessThan":
      return x < f1;
    case "GreaterThanOrEqualTo":
      return x >= f1;
    default:
      return x <= f1;
  }
}

/** A list source: "a,b,c", or a reference "=$K$1:$K$9" / "=Sheet!$K$1:$K$9". */
export function listOf(book: WorkbookState, sheet: SheetState, source: unknown): Scalar[] {
  if (typeof source !== "string") return [];
  if (!source.startsWith("=")) return source.split(",").map((s) => s.trim());
  const ref = source.slice(1);
  const bang = ref.lastIndexOf("!");
  const on = bang >= 0 ? findSheet(book, ref.slice(0, bang).replace(/^'|'$/g, "")) : sheet;
  if (!on) return [];
  const box = parseRange(ref);
  const out: Scalar[] = [];
  for (let r = box.top; r <= box.bottom; r++)
    for (let c = box.left; c <= box.right; c++) out.push(cellAt(on, r, c).value);
  return out;
}

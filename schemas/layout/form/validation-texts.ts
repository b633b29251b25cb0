/**
 * The texts of a data validation (input prompt, stop alert) and Excel's limits
 * on them: the one place these limits live. Excel refuses a longer text (the
 * render's `context.sync()` fails, a written workbook does not open), so every
 * text is fitted here, the same way for the add-in and anything else that draws
 * the layout.
 *
 * Excel's limits, in characters:
 * - [MS-XLSB] 2.5.37 DValStrings: error-alert title ≤ 32, error-alert message
 *   ≤ 225, input-prompt title ≤ 32, input-prompt message ≤ 255 (the limits of
 *   Excel's Data Validation dialog).
 * - [MS-OI29500] 2.1.613 (dataValidation in .xlsx): prompt ≤ 255, promptTitle
 *   ≤ 32, errorTitle ≤ 32, and error ≤ 224 — one less than the dialog allows.
 *   A form drawn by the add-in is saved by Excel as .xlsx, so the alert keeps
 *   to 224 and stays valid in both.
 * - An inline list source (`a,b,c`) is a text constant in the validation's
 *   formula, and Excel caps a text value in a formula at 255 characters; a
 *   longer list reads from a range instead (validation-blocks.ts).
 * A "character" there is a UTF-16 code unit (an XLWideString counts them, and
 * so does LEN: see schemas/text.ts), so a rare 汉字 outside the BMP counts two.
 * Everything below measures with `String.length` and never cuts a pair apart.
 *
 * What is shortened and what is refused (the publish check, schemas/check-texts.ts):
 * - labels (prompt title, the prompt's first line, the alert's 第 N 项「…」)
 *   are shortened: the full label is printed on the sheet beside the cell,
 *   and the popup only reminds the clerk of it;
 * - the dropdown's options in 应填 are replaced by 从下拉列表中选择 when they do
 *   not fit: the dropdown itself lists them;
 * - an author's hint (the prompt's last line) and an author's 其中 message (in
 *   the alert of each part) are never cut in the middle: a cut instruction can
 *   say the opposite of what was meant. The publish check refuses a template
 *   whose hint or message cannot fit; a template published before that check
 *   still draws (its hint is cut as a last resort, its message leaves the
 *   entry check to the conditional format and the add-in).
 */
import { expectation, valueTypeOf, type FieldSpec } from "./cell-rules";
import type { ErrorAlert, InputPrompt } from "./layout-types";

export const EXCEL_TEXT_LIMITS = {
  promptTitle: 32,
  promptMessage: 255,
  alertTitle: 32,
  alertMessage: 224,
  listSource: 255,
} as const;

/** The stop alert's title: one for every cell. */
export const ALERT_TITLE = "汇表：输入有误";

/** A label shortened below this many characters says too little: the line is left out instead. */
const MIN_LABEL = 8;
/** Likewise the label inside 「」 of a cell's name in an alert. */
const MIN_QUOTED = 4;

/** `text` in at most `max` UTF-16 units, ending in "…" when cut; a surrogate pair is never split. */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return "";
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** 应填 as the prompt and the alert say it: the options of a long dropdown give way to the dropdown itself. */
function need(spec: FieldSpec, short: boolean): string {
  if (short && valueTypeOf(spec) === "enum") return `从下拉列表中选择（共 ${(spec.options ?? []).length} 项）`;
  return expectation(spec);
}

/** The prompt's 应填 line at its shortest: what an author's hint must leave room for. */
export function hintRoom(spec: FieldSpec): number {
  return EXCEL_TEXT_LIMITS.promptMessage - `应填：${need(spec, true)}\n`.length;
}

/** The alert's 应填写 at its shortest (the cell's name left out): what an author's 其中 message must leave room for. */
export function alertRoom(spec: FieldSpec): number {
  return EXCEL_TEXT_LIMITS.alertMessage - `应填写${need(spec, true)}；`.length;
}

/** The input prompt: the label, what the cell takes, the author's hint — in that order of giving way. */
export function promptOf(spec: FieldSpec): InputPrompt {
  const max = EXCEL_TEXT_LIMITS.promptMessage;
  const label = spec.label.trim();
  const hint = spec.hint?.trim() ? [spec.hint.trim()] : [];
  const title = clipText(oneLine(spec.label), EXCEL_TEXT_LIMITS.promptTitle);
  const full = [label, `应填：${need(spec, false)}`, ...hint].join("\n");
  if (full.length <= max) return { title, message: full };
  const rest = [`应填：${need(spec, true)}`, ...hint].join("\n");
  const room = max - rest.length - 1;
  const message = room >= MIN_LABEL ? `${clipText(label, room)}\n${rest}` : clipText(rest, max); // last resort: a hint the check would refuse
  return { title, message };
}

/** The cell's name with the label inside 「」 shortened to fit `max`; undefined when it cannot say enough. */
function shortWhere(where: string, max: number): string | undefined {
  if (where.length <= max) return where;
  const m = /^([^「]*「)([^」]*)(」.*)$/s.exec(where);
  if (!m) return undefined;
  const [, before = "", label = "", after = ""] = m;
  const room = max - before.length - after.length;
  return room >= MIN_QUOTED ? `${before}${clipText(label, room)}${after}` : undefined;
}

/**
 * The stop alert: the cell's name, what it takes, then `extra` (the 其中 sums
 * checked as the clerk types). Undefined when `extra` cannot fit even with the
 * rest at its shortest: the caller then leaves those checks out of the alert.
 */
export function fitAlert(spec: FieldSpec, extra: readonly string[]): ErrorAlert | undefined {
  const max = EXCEL_TEXT_LIMITS.alertMessage;
  const withTail = (head: string) => [head, ...extra].join("；");
  const full = withTail(`${spec.where}应填写${need(spec, false)}`);
  if (full.length <= max) return { title: ALERT_TITLE, message: full };
  const tail = withTail(`应填写${need(spec, true)}`);
  if (tail.length > max) return undefined;
  const where = shortWhere(spec.where, max - tail.length) ?? "";
  return { title: ALERT_TITLE, message: `${where}${tail}` };
}

/** The stop alert of a cell with no 其中 checks: it always fits. */
export function alertOf(spec: FieldSpec): ErrorAlert {
  const alert = fitAlert(spec, []);
  // `应填写` and a type's expectation are a few dozen characters; the clip only guards the arithmetic.
  return (
    alert ?? { title: ALERT_TITLE, message: clipText(`应填写${need(spec, true)}`, EXCEL_TEXT_LIMITS.alertMessage) }
  );
}

/**
 * Inline source `a,b,c`, or undefined when Excel cannot take it inline (too long, or an option has a
 * comma or quote) or when it would read as a range: a list source that starts with "=" is a reference.
 */
export function inlineListSource(options: readonly string[]): string | undefined {
  const joined = options.join(",");
  const safe = !joined.startsWith("=") && options.every((o) => !o.includes(",") && !o.includes('"'));
  return safe && joined.length <= EXCEL_TEXT_LIMITS.listSource ? joined : undefined;
}

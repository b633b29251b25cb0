import { MAX_EXPLANATION_LENGTH } from "../../schemas/report-problems";
import type { Validator } from "../../schemas/validate";
import { unsafeTextReason } from "../../schemas/safe-text";
import { codePointLength, shorten } from "../../schemas/text";
import { NOTE_PREFIX } from "../db/reports";
import { ApiError } from "../errors";
import type { FieldWrite } from "./computed";
import type { Fields } from "./merge";

/*
 * Bounds of 上报说明 (`note:<problem id>` fields, stored together in
 * `reports.notes`). Without them a report took 说明 for any problem id in any
 * number and size until D1 refused the row (2,000,000 bytes) and every save
 * answered 500, and a 说明 stayed after its warning was gone. One text is at
 * most MAX_EXPLANATION_LENGTH characters (schemas/report-problems.ts).
 */

/**
 * All of a report's 说明 together, in UTF-8 bytes of the stored JSON: half of
 * D1's row limit, so the row keeps room for everything else. About 660 说明
 * of 500 汉字 each: only a roster explaining hundreds of row warnings at
 * length gets near it.
 */
export const MAX_EXPLANATIONS_BYTES = 1_000_000;

interface BadExplanation {
  problemId: string;
  message: string;
}

/** 422 naming every refused problem id (the first few in the message, all in details). */
function refuse(bad: BadExplanation[]): never {
  bad.sort((a, b) => (a.problemId < b.problemId ? -1 : a.problemId > b.problemId ? 1 : 0));
  const shown = bad.slice(0, 5).map((b) => b.message);
  const more = bad.length > shown.length ? `；另有 ${bad.length - shown.length} 条` : "";
  throw new ApiError("invalid_explanations", `上报说明未保存：${shown.join("；")}${more}`, { explanations: bad });
}

/**
 * Length and characters of the texts a save sends (as in text cells: schemas/safe-text.ts).
 * A warning is named by its message, as the clerk sees it in the pane; any other id by itself.
 */
function checkTexts(sent: Record<string, string | null>, messages: ReadonlyMap<string, string>): void {
  const bad: BadExplanation[] = [];
  for (const [problemId, text] of Object.entries(sent)) {
    const t = text?.trim() ?? "";
    const known = messages.get(problemId);
    const what = known === undefined ? `审核提示 ${problemId} 的上报说明` : `「${shorten(known)}」的上报说明`;
    const length = codePointLength(t);
    if (length > MAX_EXPLANATION_LENGTH) {
      bad.push({ problemId, message: `${what}最多 ${MAX_EXPLANATION_LENGTH} 个字（现有 ${length} 个字）` });
      continue;
    }
    const unsafe = unsafeTextReason(t);
    if (unsafe !== undefined) bad.push({ problemId, message: `${what}${unsafe}` });
  }
  if (bad.length > 0) refuse(bad);
}

interface Settled {
  apply: FieldWrite[];
  after: Fields;
  validator: Validator;
}

/**
 * A save's changes (after the merge and the engine run: `computed`) with its
 * 说明 settled against the warnings the report has with the values after the
 * save. A 说明 is kept only for such a warning: one sent for any other problem
 * id is not stored, and a stored one whose warning is gone is dropped as a
 * change to null, so the audit and history show it going. Not refused with an
 * error: another writer's merged change, or an offline edit, can clear a
 * warning the clerk was explaining, and a 422 would hold back the clerk's cell
 * edits sent in the same save. The answer's `explanations` shows what was kept.
 *
 * Refused (422 invalid_explanations, nothing written): a text over 500
 * characters or with characters a text cell refuses, and a save that would
 * take the report's 说明 past MAX_EXPLANATIONS_BYTES.
 */
export function settleExplanations(sent: Record<string, string | null>, current: Fields, computed: Settled): Settled {
  const found = computed.validator.problems().filter((p) => p.severity === "warning");
  checkTexts(sent, new Map(found.map((p) => [p.id, p.message])));
  const warnings = new Set(found.map((p) => NOTE_PREFIX + p.id));
  const kept = (key: string) => !key.startsWith(NOTE_PREFIX) || warnings.has(key);
  const apply = computed.apply.filter((a) => kept(a.key));
  const after = { ...computed.after };
  for (const key of Object.keys(after)) if (!kept(key)) delete after[key];
  for (const [key, old] of Object.entries(current)) if (!kept(key)) apply.push({ key, old, new: null });
  const grows = Object.entries(sent).some(([id, text]) => text !== null && after[NOTE_PREFIX + id] !== undefined);
  if (grows && notesBytes(after) > MAX_EXPLANATIONS_BYTES) {
    throw new ApiError(
      "invalid_explanations",
      `上报说明未保存：本表的上报说明合计过长（超过 ${MAX_EXPLANATIONS_BYTES} 字节），请精简已有的说明后再保存`,
      { maxBytes: MAX_EXPLANATIONS_BYTES },
    );
  }
  return { apply, after, validator: computed.validator };
}

/** Size of `reports.notes` as D1 will store it. */
function notesBytes(after: Fields): number {
  const notes: Record<string, string> = {};
  for (const [key, text] of Object.entries(after))
    if (key.startsWith(NOTE_PREFIX)) notes[key.slice(NOTE_PREFIX.length)] = text;
  return new TextEncoder().encode(JSON.stringify(notes)).length;
}

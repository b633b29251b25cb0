import { z } from "zod";
import { unsafeTextReason } from "../safe-text";
import { isIsoDate } from "../time";

/**
 * Shared pieces of the API contract (`/api/v1`). Pure zod, no Workers or DOM
 * types: the Worker validates with these and the add-in client types its calls.
 */

/** Unit codes appear in URLs and in the `path` column ("/hs/hs-tunxi/"), so no "/". */
export const UnitCode = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, "单位编码只能使用字母、数字、- 和 _");

export const RoundId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "填报轮次编号只能使用小写字母、数字和连字符");

export const Role = z.enum(["filler", "reviewer", "admin"]);
export type Role = z.infer<typeof Role>;

/** A date that exists, as YYYY-MM-DD (2023-02-29 and 2022-13-45 are refused, not rolled over). */
export const IsoDate = z.string().refine(isIsoDate, "不是有效日期：应为 YYYY-MM-DD 格式的真实日期（如 2022-09-30）");

/**
 * Ids and counts in paths and queries are plain decimal digits, nothing else:
 * `Number()` would read 0x10, 1e1, +16, " 16" and 016 as numbers, so that
 * `DELETE /tokens/0x10` revoked token 16. No sign, no leading zero, no spaces,
 * at most 15 digits (exact in a double).
 */
const DECIMAL_ID = /^[1-9]\d{0,14}$/;
const DECIMAL_COUNT = /^(0|[1-9]\d{0,14})$/;

/** A positive id (token id, template version) in a path or query. */
export const IdParam = z
  .string()
  .regex(DECIMAL_ID, "编号应为正整数，只能使用十进制数字（如 16），不能有前导零、符号或空格")
  .transform(Number);

/** A count or cursor (0 or more) in a query. */
export const CountParam = z
  .string()
  .regex(DECIMAL_COUNT, "应为非负整数，只能使用十进制数字（如 0、500），不能有前导零、符号或空格")
  .transform(Number);

/**
 * Free text a client stores (token labels, return reasons) refuses what a text
 * cell refuses: control characters, bidi overrides, lone surrogates.
 */
export function safeText(what: string) {
  return (text: string, ctx: z.RefinementCtx): void => {
    const reason = unsafeTextReason(text);
    if (reason !== undefined) ctx.addIssue({ code: "custom", message: `${what}${reason}` });
  };
}

/** Instants are ISO 8601 UTC strings (`2022-09-01T02:00:00.000Z`). */
export const Instant = z.string();

/** The one error shape of every non-2xx answer. */
export const ApiError = z.object({
  error: z.object({
    /** English snake_case, stable; clients branch on it. */
    code: z.string(),
    /** zh-CN, shown to the clerk as is. */
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ApiError = z.infer<typeof ApiError>;

/**
 * Every error code the API answers with, and its HTTP status.
 * docs/api.md explains each one.
 */
export const ERROR_CODES = {
  invalid_request: 400,
  malformed_json: 400,
  unauthorized: 401,
  token_revoked: 401,
  token_expired: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  edit_conflict: 409,
  invalid_transition: 409,
  round_locked: 409,
  already_exists: 409,
  template_version_exists: 409,
  write_contention: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_cells: 422,
  invalid_template: 422,
  unknown_template: 422,
  unknown_unit: 422,
  has_errors: 422,
  missing_explanations: 422,
  invalid_explanations: 422,
  idempotency_key_reused: 422,
  // Uploading a form workbook (issue 13, worker/forms/import): why a file was refused, nothing stored.
  not_a_form: 422,
  wrong_form: 422,
  form_outdated: 422,
  layout_changed: 422,
  invalid_values: 422,
  precondition_required: 428,
  // Issue 13, a roster from any xlsx or csv (worker/forms/roster-file/): nothing is written.
  roster_header_not_found: 422,
  roster_file_empty: 422,
  roster_too_many_rows: 422,
  internal: 500,
  data_integrity: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

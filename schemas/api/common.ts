import { z } from "zod";

/**
 * Shared pieces of the API contract (`/api/v1`). Pure zod, no Workers or DOM
 * types: the Worker validates with these and the add-in client types its calls.
 */

/** Unit codes appear in URLs and in the `path` column ("/hs/hs-tunxi/"), so no "/". */
export const UnitCode = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, "单位编码只能使用字母、数字、- 和 _");

export const RoundId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "填报轮次编号只能使用小写字母、数字和连字符");

export const Role = z.enum(["filler", "reviewer", "admin"]);
export type Role = z.infer<typeof Role>;

export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD");

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
  idempotency_key_reused: 422,
  precondition_required: 428,
  internal: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

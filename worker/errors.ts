import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ZodError } from "zod";
import { ERROR_CODES, type ErrorCode } from "../schemas/api/common";
import type { AppEnv } from "./env";

/**
 * An answer that is not a success. Thrown anywhere in a handler; `onError` turns
 * it into `{error: {code, message, details}}` with the status of its code.
 */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.status = ERROR_CODES[code] as ContentfulStatusCode;
  }
}

export function errorResponse(c: Context, err: ApiError): Response {
  const body = {
    error: { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) },
  };
  return c.json(body, err.status, err.headers);
}

/** zod issues, without the offending input echoed back (it may be 10 MB). */
function issues(error: ZodError): { path: string; message: string; code: string }[] {
  return error.issues.slice(0, 50).map((i) => ({ path: i.path.join("."), message: i.message, code: i.code }));
}

/** The `defaultHook` of OpenAPIHono: any request that fails its zod schema is a 400. */
export function validationHook(
  result: { success: true } | { success: false; error: ZodError; target?: string },
  c: Context<AppEnv>,
): Response | undefined {
  if (result.success) return undefined;
  return errorResponse(c, new ApiError("invalid_request", "请求内容不符合要求", issues(result.error)));
}

export const onError: ErrorHandler<AppEnv> = (err, c) => {
  if (err instanceof ApiError) return errorResponse(c, err);
  if (err instanceof HTTPException) {
    if (err.status === 413) return errorResponse(c, new ApiError("payload_too_large", "提交的内容过大，请分批保存"));
    if (err.status === 415) {
      return errorResponse(
        c,
        new ApiError("unsupported_media_type", "请求内容应为 JSON（Content-Type: application/json）"),
      );
    }
    if (err.status === 400 && /json/i.test(err.message)) {
      return errorResponse(c, new ApiError("malformed_json", "请求内容不是有效的 JSON"));
    }
    if (err.status === 400) return errorResponse(c, new ApiError("invalid_request", "请求内容不符合要求"));
    if (err.status === 401) return errorResponse(c, new ApiError("unauthorized", "请先登录（缺少有效的访问令牌）"));
  }
  // Anything else is a bug or an outage: log it for `wrangler tail`, tell the
  // client nothing about internals.
  console.error("unhandled error", c.req.method, c.req.path, err);
  return errorResponse(c, new ApiError("internal", "服务器内部错误，请稍后重试"));
};

export const notFound: NotFoundHandler<AppEnv> = (c) => errorResponse(c, new ApiError("not_found", "请求的地址不存在"));

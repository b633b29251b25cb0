import { OpenAPIHono } from "@hono/zod-openapi";
import type { ZodType } from "zod";
import { ApiError as ApiErrorSchema } from "../schemas/api/common";
import type { AppEnv } from "./env";
import { validationHook } from "./errors";

/** A router whose zod failures all become `400 invalid_request`. */
export function newRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}

const ERROR_TEXT: Record<number, string> = {
  400: "请求不符合要求（invalid_request / malformed_json）",
  401: "缺少、无效或已撤销的访问令牌",
  403: "无权执行此操作",
  404: "不存在，或调用者无权知道它存在",
  409: "与当前状态冲突（details 说明当前状态或冲突的单元格）",
  412: "If-Match 与当前版本不符",
  413: "请求体过大",
  422: "内容无法接受（details 列出问题）",
  428: "缺少 If-Match",
};

/** Documented error answers for a route; every one has the `{error:{…}}` shape. */
export function errorResponses(...statuses: (keyof typeof ERROR_TEXT)[]) {
  const out: Record<
    number,
    { description: string; content: { "application/json": { schema: typeof ApiErrorSchema } } }
  > = {};
  for (const s of [401, ...statuses]) {
    out[s] = { description: ERROR_TEXT[s] ?? "错误", content: { "application/json": { schema: ApiErrorSchema } } };
  }
  return out;
}

export function json<T extends ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}

export function jsonBody<T extends ZodType>(schema: T) {
  return { required: true, content: { "application/json": { schema } } };
}

export const security = [{ bearer: [] }];

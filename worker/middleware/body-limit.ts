import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { ApiError } from "../errors";

/**
 * Largest request body. A full 名册 import of a few thousand rows fits; bigger
 * saves are split by the client. It also keeps every bound JSON value well
 * under D1's 2 MB limit.
 */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** A bigger body is a 413 `payload_too_large` before any route reads it. */
const jsonLimit = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new ApiError("payload_too_large", `提交的内容超过 ${MAX_BODY_BYTES / 1024 / 1024} MB，请分批保存`);
  },
});

/**
 * A form workbook upload (`…/reports/{unit}/import`) is a file, not a save to
 * split: its route holds the body to the xlsx reader's own cap, by
 * Content-Length and while it streams (worker/forms/import/body.ts), with a
 * message about the file. Only that route: any other keeps this limit.
 */
const OWN_LIMIT = /^\/api\/v1\/rounds\/[^/]+\/reports\/[^/]+\/import$/;

export const limitBody = createMiddleware(async (c, next) =>
  OWN_LIMIT.test(c.req.path) ? next() : jsonLimit(c, next),
);

import { bodyLimit } from "hono/body-limit";
import { ApiError } from "../errors";

/**
 * Largest request body. A full 名册 import of a few thousand rows fits; bigger
 * saves are split by the client. It also keeps every bound JSON value well
 * under D1's 2 MB limit.
 */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** A bigger body is a 413 `payload_too_large` before any route reads it. */
export const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new ApiError("payload_too_large", `提交的内容超过 ${MAX_BODY_BYTES / 1024 / 1024} MB，请分批保存`);
  },
});

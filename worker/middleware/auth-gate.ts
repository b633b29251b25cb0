import { createMiddleware } from "hono/factory";
import { requireAuth } from "../auth/authenticate";
import type { AppEnv } from "../env";
import { OPENAPI_PATH } from "../openapi";

/** Routes that answer without a token. */
const PUBLIC = new Set(["/api/v1/health", OPENAPI_PATH]);

/** Every /api/v1 route needs a bearer token (auth/authenticate.ts), except the PUBLIC ones. */
export const authGate = createMiddleware<AppEnv>(async (c, next) =>
  PUBLIC.has(c.req.path) ? next() : requireAuth(c, next),
);

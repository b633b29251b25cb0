import { cors } from "hono/cors";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";

/** CORS stays closed unless CORS_ORIGINS lists origins: the task pane is same-origin. */
export const corsFromEnv = createMiddleware<AppEnv>(async (c, next) => {
  const origins = (c.env.CORS_ORIGINS ?? "")
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean);
  if (origins.length === 0) return next();
  return cors({ origin: origins, exposeHeaders: ["ETag"], maxAge: 600 })(c, next);
});

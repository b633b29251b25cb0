import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";

/**
 * API answers are per caller and change with every save: no intermediary may
 * cache them. A route that sets its own Cache-Control keeps it.
 */
export const noStore = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (!c.res.headers.has("Cache-Control")) c.res.headers.set("Cache-Control", "no-store");
});

import { Hono } from "hono";
import type { AppEnv } from "./env";

/** Builds the Hono app; kept separate from the module entry so tests can import it. */
export function createApp(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/api/v1/health", (c) => c.json({ ok: true, version: c.env.APP_VERSION }));
  return app;
}

import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { secureHeaders } from "hono/secure-headers";
import { requireAuth } from "./auth/authenticate";
import type { AppEnv } from "./env";
import { ApiError, notFound, onError } from "./errors";
import { newRouter } from "./router";
import { changeRoutes } from "./changes/routes";
import { consolidationRoutes } from "./consolidation/routes";
import { docsRoutes } from "./docs/routes";
import { meRoutes } from "./me/routes";
import { reportRoutes } from "./reports/routes";
import { roundRoutes } from "./rounds/routes";
import { templateRoutes } from "./templates/routes";
import { tokenRoutes } from "./tokens/routes";
import type { OpenAPIHono } from "@hono/zod-openapi";

/**
 * Largest request body. A full 名册 import of a few thousand rows fits; bigger
 * saves are split by the client. It also keeps every bound JSON value well
 * under D1's 2 MB limit.
 */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** Routes that answer without a token. */
const PUBLIC = new Set(["/api/v1/health", "/api/v1/openapi.json"]);

/** Builds the app; kept separate from the module entry so tests can import it. */
export function createApp(): OpenAPIHono<AppEnv> {
  const app = newRouter();

  // API answers must not be framed, sniffed or cached by intermediaries.
  app.use("/api/*", secureHeaders());
  app.use("/api/*", async (c, next) => {
    await next();
    if (!c.res.headers.has("Cache-Control")) c.res.headers.set("Cache-Control", "no-store");
  });
  // CORS stays closed unless CORS_ORIGINS lists origins: the task pane is same-origin.
  app.use("/api/*", async (c, next) => {
    const origins = (c.env.CORS_ORIGINS ?? "").split(",").map((o) => o.trim()).filter(Boolean);
    if (origins.length === 0) return next();
    return cors({ origin: origins, exposeHeaders: ["ETag"], maxAge: 600 })(c, next);
  });
  app.use(
    "/api/*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError("payload_too_large", `提交的内容超过 ${MAX_BODY_BYTES / 1024 / 1024} MB，请分批保存`);
      },
    }),
  );
  app.use("/api/v1/*", async (c, next) => (PUBLIC.has(c.req.path) ? next() : requireAuth(c, next)));

  app.get("/api/v1/health", (c) => c.json({ ok: true, version: c.env.APP_VERSION }));

  const api = newRouter();
  for (const routes of [meRoutes, tokenRoutes, templateRoutes, roundRoutes, reportRoutes, consolidationRoutes, changeRoutes]) api.route("/", routes);
  app.route("/api/v1", api);

  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "hb_… token issued by POST /api/v1/tokens",
  });
  app.doc31("/api/v1/openapi.json", (c) => ({
    openapi: "3.1.0",
    info: {
      title: "汇表 Huibiao API",
      version: c.env.APP_VERSION,
      description: "Statistics forms of trade-union federations: reports, merge, workflow, audit. See docs/api.md.",
    },
  }));
  app.route("/", docsRoutes);

  app.onError(onError);
  app.notFound(notFound);
  return app;
}

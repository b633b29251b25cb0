import type { OpenAPIHono } from "@hono/zod-openapi";
import { secureHeaders } from "hono/secure-headers";
import { apiRoutes } from "./api";
import { docsRoutes } from "./docs/routes";
import type { AppEnv } from "./env";
import { notFound, onError } from "./errors";
import { authGate } from "./middleware/auth-gate";
import { limitBody } from "./middleware/body-limit";
import { corsFromEnv } from "./middleware/cors";
import { noStore } from "./middleware/no-store";
import { fillRoutes } from "./fill/routes";
import { documentApi } from "./openapi";
import { newRouter } from "./router";

/** Builds the app; kept separate from the module entry so tests can import it. */
export function createApp(): OpenAPIHono<AppEnv> {
  const app = newRouter();

  // API answers must not be framed, sniffed or cached by intermediaries.
  app.use("/api/*", secureHeaders());
  app.use("/api/*", noStore);
  app.use("/api/*", corsFromEnv);
  app.use("/api/*", limitBody);
  app.use("/api/v1/*", authGate);

  app.route("/api/v1", apiRoutes());
  documentApi(app);
  app.route("/", docsRoutes);
  // /fill.html's upload without script: the API's import, answered as a page (worker/fill/routes.ts).
  app.route(
    "/",
    fillRoutes(async (req, c) => app.fetch(req, c.env, executionCtxOf(c))),
  );

  app.onError(onError);
  app.notFound(notFound);
  return app;
}

/** The request's ExecutionContext, which Hono's getter throws for when there is none (some tests). */
function executionCtxOf(c: { executionCtx: ExecutionContext }): ExecutionContext | undefined {
  try {
    return c.executionCtx;
  } catch {
    return undefined;
  }
}

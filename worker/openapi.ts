import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./env";

export const OPENAPI_PATH = "/api/v1/openapi.json";

/**
 * The OpenAPI 3.1 document of every route mounted on `app`, generated from the
 * same zod schemas that validate the requests; the docs page (docs/routes.ts)
 * reads it.
 */
export function documentApi(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "hb_… token issued by POST /api/v1/tokens",
  });
  app.doc31(OPENAPI_PATH, (c) => ({
    openapi: "3.1.0",
    info: {
      title: "汇表 Huibiao API",
      version: c.env.APP_VERSION,
      description: "Statistics forms of trade-union federations: reports, merge, workflow, audit. See docs/api.md.",
    },
  }));
}

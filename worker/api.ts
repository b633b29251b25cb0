import type { OpenAPIHono } from "@hono/zod-openapi";
import { changeRoutes } from "./changes/routes";
import { consolidationRoutes } from "./consolidation/routes";
import type { AppEnv } from "./env";
import { exportRoutes } from "./exports/routes";
import { formDownloadRoutes } from "./forms/download-routes";
import { importRoutes } from "./forms/import-routes";
import { rosterFileRoutes } from "./forms/roster-file-routes";
import { integrityRoutes } from "./integrity/routes";
import { meRoutes } from "./me/routes";
import { piiRoutes } from "./pii/routes";
import { reportRoutes } from "./reports/routes";
import { roundRoutes } from "./rounds/routes";
import { newRouter } from "./router";
import { templateRoutes } from "./templates/routes";
import { tokenRoutes } from "./tokens/routes";

/** The resources under /api/v1: one router per folder of worker/. */
const RESOURCES = [
  meRoutes,
  tokenRoutes,
  templateRoutes,
  roundRoutes,
  reportRoutes,
  consolidationRoutes,
  exportRoutes,
  formDownloadRoutes,
  importRoutes,
  rosterFileRoutes,
  changeRoutes,
  piiRoutes,
  integrityRoutes,
];

export function apiRoutes(): OpenAPIHono<AppEnv> {
  const api = newRouter();
  // Liveness for deploy checks and monitors; public (middleware/auth-gate.ts).
  api.get("/health", (c) => c.json({ ok: true, version: c.env.APP_VERSION }));
  for (const routes of RESOURCES) api.route("/", routes);
  return api;
}

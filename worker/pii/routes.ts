import { createRoute, z } from "@hono/zod-openapi";
import { RoundId, UnitCode } from "../../schemas/api/common";
import { PaymentListRequest, RevealList, RevealRequest, RevealResponse } from "../../schemas/api/pii";
import { requireRole } from "../auth/scope";
import { consolidatedFor } from "../consolidation/service";
import { consolidationSheets } from "../exports/officer-sheets";
import { exportResponse } from "../exports/respond";
import { errorResponses, json, jsonBody, newRouter, security } from "../router";
import { piiOf } from "./report-crypto";
import { requireReveal, revealReport } from "./reveal";
import { listReveals, logReveal } from "./reveal-log";
import { rotateRoundKeys } from "./rotation";

/** Revealing sensitive values in full, and the log of every reveal (docs/privacy.md). */
export const piiRoutes = newRouter();

piiRoutes.openapi(
  createRoute({
    method: "post",
    path: "/rounds/{id}/reports/{unit}/reveal",
    tags: ["pii"],
    summary: "Sensitive values of a report in full, with a purpose; logged (reviewer/admin token with `pii`)",
    security,
    request: { params: z.object({ id: RoundId, unit: UnitCode }), body: jsonBody(RevealRequest) },
    responses: { 200: json(RevealResponse, "The values in full"), ...errorResponses(400, 403, 404) },
  }),
  async (c) => {
    const { id, unit } = c.req.valid("param");
    const body = c.req.valid("json");
    const values = await revealReport(piiOf(c.env), c.var.caller, { round: id, unit, ...body });
    return c.json({ values }, 200);
  },
);

for (const format of ["csv", "xlsx"] as const) {
  piiRoutes.openapi(
    createRoute({
      method: "post",
      path: `/rounds/{id}/consolidated/payment-list.${format}`,
      tags: ["pii"],
      summary: `The consolidation's export (${format.toUpperCase()}) with roster rows in full: a payment list; logged (reviewer/admin token with \`pii\`)`,
      security,
      request: { params: z.object({ id: RoundId }), body: jsonBody(PaymentListRequest) },
      responses: {
        200: { description: "The officer's sheets with 名册 rows unmasked" },
        ...errorResponses(400, 403, 404),
      },
    }),
    async (c) => {
      requireReveal(c.var.caller);
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      const statuses = (body.include ?? "submitted,approved").split(",").filter((t) => t !== "rows");
      const query = { unit: body.unit, include: [...statuses, "rows"].join(","), matrix: "true" as const };
      const pii = piiOf(c.env);
      const { consolidation, units, template } = await consolidatedFor(pii, c.var.caller, id, query, new Date(), true);
      const what = { export: `payment-list.${format}` };
      await logReveal(
        pii.db,
        c.var.caller,
        { round: id, unit: consolidation.unit.code, what, purpose: body.purpose },
        new Date().toISOString(),
      );
      return exportResponse(format, consolidationSheets(template, consolidation, units), {
        display: `${template.title}-${consolidation.unit.name}发放名单`,
        fallback: `${id}-${consolidation.unit.code}-payment-list`,
      });
    },
  );
}

piiRoutes.openapi(
  createRoute({
    method: "get",
    path: "/pii/reveals",
    tags: ["pii"],
    summary: "Every reveal of sensitive values, latest first (admin)",
    security,
    request: {
      query: z.object({
        before: z.coerce.number().int().positive().optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
    },
    responses: { 200: json(RevealList, "Latest first"), ...errorResponses(400, 403) },
  }),
  async (c) => {
    requireRole(c.var.caller, "admin");
    return c.json({ reveals: await listReveals(c.env.DB, c.req.valid("query")) }, 200);
  },
);

piiRoutes.openapi(
  createRoute({
    method: "post",
    path: "/pii/rotate",
    tags: ["pii"],
    summary: "Re-wrap every round data key with the current master key (the first of PII_MASTER_KEYS) (admin)",
    security,
    responses: {
      200: json(
        z.object({ current: z.string(), rewrapped: z.number().int(), remaining: z.number().int() }),
        "How many keys were re-wrapped; remaining 0 = the old master keys may leave the secret",
      ),
      ...errorResponses(403),
    },
  }),
  async (c) => {
    requireRole(c.var.caller, "admin");
    return c.json(await rotateRoundKeys(c.env.DB, c.env.PII_MASTER_KEYS), 200);
  },
);

import { createRoute, z } from "@hono/zod-openapi";
import { requireRole } from "../auth/scope";
import { errorResponses, json, newRouter, security } from "../router";
import { verifyReports } from "./verify";

export const integrityRoutes = newRouter();

const IntegrityQuery = z.object({
  round: z.string().min(1).max(100).optional(),
  after: z
    .string()
    .regex(/^[0-9]{1,15}$/)
    .transform(Number)
    .optional(),
});

const IntegrityResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBroken: z
    .object({ round: z.string(), unit: z.string(), version: z.number().int(), what: z.string() })
    .optional(),
  next: z.number().int().optional(),
});

integrityRoutes.openapi(
  createRoute({
    method: "get",
    path: "/integrity",
    tags: ["integrity"],
    summary: "Verify the audit hash chain and the stored reports against it (admin), one bounded page at a time",
    security,
    request: { query: IntegrityQuery },
    responses: { 200: json(IntegrityResult, "The first broken report, or ok"), ...errorResponses(400, 403) },
  }),
  async (c) => {
    requireRole(c.var.caller, "admin");
    const q = c.req.valid("query");
    return c.json(await verifyReports(c.env.DB, { round: q.round, after: q.after }), 200);
  },
);

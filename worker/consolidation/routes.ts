import { piiOf } from "../pii/report-crypto";
import { createRoute, z } from "@hono/zod-openapi";
import { ConsolidatedQuery, Consolidation } from "../../schemas/api/consolidation";
import { RoundId } from "../../schemas/api/common";
import { errorResponses, json, newRouter, security } from "../router";
import { consolidatedFor } from "./service";
import { Trend, TrendQuery } from "../../schemas/api/trend";
import { trendOf } from "./trend";

export const consolidationRoutes = newRouter();

const RoundParam = z.object({ id: RoundId });

consolidationRoutes.openapi(
  createRoute({
    method: "get",
    path: "/rounds/{id}/consolidated",
    tags: ["consolidation"],
    summary:
      "Sum of a subtree: per-cell totals, per-unit matrix, completeness, rules on the totals, 上报说明 (reviewer, admin)",
    description:
      "Sums the reports of every unit under `unit` (itself included) whose status is in `include`. Fillers get 403; " +
      "a reviewer may ask for any node of its own subtree (anything else is 404).",
    security,
    request: { params: RoundParam, query: ConsolidatedQuery },
    responses: { 200: json(Consolidation, "The consolidation"), ...errorResponses(400, 403, 404) },
  }),
  async (c) => {
    const { consolidation } = await consolidatedFor(
      piiOf(c.env),
      c.var.caller,
      c.req.valid("param").id,
      c.req.valid("query"),
    );
    return c.json(consolidation, 200);
  },
);

consolidationRoutes.openapi(
  createRoute({
    method: "get",
    path: "/trend",
    tags: ["consolidation"],
    summary: "One item consolidated over a subtree in every round of a form, oldest first (reviewer, admin)",
    description:
      "For every round of the template id (all versions) with a report in the subtree of `unit`: the sum of `key` " +
      "over its submitted and approved reports, read through each later version's `previous` (a key renamed in a " +
      "later version is its old name in older rounds). Fillers get 403; a reviewer may ask for any node of its own " +
      "subtree (anything else is 404); an unknown template is 404, a key the latest version does not have 400.",
    security,
    request: { query: TrendQuery },
    responses: { 200: json(Trend, "The key, round by round"), ...errorResponses(400, 403, 404) },
  }),
  async (c) => c.json(await trendOf(c.env.DB, c.var.caller, c.req.valid("query")), 200),
);

import { createRoute } from "@hono/zod-openapi";
import { ChangesQuery, ChangesResponse } from "../../schemas/api/changes";
import { readFeed } from "../db/feed";
import { errorResponses, json, newRouter, security } from "../router";

export const changeRoutes = newRouter();

changeRoutes.openapi(
  createRoute({
    method: "get",
    path: "/changes",
    tags: ["changes"],
    summary: "Events after a cursor that the caller may see (poll for live refresh)",
    security,
    request: { query: ChangesQuery },
    responses: { 200: json(ChangesResponse, "Events, oldest first, and the next cursor"), ...errorResponses(400) },
  }),
  async (c) => c.json(await readFeed(c.env.DB, c.var.caller, c.req.valid("query")), 200),
);

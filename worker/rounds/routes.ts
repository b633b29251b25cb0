import { createRoute, z } from "@hono/zod-openapi";
import { RoundId } from "../../schemas/api/common";
import { ReportList } from "../../schemas/api/reports";
import { CreateRoundRequest, Round, RoundList } from "../../schemas/api/rounds";
import { canSee, requireAuthor, requireRole } from "../auth/scope";
import { findUnit } from "../db/units";
import { newWriteId } from "../db/batch";
import { listReports } from "../db/reports";
import { findRound, listRounds, lockRound } from "../db/rounds";
import { ApiError } from "../errors";
import { errorResponses, json, jsonBody, newRouter, security } from "../router";
import { openRound } from "./open-round";

export const roundRoutes = newRouter();

const RoundParam = z.object({ id: RoundId });

async function visibleRound(db: D1Database, caller: Parameters<typeof findRound>[1], id: string): Promise<Round> {
  const round = await findRound(db, caller, id);
  if (!round) throw new ApiError("not_found", "找不到该填报轮次，或您无权查看", { round: id });
  return round;
}

roundRoutes.openapi(
  createRoute({
    method: "get",
    path: "/rounds",
    tags: ["rounds"],
    summary: "Rounds the caller takes part in",
    security,
    responses: { 200: json(RoundList, "Visible rounds, newest first"), ...errorResponses() },
  }),
  async (c) => c.json({ rounds: await listRounds(c.env.DB, c.var.caller) }, 200),
);

roundRoutes.openapi(
  createRoute({
    method: "post",
    path: "/rounds",
    tags: ["rounds"],
    summary:
      "Open a round: a template version for a period, due date and set of units (admin, or an author in its tree)",
    security,
    request: { body: jsonBody(CreateRoundRequest) },
    responses: {
      201: json(Round, "Opened; every reporting unit has a draft report"),
      ...errorResponses(400, 403, 409, 422),
    },
  }),
  async (c) => {
    requireAuthor(c.var.caller);
    const body = c.req.valid("json");
    const root = await findUnit(c.env.DB, body.rootUnit);
    // An author opens rounds in its own tree only; another tree's unit "does not exist" to it.
    if (root && !canSee(c.var.caller, root.path)) {
      throw new ApiError("unknown_unit", `单位 ${body.rootUnit} 不存在`, { units: [body.rootUnit] });
    }
    await openRound(c.env.DB, body);
    return c.json(await visibleRound(c.env.DB, c.var.caller, body.id), 201);
  },
);

roundRoutes.openapi(
  createRoute({
    method: "get",
    path: "/rounds/{id}",
    tags: ["rounds"],
    summary: "One round",
    security,
    request: { params: RoundParam },
    responses: { 200: json(Round, "The round"), ...errorResponses(400, 404) },
  }),
  async (c) => c.json(await visibleRound(c.env.DB, c.var.caller, c.req.valid("param").id), 200),
);

roundRoutes.openapi(
  createRoute({
    method: "get",
    path: "/rounds/{id}/reports",
    tags: ["rounds"],
    summary: "Status of every report of the round the caller may see",
    security,
    request: { params: RoundParam },
    responses: { 200: json(ReportList, "One row per visible unit"), ...errorResponses(400, 404) },
  }),
  async (c) => {
    const round = await visibleRound(c.env.DB, c.var.caller, c.req.valid("param").id);
    return c.json({ reports: await listReports(c.env.DB, c.var.caller, round.id) }, 200);
  },
);

roundRoutes.openapi(
  createRoute({
    method: "post",
    path: "/rounds/{id}/lock",
    tags: ["rounds"],
    summary: "Lock the round: no report can change any more (admin)",
    security,
    request: { params: RoundParam },
    responses: { 200: json(Round, "Locked"), ...errorResponses(400, 403, 404, 409) },
  }),
  async (c) => {
    requireRole(c.var.caller, "admin");
    const db = c.env.DB;
    const round = await visibleRound(db, c.var.caller, c.req.valid("param").id);
    const locked = await lockRound(db, {
      id: round.id,
      actor: c.var.caller,
      now: new Date().toISOString(),
      writeId: newWriteId(),
    });
    if (!locked) throw new ApiError("invalid_transition", "该填报轮次已锁定", { status: "locked" });
    return c.json(await visibleRound(db, c.var.caller, round.id), 200);
  },
);

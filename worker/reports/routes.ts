import { createRoute, z } from "@hono/zod-openapi";
import { RoundId, UnitCode } from "../../schemas/api/common";
import { History, PatchReportRequest, PatchReportResponse, Report, ReturnRequest } from "../../schemas/api/reports";
import { readHistory } from "../db/history";
import { readReport } from "../db/reports";
import { canSee } from "../auth/scope";
import { ApiError } from "../errors";
import { piiOf } from "../pii/report-crypto";
import { maskedHistory } from "../pii/history-masks";
import { etag, ifMatchVersion, reportBody, reportTemplate, visibleReport } from "./access";
import { previousOf } from "./previous";
import { errorResponses, json, jsonBody, newRouter, security } from "../router";
import { saveReport } from "./save";
import { readNotices, withNotices } from "../pii/notices";
import { transition, type Action } from "./workflow";

export const reportRoutes = newRouter();

const ReportParams = z.object({ id: RoundId, unit: UnitCode });
const IfMatch = z.object({
  "if-match": z.string().optional().openapi({ description: 'The ETag the client holds, e.g. "3"' }),
});
const PatchHeaders = IfMatch.extend({
  "idempotency-key": z
    .string()
    .regex(/^[\x21-\x7e]{1,200}$/, "Idempotency-Key 应为 1–200 个可见 ASCII 字符")
    .optional()
    .openapi({ description: "Any unique string per save (e.g. a UUID); a retry with the same key is applied once" }),
});

const PATH = "/rounds/{id}/reports/{unit}";

reportRoutes.openapi(
  createRoute({
    method: "get",
    path: PATH,
    tags: ["reports"],
    summary: "A report: values, 上报说明, status, version (ETag)",
    security,
    request: { params: ReportParams },
    responses: { 200: json(Report, "The report; ETag = its version"), ...errorResponses(400, 404) },
  }),
  async (c) => {
    const { id, unit } = c.req.valid("param");
    // The cross-unit notices read beside the report: the same wait, not a second one.
    const [s, notices] = await Promise.all([
      visibleReport(piiOf(c.env), c.var.caller, id, unit),
      readNotices(c.env.DB, id, unit),
    ]);
    // Last round's values, for the pane's live check of rules that read prev() (reports/previous.ts).
    const [body, previous] = await Promise.all([
      reportBody(c.env.DB, s, c.var.caller),
      reportTemplate(c.env.DB, s).then((template) => previousOf(c.env.DB, s.row, template)),
    ]);
    return c.json(withNotices(previous ? { ...body, previous } : body, notices), 200, {
      ETag: etag(s.row.version),
    });
  },
);

reportRoutes.openapi(
  createRoute({
    method: "patch",
    path: PATH,
    tags: ["reports"],
    summary: "Save cell changes made against a base version (merged cell by cell)",
    description:
      "If-Match must name the base version (= body.baseVersion). Changes by others since then are merged; " +
      "a cell both sides changed differently is a 409 edit_conflict and nothing is written. " +
      "With Idempotency-Key a retry returns the first answer and writes nothing.",
    security,
    request: { params: ReportParams, headers: PatchHeaders, body: jsonBody(PatchReportRequest) },
    responses: {
      200: json(PatchReportResponse, "Saved; ETag = the new version"),
      ...errorResponses(400, 403, 404, 409, 412, 413, 422, 428),
    },
  }),
  async (c) => {
    const { id, unit } = c.req.valid("param");
    const headers = c.req.valid("header");
    // The token is looked up inside the save's first read batch (worker/auth/authenticate.ts).
    const result = await saveReport(piiOf(c.env), c.var.deferredToken ?? c.var.caller, {
      round: id,
      unit,
      ifMatch: ifMatchVersion(headers["if-match"]),
      idempotencyKey: headers["idempotency-key"] ?? null,
      indexKey: c.env.PII_INDEX_KEY,
      body: c.req.valid("json"),
    });
    return c.json(result, 200, { ETag: etag(result.version) });
  },
);

const TRANSITION_ERRORS = errorResponses(400, 403, 404, 409, 412, 422, 428);

function transitionRoute(action: Exclude<Action, "return">, summary: string) {
  return createRoute({
    method: "post",
    path: `${PATH}/${action}`,
    tags: ["workflow"],
    summary,
    security,
    request: { params: ReportParams, headers: IfMatch },
    responses: { 200: json(Report, "The report after the transition"), ...TRANSITION_ERRORS },
  });
}

for (const [action, summary] of [
  ["submit", "Submit: every rule is re-run; errors block, warnings need a 上报说明 (filler, admin)"],
  ["approve", "Approve a submitted report; it becomes read-only (reviewer above the unit, admin)"],
] as const) {
  reportRoutes.openapi(transitionRoute(action, summary), async (c) => {
    const { id, unit } = c.req.valid("param");
    const ifMatch = ifMatchVersion(c.req.valid("header")["if-match"]);
    const report = await transition(piiOf(c.env), c.var.caller, { round: id, unit, ifMatch, action });
    return c.json(report, 200, { ETag: etag(report.version) });
  });
}

reportRoutes.openapi(
  createRoute({
    method: "post",
    path: `${PATH}/return`,
    tags: ["workflow"],
    summary: "Return a submitted report with a reason; it becomes editable (reviewer above the unit, admin)",
    security,
    request: { params: ReportParams, headers: IfMatch, body: jsonBody(ReturnRequest) },
    responses: { 200: json(Report, "The report after the transition"), ...TRANSITION_ERRORS },
  }),
  async (c) => {
    const { id, unit } = c.req.valid("param");
    const ifMatch = ifMatchVersion(c.req.valid("header")["if-match"]);
    const { reason } = c.req.valid("json");
    const report = await transition(piiOf(c.env), c.var.caller, { round: id, unit, ifMatch, action: "return", reason });
    return c.json(report, 200, { ETag: etag(report.version) });
  },
);

reportRoutes.openapi(
  createRoute({
    method: "get",
    path: `${PATH}/history`,
    tags: ["reports"],
    summary: "The audit trail of a report: who, when, what, cells old → new",
    security,
    request: { params: ReportParams },
    responses: { 200: json(History, "Oldest first"), ...errorResponses(400, 404) },
  }),
  async (c) => {
    const { id, unit } = c.req.valid("param");
    const s = await readReport(c.env.DB, id, unit, null);
    if (!s || !canSee(c.var.caller, s.row.unit_path)) {
      throw new ApiError("not_found", "找不到该报表，或您无权查看", { round: id, unit });
    }
    const entries = await readHistory(c.env.DB, s.row.id);
    return c.json({ entries: await maskedHistory(piiOf(c.env), s, entries) }, 200);
  },
);

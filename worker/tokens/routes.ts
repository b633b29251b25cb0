import { createRoute, z } from "@hono/zod-openapi";
import { CreatedToken, CreateTokenRequest, TokenInfo, TokenList } from "../../schemas/api/tokens";
import { IdParam } from "../../schemas/api/common";
import { DAY_MS } from "../../schemas/time";
import { requireRole } from "../auth/scope";
import { hashToken, newToken } from "../auth/token";
import { insertToken, listTokens, revokeToken } from "../db/tokens";
import { findUnit } from "../db/units";
import { ApiError } from "../errors";
import { errorResponses, json, jsonBody, newRouter, security } from "../router";

export const tokenRoutes = newRouter();

tokenRoutes.openapi(
  createRoute({
    method: "post",
    path: "/tokens",
    tags: ["tokens"],
    summary: "Issue a token (admin). The plaintext is returned this once only.",
    security,
    request: { body: jsonBody(CreateTokenRequest) },
    responses: { 201: json(CreatedToken, "The new token, with its plaintext"), ...errorResponses(400, 403, 422) },
  }),
  async (c) => {
    requireRole(c.var.caller, "admin");
    const body = c.req.valid("json");
    const unit = await findUnit(c.env.DB, body.unit);
    if (!unit) throw new ApiError("unknown_unit", `单位 ${body.unit} 不存在`);
    const unitIsRoot = unit.parent === null;
    if (body.permissions.includes("pii") && body.role === "filler") {
      // A filler sees its own unit's values in full already; revealing others' is for reviewers (docs/privacy.md).
      throw new ApiError("invalid_request", "查看个人信息的权限只能授予审核人员或管理员的令牌", {
        permissions: body.permissions,
      });
    }
    if (body.permissions.includes("author") && !(body.role === "admin" || (body.role === "reviewer" && unitIsRoot))) {
      // Forms are defined for a whole tree: by its root's officer (docs/definition-workbook.md).
      throw new ApiError("invalid_request", "制作表单的权限只能授予最上级单位的审核人员或管理员的令牌", {
        permissions: body.permissions,
      });
    }
    const token = newToken();
    const now = new Date();
    const { expiresInDays, ...fields } = body;
    const expiresAt = new Date(now.getTime() + expiresInDays * DAY_MS).toISOString();
    const info = await insertToken(c.env.DB, {
      ...fields,
      hash: await hashToken(token),
      now: now.toISOString(),
      expiresAt,
    });
    return c.json({ ...info, token }, 201);
  },
);

tokenRoutes.openapi(
  createRoute({
    method: "get",
    path: "/tokens",
    tags: ["tokens"],
    summary: "List tokens without their secrets (admin)",
    security,
    responses: { 200: json(TokenList, "Every token"), ...errorResponses(403) },
  }),
  async (c) => {
    requireRole(c.var.caller, "admin");
    return c.json({ tokens: await listTokens(c.env.DB) }, 200);
  },
);

tokenRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/tokens/{id}",
    tags: ["tokens"],
    summary: "Revoke a token (admin); revoking twice keeps the first time",
    security,
    request: { params: z.object({ id: IdParam }) },
    responses: { 200: json(TokenInfo, "The revoked token"), ...errorResponses(400, 403, 404) },
  }),
  async (c) => {
    requireRole(c.var.caller, "admin");
    const info = await revokeToken(c.env.DB, c.req.valid("param").id, new Date().toISOString());
    if (!info) throw new ApiError("not_found", "该令牌不存在");
    return c.json(info, 200);
  },
);

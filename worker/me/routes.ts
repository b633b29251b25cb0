import { createRoute } from "@hono/zod-openapi";
import { Me, UnitsResponse, UnitTreeNode } from "../../schemas/api/me";
import { visibleTree } from "../db/units";
import { errorResponses, json, newRouter, security } from "../router";

export const meRoutes = newRouter();

// The unit tree is recursive: the OpenAPI generator needs it as a named component
// ($ref) or it would recurse forever. On a lazy schema, .openapi() also tags the
// original instance that schemas/api shares with the add-in.
UnitTreeNode.openapi("UnitTreeNode");

meRoutes.openapi(
  createRoute({
    method: "get",
    path: "/me",
    tags: ["auth"],
    summary: "The caller: role, unit, label",
    security,
    responses: { 200: json(Me, "The caller"), ...errorResponses() },
  }),
  (c) => {
    const caller = c.var.caller;
    return c.json(
      {
        tokenId: caller.tokenId,
        role: caller.role,
        label: caller.label,
        unit: { code: caller.unit, name: caller.unitName, parent: caller.unitParent, path: caller.unitPath },
        permissions: [...caller.permissions],
        expiresAt: caller.expiresAt,
      },
      200,
    );
  },
);

meRoutes.openapi(
  createRoute({
    method: "get",
    path: "/units",
    tags: ["auth"],
    summary: "The unit tree the caller may see",
    security,
    responses: { 200: json(UnitsResponse, "Visible units as a forest"), ...errorResponses() },
  }),
  async (c) => c.json({ roots: await visibleTree(c.env.DB, c.var.caller) }, 200),
);

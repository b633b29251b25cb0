import { createRoute, z } from "@hono/zod-openapi";
import { PublishedTemplate, TemplateList } from "../../schemas/api/templates";
import { IdParam } from "../../schemas/api/common";
import { requireRole } from "../auth/scope";
import {
  definitionText,
  findTemplate,
  insertTemplate,
  listTemplates,
  loadTemplate,
  storedDefinition,
  templateVersions,
} from "../db/templates";
import { previousSourceIssues } from "../../schemas/previous";
import type { Template } from "../../schemas/template";
import { checkTemplate } from "../../schemas/check";
import { ApiError } from "../errors";
import { errorResponses, json, newRouter, security } from "../router";

export const templateRoutes = newRouter();

const TemplateKey = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/),
  version: IdParam,
});

templateRoutes.openapi(
  createRoute({
    method: "get",
    path: "/templates",
    tags: ["templates"],
    summary: "Published template versions",
    security,
    responses: { 200: json(TemplateList, "Every published version"), ...errorResponses() },
  }),
  async (c) => c.json({ templates: await listTemplates(c.env.DB) }, 200),
);

templateRoutes.openapi(
  createRoute({
    method: "get",
    path: "/templates/{id}/{version}",
    tags: ["templates"],
    summary: "One published template version",
    security,
    request: { params: TemplateKey },
    responses: { 200: json(PublishedTemplate, "The definition as published"), ...errorResponses(400, 404) },
  }),
  async (c) => {
    const { id, version } = c.req.valid("param");
    const template = await findTemplate(c.env.DB, id, version);
    if (!template) throw new ApiError("not_found", `模板 ${id} 第 ${version} 版不存在`);
    return c.json(template, 200);
  },
);

templateRoutes.openapi(
  createRoute({
    method: "post",
    path: "/templates",
    tags: ["templates"],
    summary: "Publish a template version (admin)",
    description:
      "The body is a template (docs/template-language.md), checked by the template checker. " +
      "A published id+version never changes: publishing the same content again answers 200, different content 409.",
    security,
    request: {
      body: { required: true, content: { "application/json": { schema: z.record(z.string(), z.unknown()) } } },
    },
    responses: {
      201: json(PublishedTemplate, "Published"),
      200: json(PublishedTemplate, "Already published with identical content"),
      ...errorResponses(400, 403, 409, 422),
    },
  }),
  async (c) => {
    requireRole(c.var.caller, "admin");
    const checked = checkTemplate(c.req.valid("json"));
    if (!checked.ok) throw new ApiError("invalid_template", "模板有错误，未发布", { errors: checked.errors });
    const t = checked.template;
    // `previous` names cells of the version before: checked here, where that version is known.
    const older = await olderVersion(c.env.DB, t);
    const previousIssues = older ? previousSourceIssues(t, older) : [];
    if (previousIssues.length > 0) {
      throw new ApiError("invalid_template", "模板有错误，未发布", { errors: previousIssues });
    }
    const inserted = await insertTemplate(c.env.DB, t, new Date().toISOString());
    if (!inserted && (await storedDefinition(c.env.DB, t.id, t.version)) !== definitionText(t)) {
      throw new ApiError(
        "template_version_exists",
        `模板 ${t.id} 第 ${t.version} 版已发布，内容不能更改；请发布新版本`,
      );
    }
    const published = await findTemplate(c.env.DB, t.id, t.version);
    if (!published) throw new Error("published template vanished");
    return inserted ? c.json(published, 201) : c.json(published, 200);
  },
);

/** The published version just before `t` (what its `previous` reads from), if any and if `previous` is used. */
async function olderVersion(db: D1Database, t: Template): Promise<Template | null> {
  if (t.previous.length === 0) return null;
  const before = (await templateVersions(db, t.id)).filter((v) => v < t.version).pop();
  return before === undefined ? null : loadTemplate(db, t.id, before);
}

import { createRoute, z } from "@hono/zod-openapi";
import { PublishedTemplate, TemplateList } from "../../schemas/api/templates";
import { IdParam } from "../../schemas/api/common";
import { requireAuthor } from "../auth/scope";
import { fileResponse, safeName } from "../exports/respond";
import { uploadedFile } from "../forms/import/body";
import { MAX_FILE_BYTES } from "../forms/import-routes";
import { XLSX_TYPE } from "../xlsx/write";
import { readDefinition } from "../../schemas/definition/read";
import { templateToDefinition } from "../../schemas/definition/write";
import type { TemplateIssue } from "../../schemas/check";
import { previousSourceIssues } from "../../schemas/previous";
import { Template } from "../../schemas/template";
import { definitionXlsx, readDefinitionFile } from "./definition-file";
import {
  definitionText,
  findTemplate,
  insertTemplate,
  listTemplates,
  loadTemplate,
  storedDefinition,
  templateVersions,
} from "../db/templates";
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

const BINARY = { schema: z.string().openapi({ format: "binary" }) };

templateRoutes.openapi(
  createRoute({
    method: "get",
    path: "/templates/{id}/{version}/definition.xlsx",
    tags: ["templates"],
    summary: "A published version as its definition workbook (表单 项目 表格 名册列 规则 …)",
    description:
      "The workbook an officer edits to make the next version (docs/definition-workbook.md); " +
      "posting it back to /templates publishes the same template.",
    security,
    request: { params: TemplateKey },
    responses: {
      200: { description: "The definition workbook", content: { [XLSX_TYPE]: BINARY } },
      ...errorResponses(400, 404),
    },
  }),
  async (c) => {
    const { id, version } = c.req.valid("param");
    const published = await findTemplate(c.env.DB, id, version);
    if (!published) throw new ApiError("not_found", `模板 ${id} 第 ${version} 版不存在`);
    const template = Template.parse(published.definition);
    const bytes = await definitionXlsx(templateToDefinition(template));
    const name = `${safeName(template.title)}（第 ${version} 版）表单定义.xlsx`;
    return fileResponse(bytes, XLSX_TYPE, name, `${id}-v${version}-definition.xlsx`);
  },
);

templateRoutes.openapi(
  createRoute({
    method: "post",
    path: "/templates",
    tags: ["templates"],
    summary: "Publish a template version (admin, or a root unit's reviewer with `author`)",
    description:
      "The body is a template as JSON (docs/template-language.md) or a definition workbook as xlsx " +
      "(docs/definition-workbook.md), checked by the template checker; a workbook's errors name their sheet, " +
      "row, column and character. A published id+version never changes: publishing the same content again " +
      "answers 200, different content 409.",
    security,
    request: {
      body: {
        required: false,
        content: {
          "application/json": { schema: z.record(z.string(), z.unknown()) },
          [XLSX_TYPE]: BINARY,
          "application/octet-stream": BINARY,
        },
      },
    },
    responses: {
      201: json(PublishedTemplate, "Published"),
      200: json(PublishedTemplate, "Already published with identical content"),
      ...errorResponses(400, 403, 409, 413, 415, 422),
    },
  }),
  async (c) => {
    requireAuthor(c.var.caller);
    const { template: t, at } = await templateOf(c.req.raw, c.req.valid("json"));
    // `previous` names cells of the version before: checked here, where that version is known.
    const older = await olderVersion(c.env.DB, t);
    const previousIssues = older ? previousSourceIssues(t, older) : [];
    if (previousIssues.length > 0) {
      throw new ApiError("invalid_template", "模板有错误，未发布", { errors: previousIssues.map(at) });
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

/**
 * The checked template of a publish request, its JSON or its definition workbook,
 * and how a later issue about it is said: at its path, or at its definition cell.
 */
async function templateOf(
  req: Request,
  json: unknown,
): Promise<{ template: Template; at: (issue: TemplateIssue) => unknown }> {
  const type = req.headers.get("content-type") ?? "";
  if (/^application\/json\b/i.test(type)) {
    const checked = checkTemplate(json);
    if (!checked.ok) throw new ApiError("invalid_template", "模板有错误，未发布", { errors: checked.errors });
    return { template: checked.template, at: (issue) => issue };
  }
  const read = readDefinition(await readDefinitionFile(await uploadedFile(req, MAX_FILE_BYTES)));
  if (!read.ok) {
    const first = read.issues[0]?.message;
    throw new ApiError("invalid_template", `表单定义有 ${read.issues.length} 处错误，未发布：${first}`, {
      errors: read.issues,
    });
  }
  return { template: read.template, at: read.at };
}

/** The published version just before `t` (what its `previous` reads from), if any and if `previous` is used. */
async function olderVersion(db: D1Database, t: Template): Promise<Template | null> {
  if (t.previous.length === 0) return null;
  const before = (await templateVersions(db, t.id)).filter((v) => v < t.version).pop();
  return before === undefined ? null : loadTemplate(db, t.id, before);
}

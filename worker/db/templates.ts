import type { PublishedTemplate, TemplateSummary } from "../../schemas/api/templates";
import type { Template } from "../../schemas/template";

interface TemplateRow {
  id: string;
  version: number;
  title: string;
  period: string;
  due_date: string;
  published_at: string;
  definition?: string;
}

function summary(row: TemplateRow): TemplateSummary {
  return {
    id: row.id,
    version: row.version,
    title: row.title,
    period: row.period,
    dueDate: row.due_date,
    publishedAt: row.published_at,
  };
}

export async function listTemplates(db: D1Database): Promise<TemplateSummary[]> {
  const { results } = await db
    .prepare("SELECT id, version, title, period, due_date, published_at FROM templates ORDER BY id, version")
    .all<TemplateRow>();
  return results.map(summary);
}

export async function findTemplate(db: D1Database, id: string, version: number): Promise<PublishedTemplate | null> {
  const row = await db
    .prepare(
      "SELECT id, version, title, period, due_date, published_at, definition FROM templates WHERE id = ? AND version = ?",
    )
    .bind(id, version)
    .first<TemplateRow>();
  if (!row) return null;
  return { ...summary(row), definition: JSON.parse(row.definition ?? "{}") as Record<string, unknown> };
}

/** The stored text of a checked template: the one form compared on re-publish. */
export function definitionText(template: Template): string {
  return JSON.stringify(template);
}

/** Inserts unless id+version exists; answers whether this call inserted it. */
export async function insertTemplate(db: D1Database, template: Template, now: string): Promise<boolean> {
  const res = await db
    .prepare(
      `INSERT INTO templates (id, version, title, period, due_date, definition, published_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id, version) DO NOTHING`,
    )
    .bind(
      template.id,
      template.version,
      template.title,
      template.period,
      template.dueDate,
      definitionText(template),
      now,
    )
    .run();
  return res.meta.changes === 1;
}

export async function storedDefinition(db: D1Database, id: string, version: number): Promise<string | null> {
  const row = await db
    .prepare("SELECT definition FROM templates WHERE id = ? AND version = ?")
    .bind(id, version)
    .first<{ definition: string }>();
  return row?.definition ?? null;
}

// Published versions never change, so a parsed definition can be kept for the
// life of the isolate.
const parsed = new Map<string, Template>();

/** The parsed definition of a published template version (the stored, checked form). */
export async function loadTemplate(db: D1Database, id: string, version: number): Promise<Template | null> {
  const key = `${id}@${version}`;
  const hit = parsed.get(key);
  if (hit) return hit;
  const text = await storedDefinition(db, id, version);
  if (text === null) return null;
  const template = JSON.parse(text) as Template;
  parsed.set(key, template);
  return template;
}

/** The published versions of a template id, ascending. */
export async function templateVersions(db: D1Database, id: string): Promise<number[]> {
  const { results } = await db
    .prepare("SELECT version FROM templates WHERE id = ? ORDER BY version")
    .bind(id)
    .all<{ version: number }>();
  return results.map((r) => r.version);
}

/**
 * A roster section is `kind: "roster"` (it was "list" until issue 10): the API
 * refuses the old word, and the D1 migration rewrites templates stored with it.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { definitionText } from "../../../worker/db/templates";
import { api, checked, FORM, seed, TOKENS } from "../helpers";

beforeAll(() => seed());

/** FORM with its roster section written the old way. */
function withOldKind<T extends { sections: readonly { kind: string }[] }>(t: T): T {
  return { ...t, sections: t.sections.map((s) => (s.kind === "roster" ? { ...s, kind: "list" } : s)) } as T;
}

/** The statements of the migration, as the tests applied them. */
function rosterMigration(): string[] {
  const m = env.TEST_MIGRATIONS.find((x) => x.name.endsWith("_roster_sections.sql"));
  if (!m) throw new Error("the roster migration is missing from worker/migrations");
  return m.queries;
}

describe('kind "roster"', () => {
  it('refuses a template that says kind "list": 422 invalid_template naming the path, in zh-CN', async () => {
    const i = FORM.sections.findIndex((s) => s.kind === "roster");
    const res = await api(TOKENS.admin, "POST", "/templates", withOldKind({ ...FORM, version: 7 }));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("invalid_template");
    expect(res.body.error.details.errors).toEqual([{ path: `sections[${i}].kind`, message: "无效输入" }]);
    expect((await api(TOKENS.admin, "GET", "/templates/test-jqzx/7")).status).toBe(404);
  });

  it("the migration rewrites a template stored the old way; it reads, re-publishes as identical and stays immutable", async () => {
    const t = checked({ ...FORM, id: "test-old-roster" });
    const text = definitionText(t);
    const old = definitionText(withOldKind(t));
    expect(old).not.toBe(text);
    await env.DB.prepare(
      "INSERT INTO templates (id, version, title, period, due_date, definition, published_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
      .bind(t.id, t.version, t.title, t.period, t.dueDate, old, "2024-01-01T00:00:00.000Z")
      .run();

    for (const q of rosterMigration()) await env.DB.prepare(q).run();

    const row = await env.DB.prepare("SELECT definition FROM templates WHERE id = ?")
      .bind(t.id)
      .first<{ definition: string }>();
    expect(row?.definition).toBe(text);
    const read = await api(TOKENS.filler, "GET", `/templates/${t.id}/1`);
    expect(read.status).toBe(200);
    expect(read.body.definition).toEqual(JSON.parse(text));
    const again = await api(TOKENS.admin, "POST", "/templates", { ...FORM, id: t.id });
    expect(again.status).toBe(200);
    await expect(env.DB.prepare("UPDATE templates SET title = 'x' WHERE id = ?").bind(t.id).run()).rejects.toThrow(
      /immutable/,
    );
    // Run again, nothing left to change: the other templates were already current.
    for (const q of rosterMigration()) await env.DB.prepare(q).run();
    expect(
      (await env.DB.prepare("SELECT definition FROM templates WHERE id = ?").bind(t.id).first<{ definition: string }>())
        ?.definition,
    ).toBe(text);
  });
});

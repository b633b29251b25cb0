import type { Permission } from "../schemas/api/tokens";
import type { Role } from "../schemas/api/common";
import type { Template } from "../schemas/template";
import type { UnitNode } from "../schemas/units/unit";
import { hashToken } from "../worker/auth/token";
import { definitionText } from "../worker/db/templates";

/**
 * SQL text that loads a unit forest, published templates, open rounds and
 * tokens into an empty database. Used by the start script (written to a .sql
 * file for `wrangler d1 execute DB --local --file`) and by the tests.
 *
 * Pure apart from hashing tokens (Web Crypto is asynchronous, hence the
 * Promise). Every value is a literal escaped by `sql()`; nothing is bound.
 */
export interface SeedRound {
  id: string;
  templateId: string;
  templateVersion: number;
  rootUnit: string;
  /** Default: every unit below the root. */
  units?: string[];
  period?: string;
  dueDate?: string;
}

export interface SeedToken {
  token: string;
  role: Role;
  unit: string;
  label: string;
  /** `pii`: may reveal sensitive values with a purpose (docs/privacy.md); `author`: define and publish forms. */
  permissions?: Permission[];
  /** Days the token works from `now`; none = no expiry (test seeds only: the API always sets one). */
  expiresInDays?: number;
}

export interface SeedInput {
  units: UnitNode[];
  /** Checked templates (the output of checkTemplate), stored exactly as given. */
  templates: Template[];
  rounds: SeedRound[];
  tokens: SeedToken[];
  /** ISO instant stamped on everything; default: now. */
  now?: string;
}

/** When a token issued at `now` for `days` days stops working (ISO instant). */
export function tokenExpiry(now: string, days: number): string {
  return new Date(Date.parse(now) + days * 86_400_000).toISOString();
}

/** A SQL literal. Strings are single-quoted with quotes doubled; NUL is refused. */
export function sql(value: string | number | null): string {
  if (value === null) return "NULL";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return String(value);
  }
  if (value.includes("\0")) throw new Error("NUL in a seed string");
  return `'${value.replace(/'/g, "''")}'`;
}

function unitRows(
  roots: UnitNode[],
): { code: string; name: string; parent: string | null; path: string; ord: number }[] {
  const rows: { code: string; name: string; parent: string | null; path: string; ord: number }[] = [];
  const stack = roots.map((node, ord) => ({ node, ord, parent: null as string | null, parentPath: "/" })).reverse();
  while (stack.length > 0) {
    const { node, ord, parent, parentPath } = stack.pop() as (typeof stack)[number];
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(node.code)) throw new Error(`bad unit code: ${node.code}`);
    const path = `${parentPath}${node.code}/`;
    rows.push({ code: node.code, name: node.name, parent, path, ord });
    const children = node.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) {
      stack.push({ node: children[i] as UnitNode, ord: i, parent: node.code, parentPath: path });
    }
  }
  return rows;
}

export async function seedStatements(input: SeedInput): Promise<string[]> {
  const now = input.now ?? new Date().toISOString();
  const out: string[] = [];
  const units = unitRows(input.units);
  const paths = new Map(units.map((u) => [u.code, u.path]));
  for (const u of units) {
    out.push(
      `INSERT INTO units (code, name, parent, path, ord) VALUES (${[u.code, u.name, u.parent, u.path, u.ord].map(sql).join(", ")});`,
    );
  }
  for (const t of input.templates) {
    out.push(
      `INSERT INTO templates (id, version, title, period, due_date, definition, published_at) VALUES (${[
        t.id,
        t.version,
        t.title,
        t.period,
        t.dueDate,
        definitionText(t),
        now,
      ]
        .map(sql)
        .join(", ")});`,
    );
  }
  for (const r of input.rounds) {
    const template = input.templates.find((t) => t.id === r.templateId && t.version === r.templateVersion);
    const rootPath = paths.get(r.rootUnit);
    if (!template) throw new Error(`round ${r.id}: template ${r.templateId}@${r.templateVersion} is not in the seed`);
    if (!rootPath) throw new Error(`round ${r.id}: unit ${r.rootUnit} is not in the seed`);
    out.push(
      `INSERT INTO rounds (id, template_id, template_version, period, due_date, root_unit, created_at) VALUES (${[
        r.id,
        r.templateId,
        r.templateVersion,
        r.period ?? template.period,
        r.dueDate ?? template.dueDate,
        r.rootUnit,
        now,
      ]
        .map(sql)
        .join(", ")});`,
    );
    const members =
      r.units ?? units.filter((u) => u.path.startsWith(rootPath) && u.path !== rootPath).map((u) => u.code);
    for (const unit of members) {
      if (!paths.get(unit)?.startsWith(rootPath)) throw new Error(`round ${r.id}: ${unit} is not below ${r.rootUnit}`);
      out.push(`INSERT INTO reports (round_id, unit) VALUES (${sql(r.id)}, ${sql(unit)});`);
    }
  }
  for (const t of input.tokens) {
    out.push(
      `INSERT INTO tokens (hash, role, unit, label, created_at, expires_at) VALUES (${[
        await hashToken(t.token),
        t.role,
        t.unit,
        t.label,
        now,
        t.expiresInDays === undefined ? null : tokenExpiry(now, t.expiresInDays),
      ]
        .map(sql)
        .join(", ")});`,
    );
    if (t.permissions?.length) {
      out.push(
        `UPDATE tokens SET permissions = ${sql(t.permissions.join(","))} WHERE hash = ${sql(await hashToken(t.token))};`,
      );
    }
  }
  return out;
}

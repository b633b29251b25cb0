import type { Unit, UnitTreeNode } from "../../schemas/api/me";
import type { Caller } from "../env";
import { visiblePaths } from "../scope";

interface UnitRow {
  code: string;
  name: string;
  parent: string | null;
  path: string;
}

export async function findUnit(db: D1Database, code: string): Promise<Unit | null> {
  return db.prepare("SELECT code, name, parent, path FROM units WHERE code = ?").bind(code).first<UnitRow>();
}

/** The caller's visible units as a forest, siblings in their printed order. */
export async function visibleTree(db: D1Database, caller: Caller): Promise<UnitTreeNode[]> {
  const scope = visiblePaths(caller, "path");
  const { results } = await db
    .prepare(`SELECT code, name, parent, path FROM units WHERE ${scope.sql} ORDER BY length(path), ord, code`)
    .bind(...scope.params)
    .all<UnitRow>();
  const nodes = new Map<string, UnitTreeNode>();
  const roots: UnitTreeNode[] = [];
  // Parents have shorter paths, so they are placed before their children.
  for (const row of results) {
    const node: UnitTreeNode = { code: row.code, name: row.name, children: [] };
    nodes.set(row.code, node);
    const parent = row.parent === null ? undefined : nodes.get(row.parent);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** Many units in one statement (json_each keeps it at one bound parameter). */
export async function findUnits(db: D1Database, codes: readonly string[]): Promise<Map<string, Unit>> {
  const { results } = await db
    .prepare("SELECT code, name, parent, path FROM units WHERE code IN (SELECT value FROM json_each(?))")
    .bind(JSON.stringify(codes))
    .all<UnitRow>();
  return new Map(results.map((u) => [u.code, u]));
}

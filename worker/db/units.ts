import type { Unit, UnitTreeNode } from "../../schemas/api/me";
import type { Caller } from "../env";
import { visiblePaths } from "./scope";

interface UnitRow {
  code: string;
  name: string;
  parent: string | null;
  path: string;
}

export async function findUnit(db: D1Database, code: string): Promise<Unit | null> {
  return db.prepare("SELECT code, name, parent, path FROM units WHERE code = ?").bind(code).first<UnitRow>();
}

/**
 * `WITH RECURSIVE unit_order(code, k)`: every unit below (and including) the
 * units matched by `seed`, with `k` its position in the official printed order —
 * tree pre-order, siblings by `ord` (as listed in the notices), not by code.
 * `ORDER BY unit_order.k` lists a parent before its children and a subtree
 * contiguously: each level appends "<ord, 6 digits>/<code>/" to its parent's key
 * (the code breaks ties of equal `ord` and keeps sibling subtrees apart).
 * `seed` is a WHERE condition on `units` (e.g. "parent IS NULL", "path = ?").
 */
export function unitOrderCte(seed: string): string {
  return `WITH RECURSIVE unit_order(code, k) AS (
    SELECT code, printf('%06d/%s/', ord, code) FROM units WHERE ${seed}
    UNION ALL
    SELECT u.code, o.k || printf('%06d/%s/', u.ord, u.code) FROM units u JOIN unit_order o ON u.parent = o.code
  )`;
}

/** The seed of `unitOrderCte` for what a caller sees: every root for an admin, else the caller's unit. */
export function callerOrderSeed(caller: Caller): { sql: string; params: string[] } {
  return caller.role === "admin"
    ? { sql: "parent IS NULL", params: [] }
    : { sql: "path = ?", params: [caller.unitPath] };
}

/** The caller's visible units as a forest, in the official printed order (see unitOrderCte). */
export async function visibleTree(db: D1Database, caller: Caller): Promise<UnitTreeNode[]> {
  const seed = callerOrderSeed(caller);
  const scope = visiblePaths(caller, "u.path");
  const { results } = await db
    .prepare(
      `${unitOrderCte(seed.sql)}
       SELECT u.code, u.name, u.parent, u.path FROM unit_order o JOIN units u ON u.code = o.code
        WHERE ${scope.sql} ORDER BY o.k`,
    )
    .bind(...seed.params, ...scope.params)
    .all<UnitRow>();
  const nodes = new Map<string, UnitTreeNode>();
  const roots: UnitTreeNode[] = [];
  // Pre-order: a parent is placed before its children, siblings in order.
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

/**
 * The node picker's data: the visible unit tree (`GET /units`) flattened into
 * the nodes an officer can consolidate — the round's root (the city) and every
 * node with sub-units of its own (a district, a 局(产业)工会) — and which one
 * to open first. Pure, tested without a DOM.
 */
import type { UnitTreeNode } from "../../../../schemas/api/me";

export interface NodeChoice {
  code: string;
  name: string;
  /** Depth below the first choice, for indentation. */
  depth: number;
  /** Units below it (all levels). */
  units: number;
}

function find(roots: readonly UnitTreeNode[], code: string): UnitTreeNode | undefined {
  for (const r of roots) {
    if (r.code === code) return r;
    const hit = find(r.children, code);
    if (hit) return hit;
  }
  return undefined;
}

function count(n: UnitTreeNode): number {
  return n.children.reduce((s, c) => s + 1 + count(c), 0);
}

/**
 * Where the officer starts: the round's root when it is visible (a city
 * reviewer, an admin), otherwise the caller's own unit (a district reviewer
 * sees only its subtree of a city-wide round).
 */
export function defaultNode(roots: readonly UnitTreeNode[], roundRoot: string, myUnit: string): string {
  return find(roots, roundRoot) ? roundRoot : myUnit;
}

/** The start node and every node with sub-units below it, in tree order. */
export function nodeChoices(roots: readonly UnitTreeNode[], start: string): NodeChoice[] {
  const top = find(roots, start);
  if (!top) return [];
  const out: NodeChoice[] = [];
  const walk = (n: UnitTreeNode, depth: number) => {
    if (depth === 0 || n.children.length > 0) out.push({ code: n.code, name: n.name, depth, units: count(n) });
    for (const c of n.children) walk(c, depth + 1);
  };
  walk(top, 0);
  return out;
}

/** Every visible unit's position in the printed order of the tree (depth first), for stable sheet columns. */
export function treeOrder(roots: readonly UnitTreeNode[]): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (n: UnitTreeNode) => {
    out.set(n.code, out.size);
    n.children.forEach(walk);
  };
  roots.forEach(walk);
  return out;
}

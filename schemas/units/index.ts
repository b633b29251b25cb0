import type { UnitNode } from "./unit";

export type { UnitNode } from "./unit";
export { HUANGSHAN } from "./huangshan";
export { SHANGHAI } from "./shanghai";

/** One unit of a tree, flattened with its position. */
export interface FlatUnit {
  code: string;
  name: string;
  /** Code of the parent unit; null for the root. */
  parent: string | null;
  /** 0 for the root. */
  depth: number;
  /** Codes from the root down to this unit, both included. */
  path: string[];
}

/** The tree in pre-order (a parent before its children, siblings in order). */
export function flattenUnits(root: UnitNode): FlatUnit[] {
  const out: FlatUnit[] = [];
  // Iterative so an unexpectedly deep tree cannot overflow the stack.
  const stack: { node: UnitNode; parentPath: string[] }[] = [{ node: root, parentPath: [] }];
  while (stack.length > 0) {
    const { node, parentPath } = stack.pop() as { node: UnitNode; parentPath: string[] };
    const path = [...parentPath, node.code];
    out.push({
      code: node.code,
      name: node.name,
      parent: parentPath.length > 0 ? (parentPath[parentPath.length - 1] as string) : null,
      depth: parentPath.length,
      path,
    });
    const children = node.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i] as UnitNode, parentPath: path });
  }
  return out;
}

/** The unit with `code` anywhere in the tree, or undefined. */
export function findUnit(root: UnitNode, code: string): UnitNode | undefined {
  const stack: UnitNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as UnitNode;
    if (node.code === code) return node;
    if (node.children) stack.push(...node.children);
  }
  return undefined;
}

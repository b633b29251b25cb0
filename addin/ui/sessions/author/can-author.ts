import type { Me } from "../../../../schemas/api/me";

/**
 * Whether the pane offers 新建表单: as the Worker decides (worker/auth/scope.ts),
 * an admin, or a reviewer at a root of the unit tree whose token carries `author`.
 */
export function canAuthor(me: Me): boolean {
  if (me.role === "admin") return true;
  return me.role === "reviewer" && me.unit.parent === null && (me.permissions ?? []).includes("author");
}

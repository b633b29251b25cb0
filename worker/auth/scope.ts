import type { Caller } from "../env";
import { ApiError } from "../errors";

/**
 * What a caller may see, in one place: an admin everything, a reviewer its
 * unit's subtree, a filler its own unit. Everything else is "does not exist"
 * (404) to them.
 */
export function canSee(caller: Caller, unitPath: string): boolean {
  switch (caller.role) {
    case "admin":
      return true;
    case "reviewer":
      return unitPath.startsWith(caller.unitPath);
    case "filler":
      return unitPath === caller.unitPath;
  }
}

/** May change values and submit: the unit's own fillers, and admins. */
export function canEdit(caller: Caller, unitPath: string): boolean {
  return caller.role === "admin" || (caller.role === "filler" && unitPath === caller.unitPath);
}

/**
 * May return or approve: admins, and reviewers strictly above the unit — a
 * reviewer does not approve its own unit's report; the level above does.
 */
export function canReview(caller: Caller, unitPath: string): boolean {
  if (caller.role === "admin") return true;
  return caller.role === "reviewer" && unitPath !== caller.unitPath && unitPath.startsWith(caller.unitPath);
}

/**
 * May define, publish and open forms: admins, and reviewers at a root of the unit
 * tree whose token carries `author` (a city federation's 保障部 officer); a
 * district's reviewer defines nothing for the whole city.
 */
export function canAuthor(caller: Caller): boolean {
  if (caller.role === "admin") return true;
  return caller.role === "reviewer" && caller.unitParent === null && caller.permissions.includes("author");
}

export function requireAuthor(caller: Caller): void {
  if (!canAuthor(caller)) throw new ApiError("forbidden", "您的账号没有制作和发布表单的权限");
}

/** Answers 403 unless the caller has one of `roles`. Checked before any lookup, so it reveals nothing. */
export function requireRole(caller: Caller, ...roles: Caller["role"][]): void {
  if (!roles.includes(caller.role)) throw new ApiError("forbidden", "您的账号没有执行此操作的权限");
}

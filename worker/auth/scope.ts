import type { Caller } from "../env";

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

/** The path range of units in a subtree: [path, path + 1) in byte order. */
export function subtreeRange(path: string): [string, string] {
  // "/" (0x2F) + 1 = "0" (0x30): every descendant path "/…/x/…" sorts in between.
  return [path, path.slice(0, -1) + "0"];
}

/**
 * A WHERE fragment restricting `column` (a unit path) to what the caller sees,
 * with its bound parameters.
 */
export function visiblePaths(caller: Caller, column: string): { sql: string; params: string[] } {
  switch (caller.role) {
    case "admin":
      return { sql: "1", params: [] };
    case "reviewer": {
      const [from, to] = subtreeRange(caller.unitPath);
      return { sql: `(${column} >= ? AND ${column} < ?)`, params: [from, to] };
    }
    case "filler":
      return { sql: `${column} = ?`, params: [caller.unitPath] };
  }
}

import type { Caller } from "../env";

/**
 * The caller's scope as SQL over unit paths: the database side of canSee
 * (auth/scope.ts), so a list shows exactly the units a single read would allow.
 */

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

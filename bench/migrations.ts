import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The statements of worker/migrations in order, for benchmarks that apply them to a
 * Miniflare D1 themselves (one statement per call: D1's exec takes no parameters).
 */
export function migrationStatements(): string[] {
  const dir = join("worker", "migrations");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .flatMap((file) =>
      readFileSync(join(dir, file), "utf8")
        .replace(/--[^\n']*$/gm, "")
        .split(/;\s*$/m)
        .map((s) => s.trim())
        .filter(Boolean),
    );
}

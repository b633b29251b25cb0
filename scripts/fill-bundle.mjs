/**
 * How /fill.html's script is bundled (scripts/build-addin.mjs builds it; a test
 * holds it to its targets): one classic script (iife, no module syntax), for
 * es2017, because the units this page is for run old browsers. The page loads
 * it with type="module", so a browser older than that never runs it and keeps
 * the page's plain form. Nothing of the rule engine or zod belongs in it.
 */
import { join } from "node:path";

/** @param {string} root the repository root */
export function fillBundle(root) {
  return {
    entryPoints: { fill: join(root, "addin", "fill", "fill-page.ts") },
    bundle: true,
    format: "iife",
    platform: "browser",
    target: ["es2017"],
    minify: true,
    legalComments: "none",
    charset: "utf8",
  };
}

/** Larger than this, something heavy (the engine, zod) was pulled in by an import. */
export const FILL_MAX_BYTES = 80 * 1024;

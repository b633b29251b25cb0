#!/usr/bin/env node
/**
 * Builds the task pane and the preview page into dist/addin/, which the Worker
 * serves as static assets (wrangler.toml [assets]); /api/* goes to the Worker.
 *
 *   taskpane.js, preview.js   esbuild bundles (ESM, browser, minified, sourcemaps)
 *   fill.js                   /fill.html for units without the add-in: a classic script (iife) for
 *                             es2017, since district offices run old browsers; loaded with
 *                             type="module" so that browsers older than that skip it and keep the
 *                             page's plain form (addin/fill/fill-page.ts)
 *   *.html, *.css, assets/    copied from addin/static/
 *
 * office.js is not part of the build: the pages Excel loads take it from
 * Microsoft's CDN (the npm package is unsupported; see addin/static/taskpane.html).
 * The preview never loads it, and the browser tests serve the package's copy in
 * place of the CDN (test/e2e/office-cdn.ts).
 */
import { build } from "esbuild";
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { fillBundle } from "./fill-bundle.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "dist", "addin");
// Built beside the target and swapped in at the end, so a running `wrangler dev`
// never serves a half-written directory.
const staging = join(root, "dist", "addin.building");

rmSync(staging, { recursive: true, force: true });
mkdirSync(staging, { recursive: true });

const result = await build({
  entryPoints: {
    taskpane: join(root, "addin", "excel", "taskpane.ts"),
    preview: join(root, "addin", "preview", "preview.ts"),
  },
  outdir: staging,
  bundle: true,
  format: "esm",
  platform: "browser",
  target: ["chrome100", "edge100", "safari15"],
  minify: true,
  sourcemap: true,
  metafile: true,
  legalComments: "none",
  logLevel: "warning",
  charset: "utf8",
});

const fill = await build({
  ...fillBundle(root),
  outdir: staging,
  sourcemap: true,
  metafile: true,
  logLevel: "warning",
});
Object.assign(result.metafile.outputs, fill.metafile.outputs);

cpSync(join(root, "addin", "static"), staging, { recursive: true });

rmSync(out, { recursive: true, force: true });
renameSync(staging, out);

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log("dist/addin bundles          raw        gzip");
for (const file of Object.keys(result.metafile.outputs).filter((f) => f.endsWith(".js"))) {
  const name = relative(staging, join(root, file));
  const body = readFileSync(join(out, name));
  console.log(`  ${name.padEnd(22)} ${kb(body.length).padStart(10)} ${kb(gzipSync(body).length).padStart(10)}`);
}
if (!["taskpane.html", "preview.html", "fill.html"].every((page) => existsSync(join(out, page)))) {
  console.error("addin/static is missing taskpane.html, preview.html or fill.html");
  process.exit(1);
}

#!/usr/bin/env node
/**
 * Builds the task pane and the preview page into dist/addin/, which the Worker
 * serves as static assets (wrangler.toml [assets]); /api/* goes to the Worker.
 *
 *   taskpane.js, preview.js   esbuild bundles (ESM, browser, minified, sourcemaps)
 *   *.html, *.css, assets/    copied from addin/static/
 *   office-js/                office.js and the Excel host files it loads at runtime,
 *                             from @microsoft/office-js, so nothing loads from a CDN
 */
import { build } from "esbuild";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

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

cpSync(join(root, "addin", "static"), staging, { recursive: true });

/**
 * office.js picks the host script (excel-win32-16.01.js, excel-web-16.00.js, …)
 * and its string table (zh-cn/office_strings.js) at runtime from its own folder.
 * Only the Excel hosts and the two UI languages are copied; the debug builds,
 * other Office apps and 200 locales would add ~80 MB for nothing.
 */
const officeSrc = join(root, "node_modules", "@microsoft", "office-js", "dist");
const officeOut = join(staging, "office-js");
mkdirSync(officeOut, { recursive: true });
const wanted = (name) =>
  !name.includes(".debug.") &&
  (name === "office.js" ||
    name === "o15apptofilemappingtable.js" ||
    name === "es6-promise.js" ||
    /^excel.*\.js$/.test(name));
for (const name of readdirSync(officeSrc)) {
  if (wanted(name)) cpSync(join(officeSrc, name), join(officeOut, name));
}
for (const locale of ["zh-cn", "en-us"]) {
  mkdirSync(join(officeOut, locale), { recursive: true });
  cpSync(join(officeSrc, locale, "office_strings.js"), join(officeOut, locale, "office_strings.js"));
}

rmSync(out, { recursive: true, force: true });
renameSync(staging, out);

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log("dist/addin bundles          raw        gzip");
for (const file of Object.keys(result.metafile.outputs).filter((f) => f.endsWith(".js"))) {
  const name = relative(staging, join(root, file));
  const body = readFileSync(join(out, name));
  console.log(`  ${name.padEnd(22)} ${kb(body.length).padStart(10)} ${kb(gzipSync(body).length).padStart(10)}`);
}
const officeBytes = walk(join(out, "office-js")).reduce((sum, f) => sum + statSync(f).size, 0);
console.log(`  office-js/ (copied)    ${kb(officeBytes).padStart(10)}`);
if (!existsSync(join(out, "taskpane.html")) || !existsSync(join(out, "preview.html"))) {
  console.error("addin/static is missing taskpane.html or preview.html");
  process.exit(1);
}

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

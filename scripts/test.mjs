#!/usr/bin/env node
// `npm test`: typecheck, lint, format check, build the task pane, make sure Chromium is there for the
// browser tests, then every vitest project (schemas, add-in, worker, e2e).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";

const bin = (name) => `node_modules/.bin/${name}`;

function step(title, cmd, args, options = {}) {
  console.log(`\n▶ ${title}`);
  const run = spawnSync(cmd, args, { stdio: "inherit", ...options });
  if (run.status !== 0) {
    console.error(`✖ ${title} failed`);
    process.exit(run.status ?? 1);
  }
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** LibreOffice recalculates downloaded forms in the workbook tests: the real spreadsheet engine here. */
export const SOFFICE = process.env.SOFFICE_PATH ?? "/usr/bin/soffice";

/** apt-get install, as root or through sudo -n. */
function aptInstall(pkg) {
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  const sudo = root ? [] : ["sudo", "-n"];
  const run = (args) =>
    spawnSync(sudo[0] ?? args[0], [...sudo.slice(1), ...(root ? args.slice(1) : args)], { stdio: "inherit" });
  if (run(["apt-get", "update"]).status === 0) run(["apt-get", "install", "-y", pkg]);
}

/** A program the tests need: installed with apt when missing, else a message saying exactly how. */
function ensureProgram({ path, pkg, why, env }) {
  if (existsSync(path)) return;
  console.log(`\n▶ ${why} need ${path}: installing it with apt (apt-get install -y ${pkg})`);
  aptInstall(pkg);
  if (!existsSync(path)) {
    console.error(
      `✖ ${why} need ${path} and it could not be installed.\n` +
        `  Install it with: apt-get install -y ${pkg}   (or set ${env} to the program)`,
    );
    process.exit(1);
  }
}

function ensureChromium() {
  const hasE2E = existsSync("test/e2e") && readdirSync("test/e2e").some((f) => f.endsWith(".test.ts"));
  if (hasE2E) ensureProgram({ path: CHROMIUM, pkg: "chromium", why: "The browser tests", env: "CHROMIUM_PATH" });
}

// Two programs: the Worker side has Workers types and no DOM; the add-in has the DOM and Office.js.
step("typecheck (schemas, worker, tests)", bin("tsc"), ["-p", "tsconfig.json", "--noEmit"]);
step("typecheck (add-in)", bin("tsc"), ["-p", "tsconfig.addin.json", "--noEmit"]);
// Browser tests run Node code and code evaluated in the page: Node, Workers (the seed) and DOM types.
step("typecheck (browser tests)", bin("tsc"), ["-p", "tsconfig.e2e.json", "--noEmit"]);
// The design's boundaries (eslint.config.js) and one formatting (Prettier).
step("lint (layers, Office.js only in addin/excel, no import cycles)", bin("eslint"), ["--max-warnings", "0", "."]);
step("format (prettier --check)", bin("prettier"), ["--check", "--log-level", "warn", "."]);
step("build task pane", process.execPath, ["scripts/build-addin.mjs"]);
ensureChromium();
ensureProgram({ path: SOFFICE, pkg: "libreoffice-calc-nogui", why: "The workbook tests", env: "SOFFICE_PATH" });
step("tests", bin("vitest"), ["run", ...process.argv.slice(2)]);

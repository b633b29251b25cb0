#!/usr/bin/env node
// `npm start`: build the task pane, create the embedded local D1 from the
// migrations, load the demo data, then run `wrangler dev` and print where to go.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";

const PORT = Number(process.env.PORT ?? 8787);
// Excel only loads add-ins over https: `npm start -- --https` serves with wrangler's local certificate.
const HTTPS = process.argv.includes("--https");
const wrangler = "node_modules/.bin/wrangler";
const STATE = ".wrangler/state";

function step(title, cmd, args) {
  console.log(`▶ ${title}`);
  const run = spawnSync(cmd, args, { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
  if (run.status !== 0) {
    console.error(run.stdout);
    console.error(`✖ ${title} failed`);
    process.exit(run.status ?? 1);
  }
  return run.stdout;
}

// Local secrets (gitignored): random keys once, kept across starts (docs/privacy.md).
{
  const vars = existsSync(".dev.vars") ? readFileSync(".dev.vars", "utf8") : "";
  const key = () => randomBytes(32).toString("base64");
  let more = "";
  if (!/^PII_MASTER_KEYS=/m.test(vars)) more += `PII_MASTER_KEYS="local1:${key()}"\n`;
  if (!/^PII_INDEX_KEY=/m.test(vars)) more += `PII_INDEX_KEY="${key()}"\n`;
  if (more) {
    writeFileSync(".dev.vars", (vars && !vars.endsWith("\n") ? vars + "\n" : vars) + more, { mode: 0o600 });
    console.log("▶ wrote random local PII_MASTER_KEYS / PII_INDEX_KEY to .dev.vars (gitignored)");
  }
}
step("building the task pane", process.execPath, ["scripts/build-addin.mjs"]);
// A fresh demo database each start: the seed is the demo, and migrations stay honest.
rmSync(`${STATE}/v3/d1`, { recursive: true, force: true });
step("applying D1 migrations (local)", wrangler, ["d1", "migrations", "apply", "DB", "--local", "--persist-to", STATE]);
mkdirSync(".wrangler", { recursive: true });
const tokens = JSON.parse(
  step("writing the demo seed", "node_modules/.bin/tsx", ["scripts/demo.ts", ".wrangler/demo-seed.sql"]),
);
step("loading the demo seed", wrangler, [
  "d1",
  "execute",
  "DB",
  "--local",
  "--persist-to",
  STATE,
  "--file",
  ".wrangler/demo-seed.sql",
]);

console.log(`▶ starting wrangler dev on port ${PORT}`);
const protocol = HTTPS ? ["--local-protocol", "https"] : [];
const dev = spawn(wrangler, ["dev", "--port", String(PORT), "--persist-to", STATE, "--ip", "127.0.0.1", ...protocol], {
  stdio: ["inherit", "pipe", "inherit"],
  detached: true, // its own process group: stopping it stops workerd too
});
dev.stdout.pipe(process.stdout);
const stop = () => {
  try {
    process.kill(-dev.pid, "SIGTERM");
  } catch {
    // already gone
  }
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
dev.on("exit", (code) => process.exit(code ?? 0));

const base = HTTPS ? `https://localhost:${PORT}` : `http://127.0.0.1:${PORT}`;
if (HTTPS) process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"; // our own health probe of the local certificate
for (let i = 0; i < 120; i++) {
  try {
    const res = await fetch(`${base}/api/v1/health`);
    if (res.ok) break;
  } catch {
    // not up yet
  }
  await new Promise((r) => setTimeout(r, 500));
}
console.log(`
汇表 Huibiao is running.

  预览 Preview (workbook + task pane):  ${base}/preview.html
  任务窗格 Task pane (for Excel):        ${base}/taskpane.html
  API docs:                            ${base}/api/docs
  OpenAPI:                             ${base}/api/v1/openapi.json

Demo tokens (local only; valid until ${tokens[0]?.expiresAt.slice(0, 10)}, the next npm start issues them afresh):
${tokens.map((t) => `  ${t.role.padEnd(8)} ${t.token.padEnd(26)} ${t.label}${t.permissions ? ` [${t.permissions}]` : ""}`).join("\n")}

Stop with Ctrl-C.`);

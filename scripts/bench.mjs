#!/usr/bin/env node
// Runs every bench/*.bench.ts in its own process (so one JIT's state does not
// colour the next) and lets each print its ratios against a same-run baseline.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const only = process.argv.slice(2);
const files = readdirSync("bench")
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
for (const file of files) {
  const run = spawnSync(join("node_modules", ".bin", "tsx"), [join("bench", file)], { stdio: "inherit" });
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);

/**
 * The real thing for browser tests: `wrangler dev` on a free port with a fresh
 * local D1 (migrations applied, demo data seeded), and the apt Chromium driven by
 * playwright-core. Nothing here downloads anything.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { demoStatements } from "../../scripts/demo";

const WRANGLER = "node_modules/.bin/wrangler";
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface RunningWorker {
  base: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

function run(args: string[]): void {
  const result = spawnSync(WRANGLER, args, { encoding: "utf8", env: { ...process.env, CI: "true" } });
  if (result.status !== 0) throw new Error(`wrangler ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
}

/**
 * A local D1 state directory with the migrations applied and the demo data
 * seeded (two wrangler CLI runs, ~15 s). The browser tests' global set-up
 * makes one per run and names it in HUIBIAO_E2E_STATE; each test file copies it.
 */
export async function seededState(): Promise<string> {
  const state = mkdtempSync(join(tmpdir(), "huibiao-e2e-"));
  run(["d1", "migrations", "apply", "DB", "--local", "--persist-to", state]);
  const seed = join(state, "seed.sql");
  writeFileSync(seed, (await demoStatements()).join("\n"));
  run(["d1", "execute", "DB", "--local", "--persist-to", state, "--file", seed]);
  return state;
}

/** Starts `wrangler dev` on a fresh database; `stop()` kills it and removes the database. */
export async function startWorker(): Promise<RunningWorker> {
  const seeded = process.env.HUIBIAO_E2E_STATE;
  let state: string;
  if (seeded) {
    state = mkdtempSync(join(tmpdir(), "huibiao-e2e-"));
    cpSync(seeded, state, { recursive: true });
  } else {
    state = await seededState();
  }
  return serve(state, 1);
}

async function serve(state: string, attempt: number): Promise<RunningWorker> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    WRANGLER,
    [
      "dev",
      "--port",
      String(port),
      "--ip",
      "127.0.0.1",
      "--persist-to",
      state,
      "--inspector-port",
      String(await freePort()),
      // Test-only keys of sensitive values (docs/privacy.md); a deployment uses `wrangler secret put`.
      "--var",
      `PII_MASTER_KEYS:e2e:${"ZTJl".padEnd(43, "A")}=`,
      "--var",
      `PII_INDEX_KEY:${"aW5kZXg".padEnd(43, "A")}=`,
    ],
    // Its own process group, so stopping it also stops the workerd processes it spawns.
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, CI: "true" }, detached: true },
  );
  const kill = (signal: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), signal);
    } catch {
      // already gone
    }
  };
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      // Another test file's wrangler or workerd may bind the free port between the check and the spawn.
      if (/Address already in use/.test(output) && attempt < 3) return serve(state, attempt + 1);
      throw new Error(`wrangler dev exited:\n${output}`);
    }
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      kill("SIGKILL");
      throw new Error(`wrangler dev did not answer within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    base,
    async stop() {
      const exited = new Promise((r) => child.once("exit", r));
      kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      kill("SIGKILL"); // anything of the group that ignored SIGTERM
      rmSync(state, { recursive: true, force: true });
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
    ],
  });
}

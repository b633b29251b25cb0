/**
 * Many writers on one report, over real HTTP against `wrangler dev` (workerd + local D1):
 * n clients PATCH n different cells of one report from the same version at once, as
 * colleagues filling one 名册 do. Subject: this tree. Baseline: the tree before the
 * contention fix (issue 12: up to 4 attempts, then 409 write_contention), taken from git
 * (`CONTENTION_BASE=<ref>` to choose another) and run in a second `wrangler dev` with its
 * own local D1, measured in the same run, the two interleaved trial by trial.
 *
 * Printed per n (1, 10, 30): the share of PATCHes acknowledged (200) and the latency
 * percentiles of all PATCHes, subject vs baseline; goal: 100 % acknowledged at 30.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { note, printReport } from "./harness";

const WRITERS = [1, 10, 30];
const TRIALS = Number(process.env.CONTENTION_TRIALS ?? 5);
const ADMIN = "hb_demo_admin";
const FILLER = "hb_demo_filler_tunxi"; // with the admin: two people on one district's form
const UNIT = "hs-tunxi";
const wrangler = resolve("node_modules/.bin/wrangler");
const tsx = resolve("node_modules/.bin/tsx");

const FORM = {
  id: "bench-contention",
  version: 1,
  title: "并发填报基准表",
  issuer: "基准市总工会",
  docNo: "基工〔2024〕2号",
  period: "2024年",
  dueDate: "2099-12-31",
  sections: [
    {
      kind: "roster",
      key: "roster",
      columns: [
        { key: "name", label: "姓名", type: "text" },
        { key: "amount", label: "资助金额", type: "money", unit: "元" },
      ],
    },
  ],
  rules: [],
};

function run(cwd: string, cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", env: { ...process.env, CI: "1" } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} in ${cwd}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** The commit before retry.ts came in, unless CONTENTION_BASE names one. */
function baselineRef(): string {
  if (process.env.CONTENTION_BASE) return process.env.CONTENTION_BASE;
  const added = run(".", "git", ["log", "--diff-filter=A", "--format=%H", "--", "worker/reports/retry.ts"])
    .trim()
    .split("\n")
    .at(-1);
  if (!added) throw new Error("worker/reports/retry.ts is not in git history: set CONTENTION_BASE");
  return `${added}^`;
}

interface Server {
  name: string;
  base: string;
  dev: ChildProcess;
  dir: string;
}

/** Migrations, the demo seed and `wrangler dev` for the tree in `dir`, on `port`. */
async function startServer(name: string, dir: string, port: number): Promise<Server> {
  const state = mkdtempSync(join(tmpdir(), `huibiao-contention-${name}-`));
  mkdirSync(join(dir, "dist", "addin"), { recursive: true }); // wrangler.toml's assets directory
  run(dir, wrangler, ["d1", "migrations", "apply", "DB", "--local", "--persist-to", state]);
  const seed = join(state, "seed.sql");
  run(dir, tsx, ["scripts/demo.ts", seed]);
  run(dir, wrangler, ["d1", "execute", "DB", "--local", "--persist-to", state, "--file", seed]);
  const dev = spawn(wrangler, ["dev", "--port", String(port), "--persist-to", state, "--ip", "127.0.0.1"], {
    cwd: dir,
    stdio: "ignore",
    detached: true, // its own process group: stopping it stops workerd too
    env: { ...process.env, CI: "1" },
  });
  const base = `http://127.0.0.1:${port}/api/v1`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {
      // not up yet
    }
    if (i > 240) throw new Error(`wrangler dev (${name}) did not start`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const server = { name, base, dev, dir: state };
  const t = await call(server, ADMIN, "POST", "/templates", FORM);
  if (t.status !== 201 && t.status !== 200) throw new Error(`${name}: POST /templates ${t.status} ${t.text}`);
  return server;
}

function stop(s: Server): void {
  try {
    process.kill(-(s.dev.pid as number), "SIGTERM");
  } catch {
    // already gone
  }
}

async function call(s: Server, token: string, method: string, path: string, body?: unknown, headers = {}) {
  const res = await fetch(`${s.base}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text };
}

interface Outcome {
  ms: number;
  result: string; // "200" or the error code
}

let rounds = 0;
/** One trial: a fresh round, then n PATCHes of n different roster cells from its version, all at once. */
async function trial(s: Server, n: number): Promise<Outcome[]> {
  const id = `bench-c-${++rounds}`;
  const r = await call(s, ADMIN, "POST", "/rounds", {
    id,
    templateId: FORM.id,
    templateVersion: 1,
    rootUnit: "hs",
    units: [UNIT],
  });
  if (r.status !== 201 && r.status !== 200) throw new Error(`${s.name}: POST /rounds ${r.status} ${r.text}`);
  const report = await call(s, FILLER, "GET", `/rounds/${id}/reports/${UNIT}`);
  const base = (JSON.parse(report.text) as { version: number }).version;
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const start = performance.now();
      const res = await call(
        s,
        i % 2 === 0 ? FILLER : ADMIN,
        "PATCH",
        `/rounds/${id}/reports/${UNIT}`,
        { baseVersion: base, changes: [{ cell: `roster.r${i + 1}.name`, value: `学生${i + 1}` }] },
        { "If-Match": `"${base}"` },
      );
      const ms = performance.now() - start;
      const code =
        res.status === 200 ? "200" : ((JSON.parse(res.text) as { error?: { code?: string } }).error?.code ?? "");
      return { ms, result: res.status === 200 ? "200" : `${res.status} ${code}` };
    }),
  );
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

function summary(outcomes: Outcome[]): { acked: number; p50: number; p90: number; p99: number; refusals: string } {
  const ms = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  const refused = new Map<string, number>();
  for (const o of outcomes) if (o.result !== "200") refused.set(o.result, (refused.get(o.result) ?? 0) + 1);
  return {
    acked: outcomes.filter((o) => o.result === "200").length / outcomes.length,
    p50: percentile(ms, 50),
    p90: percentile(ms, 90),
    p99: percentile(ms, 99),
    refusals: [...refused].map(([k, v]) => `${v}× ${k}`).join(", "),
  };
}

const ref = baselineRef();
const oldTree = mkdtempSync(join(tmpdir(), "huibiao-contention-old-"));
spawnSync("sh", ["-c", `git archive ${ref} | tar -x -C ${oldTree}`], { stdio: "inherit" });
symlinkSync(realpathSync("node_modules"), join(oldTree, "node_modules"));
const servers: Server[] = [];
try {
  const subject = await startServer("subject", resolve("."), 8791);
  servers.push(subject);
  const baseline = await startServer("baseline", oldTree, 8792);
  servers.push(baseline);
  for (const n of WRITERS) {
    await trial(subject, n); // warm-up
    await trial(baseline, n);
    const a: Outcome[] = [];
    const b: Outcome[] = [];
    for (let i = 0; i < TRIALS; i++) {
      a.push(...(await trial(subject, n)));
      b.push(...(await trial(baseline, n)));
    }
    const [sa, sb] = [summary(a), summary(b)];
    const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
    const ms = (s: ReturnType<typeof summary>) =>
      `p50 ${s.p50.toFixed(0)} / p90 ${s.p90.toFixed(0)} / p99 ${s.p99.toFixed(0)} ms`;
    note(`${n} writers: acknowledged`, `${pct(sa.acked)} vs ${pct(sb.acked)} before`, n === 30 ? "100 %" : "");
    note(`${n} writers: latency now`, ms(sa));
    note(`${n} writers: latency before`, ms(sb));
    if (sa.refusals || sb.refusals) note(`${n} writers: refused`, `now [${sa.refusals}] before [${sb.refusals}]`);
  }
  printReport(`Contention (wrangler dev + local D1 over HTTP, ${TRIALS} trials each; baseline ${ref})`);
} finally {
  for (const s of servers) {
    stop(s);
    rmSync(s.dir, { recursive: true, force: true });
  }
  rmSync(oldTree, { recursive: true, force: true });
}

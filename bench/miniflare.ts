/**
 * The Worker as deployed, for benchmarks: the bundle `wrangler deploy --dry-run`
 * produces, run inside Miniflare (workerd + a local D1) beside a baseline Worker
 * bound to the same database. The baseline does only bare SQL and is reached
 * through the same dispatchFetch hop, so a ratio compares the Worker with the
 * D1 work it cannot avoid. (Miniflare's Node-side D1 proxy, mf.getD1Database(),
 * costs a synchronous round trip per prepare()/bind(): a batch of 60 upserts
 * took ~440 ms through it against ~40 ms for a whole PATCH, a baseline that
 * would flatter the Worker by an order of magnitude.)
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { migrationStatements } from "./migrations";

/** The deployable bundle in a fresh temporary directory (`index.js` in it). */
export function bundleWorker(prefix: string): string {
  const outdir = mkdtempSync(join(tmpdir(), `huibiao-${prefix}-`));
  const build = spawnSync(join("node_modules", ".bin", "wrangler"), ["deploy", "--dry-run", "--outdir", outdir], {
    encoding: "utf8",
  });
  if (build.status !== 0) {
    console.error(build.stdout, build.stderr);
    process.exit(1);
  }
  return outdir;
}

/** `/baseline/sql` answers rows, `/baseline/exec` runs a batch, `/baseline/upsert` writes report cells. */
const BASELINE_WORKER = `
const UPSERT = "INSERT INTO report_cells (report_id, cell, value) VALUES (?, ?, ?) ON CONFLICT (report_id, cell) DO UPDATE SET value = excluded.value";
export default {
  async fetch(request, env) {
    const path = new URL(request.url).pathname;
    const body = request.method === "POST" ? await request.json() : null;
    if (path === "/baseline/sql") {
      const { results } = await env.DB.prepare(body.sql).bind(...body.params).all();
      return Response.json(results);
    }
    if (path === "/baseline/upsert") {
      await env.DB.batch(body.cells.map(([cell, value]) => env.DB.prepare(UPSERT).bind(body.report, cell, value)));
      return new Response("ok");
    }
    if (path === "/baseline/exec") {
      await env.DB.batch(body.map(([sql, params]) => env.DB.prepare(sql).bind(...params)));
      return new Response("ok");
    }
    return new Response("not found", { status: 404 });
  },
};`;

export interface BenchWorker {
  mf: Miniflare;
  /** A bare-SQL request to the baseline Worker; answers its body. */
  baseline(path: "sql" | "exec" | "upsert", body: unknown): Promise<string>;
  /** Statements with their parameters, run in batches inside workerd. */
  exec(statements: [string, unknown[]][], batch?: number): Promise<void>;
  /** Rows of one query, through the baseline. */
  rows<T>(sql: string, params?: unknown[]): Promise<T[]>;
  dispose(): Promise<void>;
}

/**
 * The bundle in `outdir` on `bench.test/api/*` and the baseline on
 * `bench.test/baseline/*`, sharing the D1 database `db`, migrations applied.
 */
export async function benchWorker(
  outdir: string,
  db: string,
  bindings: Record<string, string> = {},
): Promise<BenchWorker> {
  const mf = new Miniflare({
    workers: [
      {
        name: "huibiao",
        modules: true,
        scriptPath: join(outdir, "index.js"),
        modulesRoot: outdir,
        compatibilityDate: "2026-04-01",
        d1Databases: { DB: db },
        bindings: { APP_VERSION: "bench", ...bindings },
        routes: ["bench.test/api/*"],
      },
      {
        name: "baseline",
        modules: true,
        script: BASELINE_WORKER,
        compatibilityDate: "2026-04-01",
        d1Databases: { DB: db },
        routes: ["bench.test/baseline/*"],
      },
    ],
  });
  const baseline = async (path: string, body: unknown): Promise<string> => {
    const res = await mf.dispatchFetch(`http://bench.test/baseline/${path}`, {
      method: "POST",
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`baseline ${path}: ${res.status} ${text.slice(0, 300)}`);
    return text;
  };
  const exec = async (statements: [string, unknown[]][], batch = 1000): Promise<void> => {
    for (let i = 0; i < statements.length; i += batch) await baseline("exec", statements.slice(i, i + batch));
  };
  await exec(migrationStatements().map((s) => [s, []]));
  return {
    mf,
    baseline,
    exec,
    rows: async <T>(sql: string, params: unknown[] = []) => JSON.parse(await baseline("sql", { sql, params })) as T[],
    dispose: async () => {
      await mf.dispose();
      rmSync(outdir, { recursive: true, force: true });
    },
  };
}

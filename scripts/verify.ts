/**
 * npm run verify -- [--local | --url URL --token T] [--round ID]
 * Checks the audit hash chain and every report against it through
 * GET /api/v1/integrity (admin). --local = the `npm start` demo on
 * http://127.0.0.1:8787 with its demo admin token. Exit code 1 names the
 * first broken report; 2 = could not ask.
 */
import { verifyAll, type IntegrityPage } from "./integrity";

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const local = process.argv.includes("--local");
const base = (option("--url") ?? (local ? `http://127.0.0.1:${process.env.PORT ?? 8787}` : "")).replace(/\/$/, "");
const token = option("--token") ?? process.env.HUIBIAO_TOKEN ?? (local ? "hb_demo_admin" : "");
if (!base || !token) {
  console.error(
    "用法：npm run verify -- --local  或  npm run verify -- --url https://… --token <管理员令牌> [--round 轮次]",
  );
  process.exit(2);
}

try {
  const result = await verifyAll(async (query) => {
    const res = await fetch(`${base}/api/v1/integrity?${query}`, { headers: { Authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`GET /integrity: ${res.status} ${await res.text()}`);
    return (await res.json()) as IntegrityPage;
  }, option("--round"));
  console.log(result.message);
  process.exit(result.ok ? 0 : 1);
} catch (e) {
  console.error(`无法完成校验：${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
}

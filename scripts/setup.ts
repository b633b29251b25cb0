/**
 * First contents of a deployed Huibiao (README "Deploy to Cloudflare"):
 *
 *   tsx scripts/setup.ts sql <out.sql>
 *       writes the unit trees and a fresh admin token (hash only) as SQL for
 *       `wrangler d1 execute DB --remote --file <out.sql>`; prints the token once.
 *   tsx scripts/setup.ts publish <https://your-worker…> [--open-rounds]
 *       with HUIBIAO_TOKEN=<admin token>: publishes the five official templates
 *       through POST /api/v1/templates (the Worker checks them) and, with
 *       --open-rounds, opens one round per template to its city's units.
 */
import { writeFileSync } from "node:fs";
import { newToken } from "../worker/auth/token";
import { publishOfficial, setupStatements } from "./official";

const [command, arg, flag] = process.argv.slice(2);

if (command === "sql" && arg) {
  const token = newToken();
  writeFileSync(arg, (await setupStatements(token)).join("\n") + "\n");
  console.log(`已写入 ${arg}。管理员令牌（只显示这一次，请妥善保存）：\n${token}`);
} else if (command === "publish" && arg) {
  const token = process.env.HUIBIAO_TOKEN;
  if (!token) {
    console.error("请先设置环境变量 HUIBIAO_TOKEN（管理员令牌）");
    process.exit(2);
  }
  const base = arg.replace(/\/+$/, "");
  const lines = await publishOfficial(
    async (method, path, body) => {
      const res = await fetch(`${base}/api/v1${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: await res.json().catch(() => null) };
    },
    { openRounds: flag === "--open-rounds" },
  );
  for (const line of lines) console.log(line);
} else {
  console.error("用法：tsx scripts/setup.ts sql <out.sql> | publish <Worker 地址> [--open-rounds]");
  process.exit(2);
}

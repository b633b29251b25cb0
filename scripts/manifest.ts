/**
 * `npm run manifest -- https://<Worker> [--out <file>] [--version <a.b.c.d>]`
 *
 * Writes the add-in manifest for a deployed Worker (scripts/deployed-manifest.ts
 * says what changes) to dist/manifest/manifest.xml, or to --out. The development
 * manifest (manifest/manifest.xml, https://localhost:8787) is only read. The
 * written file passes the same offline checks as the development one
 * (test/manifest/manifest.test.ts).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deployedManifest, workerOrigin } from "./deployed-manifest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const USAGE =
  "用法：npm run manifest -- https://<Worker 地址> [--out <文件>] [--version <a.b.c.d>]\n" +
  "  例：npm run manifest -- https://huibiao.example.workers.dev\n" +
  "  默认写到 dist/manifest/manifest.xml；manifest/manifest.xml（本机开发用）不会被改动。";

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (!value || value.startsWith("--")) fail(`${name} 后面缺少值\n${USAGE}`);
  args.splice(i, 2);
  return value;
};
const out = resolve(option("--out") ?? join(root, "dist", "manifest", "manifest.xml"));
const version = option("--version");
const [address, ...rest] = args;
if (!address || rest.length > 0) fail(USAGE);

let xml: string;
try {
  const origin = workerOrigin(address);
  xml = deployedManifest(readFileSync(join(root, "manifest", "manifest.xml"), "utf8"), {
    origin,
    now: new Date(),
    version,
  });
} catch (e) {
  fail(`${(e as Error).message}\n${USAGE}`);
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, xml);
const written = /<Version>([^<]*)<\/Version>/.exec(xml)?.[1];
const id = /<Id>([^<]*)<\/Id>/.exec(xml)?.[1];
console.log(`已写入 ${out}
  版本 ${written}（每次生成都更高；管理中心只接受版本更高的更新）
  Id   ${id}（同一 Worker 地址始终相同）
下一步：由 IT 管理员在 Microsoft 365 管理中心 → 设置 → 集成应用 → 上传自定义应用 中上传此文件，
或放入共享文件夹目录（见 README「Roll it out」）。`);

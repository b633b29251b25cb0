/**
 * The manifest for a deployed Worker, written from the development manifest
 * (manifest/manifest.xml, everything below https://localhost:8787) by
 * `npm run manifest -- https://<Worker>` (scripts/manifest.ts). Pure: text in, text out.
 *
 * - URLs: every https://localhost:8787 becomes the Worker's origin. The Worker
 *   serves the task pane at its root and the pane calls /api/v1 on its own
 *   origin, so only an origin is accepted, never a path.
 * - Id: Office tells add-ins apart by <Id>. A deployment gets its own, derived
 *   from its origin (a name-based UUID in the development Id's namespace): the
 *   same every time it is written for that Worker, so an upload updates the
 *   add-in and workbooks tagged to reopen it keep working, yet it never clashes
 *   with a developer's sideloaded localhost copy.
 * - Version: the Microsoft 365 admin center updates an uploaded add-in only when
 *   the new manifest's version is greater. `<major>.<year>.<month·100+day>.<hour·100+minute>`
 *   (China time) grows with every run, on any machine, with nothing to remember.
 */
import { createHash } from "node:crypto";
import { chinaDateTime } from "../schemas/time";

export const DEV_ORIGIN = "https://localhost:8787";
const CHINA_OFFSET_MS = 8 * 3_600_000;
/** The manifest schema's VersionNumber: up to four dot-separated parts of up to five digits, no leading zeros. */
const VERSION = /^(0|[1-9]\d{0,4})(\.(0|[1-9]\d{0,4})){3}$/;

/** The origin of a Worker's address, or an Error saying (in zh-CN) what is wrong with it. */
export function workerOrigin(address: string): string {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new Error(`「${address}」不是一个网址，请写完整的地址，例如 https://huibiao.example.workers.dev`);
  }
  if (url.protocol !== "https:") throw new Error("Excel 只从 https 地址加载加载项，请使用 https:// 开头的地址");
  if (url.pathname !== "/" || url.search || url.hash || url.username || url.password) {
    throw new Error("请只写 Worker 的根路径（如 https://huibiao.example.workers.dev），不要带路径或参数");
  }
  return url.origin;
}

/** `<major>.<year>.<month·100+day>.<hour·100+minute>` of `now` in China, `major` from the development version. */
export function manifestVersion(devVersion: string, now: Date): string {
  const china = new Date(now.getTime() + CHINA_OFFSET_MS);
  const major = devVersion.split(".")[0] ?? "1";
  const monthDay = (china.getUTCMonth() + 1) * 100 + china.getUTCDate();
  const time = china.getUTCHours() * 100 + china.getUTCMinutes();
  return `${major}.${china.getUTCFullYear()}.${monthDay}.${time}`;
}

/** Orders manifest versions part by part, as numbers (Office compares them so). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < 4; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** A name-based (version 5, SHA-1) UUID of `name` in the namespace `namespace` (RFC 9562). */
function uuidV5(namespace: string, name: string): string {
  const bytes = createHash("sha1")
    .update(Buffer.from(namespace.replace(/-/g, ""), "hex"))
    .update(name, "utf8")
    .digest()
    .subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function element(xml: string, name: string): string {
  const m = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
  if (!m) throw new Error(`开发清单缺少 <${name}>`);
  return m[1] as string;
}

export interface DeployedManifestOptions {
  /** The Worker's address (see `workerOrigin`). */
  origin: string;
  now: Date;
  /** A version given by hand instead of the one from `now`. */
  version?: string;
}

export function deployedManifest(dev: string, options: DeployedManifestOptions): string {
  const origin = workerOrigin(options.origin);
  const version = options.version ?? manifestVersion(element(dev, "Version"), options.now);
  if (!VERSION.test(version)) throw new Error(`版本号「${version}」无效：应为四段数字，如 1.2.0.0`);
  if (!dev.includes(DEV_ORIGIN)) throw new Error(`开发清单中没有 ${DEV_ORIGIN}，无法替换为 Worker 地址`);
  const id = uuidV5(element(dev, "Id"), origin);
  const header = [
    "<!--",
    // No "--" in an XML comment, so the command is named without its arguments.
    `  汇表 Huibiao for the Worker at ${origin}, written by "npm run manifest" from manifest/manifest.xml`,
    `  on ${chinaDateTime(options.now)} (China time). Do not edit it: run the command again.`,
    "  Upload it in the Microsoft 365 admin center (Settings → Integrated apps → Upload custom apps)",
    '  or put it in the shared-folder catalog (README, "Roll it out").',
    "-->",
  ].join("\n");
  return dev
    .replace(/<!--[^]*?-->/, header)
    .replaceAll(DEV_ORIGIN, origin)
    .replace(/<Id>[^<]*<\/Id>/, `<Id>${id}</Id>`)
    .replace(/<Version>[^<]*<\/Version>/, `<Version>${version}</Version>`);
}

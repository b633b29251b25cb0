/**
 * `npm run manifest -- https://<Worker>` (scripts/manifest.ts): the manifest an
 * IT admin uploads for a deployed Worker. manifest.test.ts runs every offline
 * check on its output; this file checks what makes it deployable: the Worker's
 * URLs, an id of its own that stays the same, a version above the last upload,
 * and the development manifest left alone.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareVersions, deployedManifest, manifestVersion, workerOrigin } from "../../scripts/deployed-manifest";
import { child, parseXml } from "./strict-xml";

const root = join(__dirname, "..", "..");
const devPath = join(root, "manifest", "manifest.xml");
const dev = readFileSync(devPath, "utf8");
const ORIGIN = "https://huibiao.example-union.workers.dev";
const SEPT_1 = new Date("2026-09-01T01:30:00Z"); // 09:30 in China

const idOf = (xml: string) => child(parseXml(xml), "Id")?.text;
const versionOf = (xml: string) => child(parseXml(xml), "Version")?.text;

describe("the Worker's address", () => {
  it("is an https origin; a trailing slash is fine", () => {
    expect(workerOrigin("https://huibiao.example-union.workers.dev/")).toBe(ORIGIN);
    expect(workerOrigin("https://tj.gonghui.cn:8443")).toBe("https://tj.gonghui.cn:8443");
  });

  it("refuses http, a path, a query and what is no address, in words a person understands", () => {
    expect(() => workerOrigin("http://huibiao.example.org")).toThrow(/https/);
    expect(() => workerOrigin("https://example.org/huibiao")).toThrow(/根路径/);
    expect(() => workerOrigin("https://example.org/?a=1")).toThrow(/根路径/);
    expect(() => workerOrigin("huibiao.example.org")).toThrow(/地址/);
  });
});

describe("the deployed manifest", () => {
  const xml = deployedManifest(dev, { origin: ORIGIN, now: SEPT_1 });

  it("points everything at the Worker and nothing at localhost", () => {
    expect(xml).not.toContain("localhost");
    expect(xml).toContain(`<SourceLocation DefaultValue="${ORIGIN}/taskpane.html"/>`);
    expect(xml).toMatch(new RegExp(`^<\\?xml[^>]*>\\s*<!--[^]*?${ORIGIN.replace(/\./g, "\\.")}[^]*?-->`));
  });

  it("has an id of its own, the same every time it is written for that Worker", () => {
    const again = deployedManifest(dev, { origin: `${ORIGIN}/`, now: new Date("2027-01-01T00:00:00Z") });
    const other = deployedManifest(dev, { origin: "https://hs.example.org", now: SEPT_1 });
    expect(idOf(again)).toBe(idOf(xml));
    expect(idOf(xml)).not.toBe(idOf(dev));
    expect(idOf(other)).not.toBe(idOf(xml));
  });

  it("is versioned by when it was written (China time), so each new upload is above the last", () => {
    expect(versionOf(xml)).toBe("1.2026.901.930");
    expect(manifestVersion("1.0.0.0", new Date("2026-12-31T16:05:00Z"))).toBe("1.2027.101.5");
    const versions = ["2026-01-05T02:00:00Z", "2026-01-05T02:01:00Z", "2026-09-01T00:00:00Z", "2027-02-01T00:00:00Z"]
      .map((t) => manifestVersion("1.0.0.0", new Date(t)))
      .concat("1.0.0.0");
    expect([...versions].sort(compareVersions)).toEqual(["1.0.0.0", ...versions.slice(0, 4)]);
  });

  it("takes a version given by hand when it is a manifest version", () => {
    expect(versionOf(deployedManifest(dev, { origin: ORIGIN, now: SEPT_1, version: "2.0.3.1" }))).toBe("2.0.3.1");
    expect(() => deployedManifest(dev, { origin: ORIGIN, now: SEPT_1, version: "2.0.03" })).toThrow(/版本/);
  });
});

describe("npm run manifest", () => {
  const run = (...args: string[]) =>
    spawnSync(join(root, "node_modules", ".bin", "tsx"), [join(root, "scripts", "manifest.ts"), ...args], {
      cwd: root,
      encoding: "utf8",
    });

  it("writes the manifest where it is told and leaves the development manifest alone", () => {
    const out = join(mkdtempSync(join(tmpdir(), "huibiao-manifest-")), "nested", "huibiao.xml");
    const result = run(`${ORIGIN}/`, "--out", out);
    expect(result.status, result.stderr).toBe(0);
    const written = readFileSync(out, "utf8");
    expect(written).toContain(`${ORIGIN}/taskpane.html`);
    expect(result.stdout).toContain(out);
    expect(result.stdout).toContain(versionOf(written));
    expect(readFileSync(devPath, "utf8")).toBe(dev);
  });

  it("says how to call it when the address is missing or wrong", () => {
    const missing = run();
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("npm run manifest -- https://");
    const plain = run("http://huibiao.example.org");
    expect(plain.status).toBe(2);
    expect(plain.stderr).toMatch(/https/);
  });
});

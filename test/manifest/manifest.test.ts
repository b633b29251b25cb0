/**
 * Offline checks of the add-in's manifests: what Office's sideloading and the
 * Microsoft 365 admin center reject and what the online validator would flag,
 * without the network. The same checks run on the development manifest
 * (manifest/manifest.xml, https://localhost:8787) and on one written by
 * `npm run manifest -- <Worker>` for a deployed Worker (scripts/manifest.ts).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OfficeAddinManifest } from "office-addin-manifest";
import { describe, expect, it } from "vitest";
import { DEV_ORIGIN, deployedManifest } from "../../scripts/deployed-manifest";
import { child, descendants, parseXml, type XmlElement } from "./strict-xml";

const root = join(__dirname, "..", "..");
const devPath = join(root, "manifest", "manifest.xml");
const devSource = readFileSync(devPath, "utf8");
const DEPLOYED_ORIGIN = "https://huibiao.example-union.workers.dev";
const deployedPath = join(mkdtempSync(join(tmpdir(), "huibiao-manifest-")), "manifest.xml");
writeFileSync(
  deployedPath,
  deployedManifest(devSource, { origin: DEPLOYED_ORIGIN, now: new Date("2026-09-01T01:30:00Z") }),
);

const MANIFESTS = [
  { label: "manifest/manifest.xml (development)", path: devPath, origin: DEV_ORIGIN, version: "1.0.0.0" },
  { label: "a deployed Worker's manifest", path: deployedPath, origin: DEPLOYED_ORIGIN, version: "1.2026.901.930" },
];

/** Order of the OfficeApp children in the TaskPaneApp schema (optional ones may be absent). */
const OFFICE_APP_ORDER = [
  "Id",
  "AlternateId",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "IconUrl",
  "HighResolutionIconUrl",
  "SupportUrl",
  "AppDomains",
  "Hosts",
  "Requirements",
  "DefaultSettings",
  "Permissions",
  "AllowSnapshot",
  "VersionOverrides",
];

const REQUIRED = [
  "Id",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "IconUrl",
  "HighResolutionIconUrl",
  "Hosts",
  "DefaultSettings",
  "Permissions",
  "VersionOverrides",
];

function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  expect(b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(b.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

function must(el: XmlElement | undefined, what: string): XmlElement {
  if (!el) throw new Error(`清单缺少 ${what}`);
  return el;
}

describe("the strict XML reader", () => {
  it("rejects what Office would reject", () => {
    expect(() => parseXml("<a><b></a></b>")).toThrow(/不匹配/);
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow(/重复/);
    expect(() => parseXml("<a x=1/>")).toThrow(/引号/);
    expect(() => parseXml("<a>R&D</a>")).toThrow(/&/);
    expect(() => parseXml("<a/><b/>")).toThrow(/根元素/);
    expect(parseXml("<a>x &amp; y</a>").text).toBe("x & y");
  });
});

describe.each(MANIFESTS)("$label", ({ path: manifestPath, origin, version }) => {
  const source = readFileSync(manifestPath, "utf8");
  const app = parseXml(source);
  const taskpaneUrl = `${origin}/taskpane.html`;

  it("is well-formed XML with an OfficeApp TaskPaneApp root", () => {
    expect(app.name).toBe("OfficeApp");
    expect(app.attrs.xmlns).toBe("http://schemas.microsoft.com/office/appforoffice/1.1");
    expect(app.attrs["xsi:type"]).toBe("TaskPaneApp");
  });

  it("has the required elements in schema order", () => {
    const names = app.children.map((c) => c.name);
    for (const name of REQUIRED) expect(names, name).toContain(name);
    const positions = names.map((n) => OFFICE_APP_ORDER.indexOf(n));
    expect(
      positions.every((p) => p >= 0),
      `unknown element in ${names.join(",")}`,
    ).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it("identifies itself: fixed GUID, 4-part version, zh-CN name and description", () => {
    expect(must(child(app, "Id"), "Id").text).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(must(child(app, "Version"), "Version").text).toBe(version);
    expect(must(child(app, "DefaultLocale"), "DefaultLocale").text).toBe("zh-CN");
    expect(must(child(app, "DisplayName"), "DisplayName").attrs.DefaultValue).toBe("汇表");
    const description = must(child(app, "Description"), "Description").attrs.DefaultValue ?? "";
    expect(description).toMatch(/[\u4e00-\u9fff]/);
    expect(description.length).toBeLessThanOrEqual(250);
    expect(must(child(app, "ProviderName"), "ProviderName").text).not.toBe("");
  });

  it("targets Excel workbooks with ExcelApi 1.9 and opens the task pane from the ribbon", () => {
    const hosts = must(child(app, "Hosts"), "Hosts").children.map((h) => h.attrs.Name);
    expect(hosts).toEqual(["Workbook"]);
    const sets = descendants(must(child(app, "Requirements"), "Requirements")).filter((e) => e.name === "Set");
    expect(sets.map((s) => [s.attrs.Name, s.attrs.MinVersion])).toEqual([["ExcelApi", "1.9"]]);
    const overrides = must(child(app, "VersionOverrides"), "VersionOverrides");
    const action = descendants(overrides).find((e) => e.name === "Action");
    expect(action?.attrs["xsi:type"]).toBe("ShowTaskpane");
    const resid = action && child(action, "SourceLocation")?.attrs.resid;
    const url = descendants(overrides).find((e) => e.name === "bt:Url" && e.attrs.id === resid);
    expect(url?.attrs.DefaultValue).toBe(taskpaneUrl);
    expect(
      must(child(must(child(app, "DefaultSettings"), "DefaultSettings"), "SourceLocation"), "SourceLocation").attrs
        .DefaultValue,
    ).toBe(taskpaneUrl);
  });

  it("says which ExcelApi set each optional feature needs", () => {
    const requirements = source.slice(source.indexOf("<Requirements>"), source.indexOf("</Requirements>"));
    for (const set of ["1.9", "1.10", "1.13", "1.14", "1.18", "1.20"]) expect(requirements).toContain(`${set}:`);
  });

  it("reopens its task pane with a workbook that holds a form (Office.AutoShowTaskpaneWithDocument)", () => {
    // Microsoft Learn, "Automatically open a task pane with a document": the pane whose
    // TaskpaneId is Office.AutoShowTaskpaneWithDocument opens when the document is tagged.
    const actions = descendants(app).filter((e) => e.name === "Action" && e.attrs["xsi:type"] === "ShowTaskpane");
    expect(actions.map((a) => child(a, "TaskpaneId")?.text)).toEqual(["Office.AutoShowTaskpaneWithDocument"]);
  });

  it("resolves every resid to a resource, and resource ids are unique and short", () => {
    const resources = descendants(must(child(app, "VersionOverrides"), "VersionOverrides")).filter(
      (e) => ["bt:Image", "bt:Url", "bt:String"].includes(e.name) && e.attrs.id,
    );
    const ids = resources.map((r) => r.attrs.id as string);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id.length, id).toBeLessThanOrEqual(32);
    for (const e of descendants(app).filter((d) => d.attrs.resid)) expect(ids, e.attrs.resid).toContain(e.attrs.resid);
    for (const s of resources.filter((r) => r.name === "bt:String" && r.attrs.DefaultValue)) {
      const short = descendants(app).some((d) => d.name === "bt:ShortStrings" && d.children.includes(s));
      expect((s.attrs.DefaultValue as string).length).toBeLessThanOrEqual(short ? 125 : 250);
    }
  });

  it("uses https for every URL", () => {
    const urls = [
      ...descendants(app).flatMap((e) => Object.values(e.attrs).filter((v) => /^[a-z]+:\/\//i.test(v))),
      ...descendants(app)
        .filter((e) => e.name === "AppDomain")
        .map((e) => e.text),
    ].filter((u) => !u.startsWith("http://schemas.microsoft.com/") && !u.startsWith("http://www.w3.org/"));
    expect(urls.length).toBeGreaterThan(5);
    for (const u of urls) expect(u, u).toMatch(/^https:\/\//);
  });

  it("points every URL at its own Worker, and lists no AppDomain that changes nothing", () => {
    const urls = descendants(app)
      .flatMap((e) => Object.values(e.attrs))
      .filter((v) => /^https:\/\//.test(v));
    for (const u of urls) expect(u.startsWith(`${origin}/`), u).toBe(true);
    // Microsoft Learn, "AppDomain element": listing the SourceLocation's own domain has no
    // effect and may mislead; office.js from the CDN is a script, which needs no AppDomain.
    for (const domain of descendants(app).filter((e) => e.name === "AppDomain")) {
      expect(domain.text).toMatch(/^https:\/\/[^/]+$/);
      expect(domain.text).not.toBe(origin);
    }
  });

  it("points every icon at a PNG in addin/static/assets with the size it is declared at", () => {
    const icons: { url: string; size: number }[] = [
      { url: must(child(app, "IconUrl"), "IconUrl").attrs.DefaultValue as string, size: 32 },
      {
        url: must(child(app, "HighResolutionIconUrl"), "HighResolutionIconUrl").attrs.DefaultValue as string,
        size: 64,
      },
    ];
    const images = descendants(app).filter((e) => e.name === "bt:Image");
    for (const img of images.filter((e) => e.attrs.size)) {
      const res = images.find((r) => r.attrs.id === img.attrs.resid);
      icons.push({
        url: must(res, `bt:Image ${img.attrs.resid}`).attrs.DefaultValue as string,
        size: Number(img.attrs.size),
      });
    }
    expect(new Set(icons.map((i) => i.size))).toEqual(new Set([16, 32, 64, 80]));
    for (const { url, size } of icons) {
      expect(url.startsWith(`${origin}/`), url).toBe(true);
      const m = /^(assets\/icon-\d+\.png)$/.exec(url.slice(origin.length + 1));
      expect(m, url).not.toBeNull();
      const file = join(root, "addin", "static", (m as RegExpExecArray)[1] as string);
      expect(existsSync(file), file).toBe(true);
      expect(pngSize(file)).toEqual({ width: size, height: size });
    }
  });

  it("reads the same through office-addin-manifest's own (offline) parser", async () => {
    const info = await OfficeAddinManifest.readManifestFile(manifestPath);
    expect(info.officeAppType).toBe("TaskPaneApp");
    expect(info.displayName).toBe("汇表");
    expect(info.hosts).toEqual(["Workbook"]);
    expect(info.defaultSettings?.sourceLocation).toBe(taskpaneUrl);
    expect(info.id).toBe(must(child(app, "Id"), "Id").text);
  });
});

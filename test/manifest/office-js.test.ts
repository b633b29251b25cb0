/**
 * Where the pages take office.js from. The npm package @microsoft/office-js is
 * no longer supported: its README says add-ins load office.js from Microsoft's
 * CDN ("Referencing the Office JavaScript API library", Microsoft Learn), and a
 * frozen copy lacks what newer hosts report (Worksheet.notes with ExcelApi 1.18).
 * So every page Excel opens (the manifest's task pane and function file) loads
 * the CDN script in <head>, before anything else runs; the preview never needs it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { descendants, parseXml } from "./strict-xml";

const root = join(__dirname, "..", "..");
const pages = join(root, "addin", "static");
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

/** The pages of addin/static that the manifest points Excel at. */
function pagesExcelLoads(): string[] {
  const app = parseXml(readFileSync(join(root, "manifest", "manifest.xml"), "utf8"));
  const urls = descendants(app).flatMap((e) => Object.values(e.attrs));
  const names = urls.flatMap((u) => /^https:\/\/localhost:8787\/([\w-]+\.html)$/.exec(u)?.[1] ?? []);
  return [...new Set(names)].sort();
}

function scriptsIn(html: string): { src: string | null; index: number }[] {
  return [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => ({
    src: /\bsrc="([^"]*)"/.exec(m[1] ?? "")?.[1] ?? null,
    index: m.index ?? 0,
  }));
}

describe("office.js", () => {
  it("the manifest sends Excel to the task pane and the function file", () => {
    expect(pagesExcelLoads()).toEqual(["commands.html", "index.html", "taskpane.html"]);
  });

  it("is the first script in the head of every page Excel loads, from Microsoft's CDN", () => {
    for (const name of pagesExcelLoads().filter((n) => n !== "index.html")) {
      const html = readFileSync(join(pages, name), "utf8");
      const head = html.slice(0, html.indexOf("</head>"));
      const scripts = scriptsIn(head);
      expect(scripts[0]?.src, name).toBe(OFFICE_JS_CDN);
      expect(
        scriptsIn(html).filter((s) => s.src === OFFICE_JS_CDN),
        name,
      ).toHaveLength(1);
    }
  });

  it("is never taken from a copy on our own origin, and the preview and start page load nothing from elsewhere", () => {
    for (const name of readdirSync(pages).filter((n) => n.endsWith(".html"))) {
      const html = readFileSync(join(pages, name), "utf8");
      const office = scriptsIn(html).filter((s) => s.src?.endsWith("office.js"));
      expect(
        office.every((s) => s.src === OFFICE_JS_CDN),
        name,
      ).toBe(true);
      const foreign = [...html.matchAll(/\b(?:src|href)="(https?:\/\/[^"]*)"/g)].map((m) => m[1]);
      expect(foreign, name).toEqual(office.length > 0 ? [OFFICE_JS_CDN] : []);
    }
  });
});

/**
 * The browser tests cannot reach the internet, so Microsoft's office.js CDN is
 * answered from the copy in node_modules/@microsoft/office-js (the same files
 * under the same paths: office.js loads its host and string files relative to
 * its own URL). Nothing in the built add-in serves that copy.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";

export const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const CDN_BASE = "https://appsforoffice.microsoft.com/lib/1/hosted/";
const PACKAGE_DIST = join(__dirname, "..", "..", "node_modules", "@microsoft", "office-js", "dist");

/** Answers the CDN from the package; returns the CDN URLs the page asked for. */
export async function serveOfficeCdnLocally(page: Page): Promise<string[]> {
  const asked: string[] = [];
  await page.route("https://appsforoffice.microsoft.com/**", async (route) => {
    const url = route.request().url().split(/[?#]/)[0] as string;
    asked.push(url);
    const file = url.startsWith(CDN_BASE) ? join(PACKAGE_DIST, url.slice(CDN_BASE.length)) : "";
    if (!file || file.includes("..") || !existsSync(file)) return route.fulfill({ status: 404, body: "" });
    await route.fulfill({ status: 200, contentType: "text/javascript; charset=utf-8", body: readFileSync(file) });
  });
  return asked;
}

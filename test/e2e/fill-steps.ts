/**
 * What a clerk without the add-in does on /fill.html, and what the test does in
 * their spreadsheet program: fill the downloaded form with exceljs, at the
 * addresses of the one shared layout (schemas/layout/form/layout.ts).
 */
import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { buildLayout } from "../../schemas/layout/form/layout";
import { shanghaiJqzx } from "../schemas/fixtures/templates";

/** The form sheet's address of each cell key. */
export function addresses(unitName: string): Map<string, string> {
  const layout = buildLayout(shanghaiJqzx(), { unitName });
  return new Map(layout.cells.map((c) => [c.key, c.address]));
}

export async function signInOnFillPage(page: Page, base: string, token: string): Promise<void> {
  await page.goto(`${base}/fill.html`);
  await page.locator("#fill-token-input").fill(token);
  await page.locator("#fill-sign-in").click();
  await page.locator(".fill-round").first().waitFor({ timeout: 15_000 });
}

/** Clicks 下载填报表 and answers the downloaded bytes and the name the browser saves them under. */
export async function downloadForm(page: Page): Promise<{ bytes: Buffer; name: string }> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#fill-download").click()]);
  const path = await download.path();
  return { bytes: readFileSync(path), name: download.suggestedFilename() };
}

/** The downloaded form with `values` typed into its cells, as a clerk's Excel would save it. */
export async function fillForm(bytes: Buffer, values: Record<string, string>, where: Map<string, string>) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as never);
  const sheet = book.worksheets.find((s) => s.state !== "hidden" && s.state !== "veryHidden");
  if (!sheet) throw new Error("no visible sheet");
  for (const [key, value] of Object.entries(values)) {
    const address = where.get(key);
    if (!address) throw new Error(`no address for ${key}`);
    const n = Number(value);
    sheet.getCell(address).value = key.startsWith("header.") || !Number.isFinite(n) ? value : n;
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

export async function uploadFile(page: Page, name: string, bytes: Buffer): Promise<void> {
  await page.locator("#fill-file").setInputFiles({
    name,
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: bytes,
  });
  await expect.poll(() => page.locator("#fill-progress").isHidden(), { timeout: 30_000 }).toBe(true);
}

/** The file names in a zip's central directory (APPNOTE 4.3.12, 4.3.16): what a 下发 zip holds. */
export function zipEntryNames(zip: Buffer): string[] {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error("not a zip");
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error("bad central directory");
    const nameLength = zip.readUInt16LE(at + 28);
    const rest = zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    names.push(zip.toString("utf8", at + 46, at + 46 + nameLength));
    at += 46 + nameLength + rest;
  }
  return names;
}

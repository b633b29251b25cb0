/**
 * What a filler does in the preview page, as a person would: click, type,
 * press Enter, paste a block. Shared by the filler*.test.ts browser tests.
 */
import type { Page } from "playwright-core";
import { expect } from "vitest";

// Run inside the page; the test program itself is typechecked without the DOM library.
declare const DataTransfer: { new (): { setData(type: string, data: string): void } };
declare const ClipboardEvent: {
  new (type: string, init: { clipboardData: unknown; bubbles: boolean; cancelable: boolean }): Event;
};

export const HUANGPU = "hb_demo_filler_huangpu";
export const JQZX = "sh-2014-jqzx";
export const REPORT_PATH = `/api/v1/rounds/${JQZX}/reports/sh-huangpu`;

export async function signIn(page: Page, base: string, demoLabel = "黄浦区总工会"): Promise<void> {
  await page.goto(`${base}/preview.html`);
  await page.locator(".hb-demo-tokens button", { hasText: demoLabel }).click();
  await page.locator("#hb-sign-in").click();
  await page.locator(".hb-round").first().waitFor({ timeout: 15_000 });
}

export async function openRound(page: Page, round = JQZX): Promise<void> {
  await page.locator(`button[data-round="${round}"]`).click();
  await page.locator("#hb-form-title").waitFor();
  await page.locator('input.xl-input[data-key="raised"]').waitFor();
}

export function cell(page: Page, key: string) {
  return page.locator(`input.xl-input[data-key="${key}"]`);
}

/** Click the cell, replace what it shows, press Enter — the stop alert must not appear. */
export async function typeInto(page: Page, key: string, value: string): Promise<void> {
  await cell(page, key).click();
  await page.keyboard.press("Control+A");
  await page.keyboard.type(value);
  await page.keyboard.press("Enter");
  await expect.poll(() => page.locator(".xl-modal").isHidden()).toBe(true);
}

/** Select the top-left cell and paste tab/newline separated text, as copied from Excel. */
export async function pasteInto(page: Page, key: string, text: string): Promise<void> {
  await cell(page, key).click();
  await cell(page, key).evaluate((input, data) => {
    const transfer = new DataTransfer();
    transfer.setData("text/plain", data);
    input.dispatchEvent(new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, text);
}

export function syncLabel(page: Page): Promise<string> {
  return page.locator("#hb-sync").innerText();
}

/** The td of a cell, for its mark classes and note. */
export function cellBox(page: Page, key: string) {
  return page.locator(`td:has(> input.xl-input[data-key="${key}"])`);
}

export async function readReport(
  base: string,
  token = HUANGPU,
): Promise<{
  status: string;
  version: number;
  values: Record<string, string>;
  explanations: Record<string, string>;
  returnReason: string | null;
}> {
  const res = await fetch(base + REPORT_PATH, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return res.json() as never;
}

export async function readHistory(base: string): Promise<{
  entries: { version: number; action: string; cells: { cell: string; old: string | null; new: string | null }[] }[];
}> {
  const res = await fetch(`${base}${REPORT_PATH}/history`, { headers: { authorization: `Bearer ${HUANGPU}` } });
  expect(res.status).toBe(200);
  return res.json() as never;
}

/**
 * What the officer browser tests do besides clicking: fill and submit reports
 * through the API as the district fillers' tools would, and read the officer
 * sheets of the preview page.
 */
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { consolidatedLayout } from "../../schemas/layout/officer/consolidated-sheet";
import { SH_2014_JQZX } from "../../schemas/forms/index";
import { Template } from "../../schemas/template";

export const REVIEWER_SH = "hb_demo_reviewer_sh";
export const ADMIN = "hb_demo_admin";

export const jqzxTemplate = (): Template => Template.parse(SH_2014_JQZX);

export async function call(
  base: string,
  token: string,
  method: string,
  path: string,
  options: { body?: unknown; ifMatch?: number } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (options.ifMatch !== undefined) headers["if-match"] = `"${options.ifMatch}"`;
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** A filler token for any unit, issued by the admin. */
export async function fillerToken(base: string, unit: string, label: string): Promise<string> {
  const res = await call(base, ADMIN, "POST", "/tokens", { body: { role: "filler", unit, label } });
  expect(res.status).toBe(201);
  return res.body.token as string;
}

/** Saves `values` (+ 上报说明) and submits, as a filler's tool would. */
export async function fillAndSubmit(
  base: string,
  token: string,
  round: string,
  unit: string,
  values: Record<string, string>,
  explanations: Record<string, string> = {},
): Promise<void> {
  const path = `/rounds/${round}/reports/${unit}`;
  const read = await call(base, token, "GET", path);
  expect(read.status).toBe(200);
  const base0 = read.body.version as number;
  const changes = Object.entries(values).map(([cell, value]) => ({ cell, value }));
  const saved = await call(base, token, "PATCH", path, {
    body: { baseVersion: base0, changes, explanations },
    ifMatch: base0,
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  const submitted = await call(base, token, "POST", `${path}/submit`, { ifMatch: saved.body.version as number });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
}

/** Every numeric value times `k` (integers stay integers), header fields unchanged: the rules still hold. */
export function scaled(values: Record<string, string>, k: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(values)) {
    out[key] =
      key.startsWith("header.") || !/^-?\d+(\.\d+)?$/.test(v) ? v : String(Math.round(Number(v) * k * 1e6) / 1e6);
  }
  return out;
}

/** Where a cell of 附件1 sits on the officer's consolidated sheet (the layout is node-independent). */
export function consolidatedAddress(key: string): string {
  const layout = consolidatedLayout(jqzxTemplate(), "上海市总工会");
  const c = layout.cells.find((x) => x.key === key);
  if (!c) throw new Error(`no cell ${key}`);
  return c.address;
}

export function consolidatedSheet(): string {
  return consolidatedLayout(jqzxTemplate(), "上海市总工会").sheet;
}

export async function showTab(page: Page, name: string): Promise<void> {
  await page.locator(".xl-tab", { hasText: name }).first().click();
  await expect.poll(() => page.locator(".xl-tab-on").innerText()).toBe(name);
}

/** The number a cell of the shown sheet displays ("474.00" → 474); null when blank. */
export async function shownNumber(page: Page, address: string): Promise<number | null> {
  const text = await page.locator(`td[data-address="${address}"] input`).inputValue();
  if (text.trim() === "") return null;
  return Number(text.replace(/,/g, ""));
}

export function unitRow(page: Page, unit: string) {
  return page.locator(`#hb-units li[data-unit="${unit}"]`);
}

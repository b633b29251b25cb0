import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Template } from "../../../schemas/template";
import { Validator } from "../../../schemas/validate";
import { FILLED_FORMS } from "../fixtures/filled";
import { convert, SOFFICE } from "../../soffice";
import { drawn, huangshanRoster, official, OFFICIAL, readBack, request } from "./form-files";

/**
 * LibreOffice opens every official form.xlsx headless and saves it again
 * without an error, and computes what the file leaves to the spreadsheet: the
 * computed items over the roster's table and the 序号 of each row. The
 * download writes no cached results, so this is the engine's own arithmetic.
 */
const ROWS = 12;
/** Rows 3, 6, 9, 12 are 省总经费 at 1500 (form-files.ts), the others 1000. */
const EXPECTED = { total_persons: 12, total_amount: 14_000, prov_persons: 4, prov_amount: 6_000 };

/** What the rule engine computes for the same items: the spreadsheet must agree with it. */
function engineValues(template: Template, values: Record<string, string>): Record<string, number> {
  const validator = new Validator(template, values);
  return Object.fromEntries(Object.keys(EXPECTED).map((key) => [key, Number(validator.value(key))]));
}

let dir: string;
const files = new Map<string, { path: string; form: Awaited<ReturnType<typeof drawn>> }>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "huibiao-form-"));
  for (const template of OFFICIAL) {
    const values =
      template.id === "hs-2022-roster"
        ? huangshanRoster(ROWS)
        : (FILLED_FORMS.find((f) => f.templateId === template.id)?.values ?? {});
    const form = await drawn(request(template, values));
    const path = join(dir, `${template.id}.xlsx`);
    await writeFile(path, form.bytes);
    files.set(template.id, { path, form });
  }
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The computed items and 序号 cells of the roster form as LibreOffice computed them. */
function computedOf(book: ExcelJS.Workbook, form: Awaited<ReturnType<typeof drawn>>) {
  const ws = book.worksheets[0] as ExcelJS.Worksheet;
  const result = (address: string) => {
    const v = ws.getCell(address).value as { result?: unknown } | number | null;
    return typeof v === "object" && v !== null ? v.result : v;
  };
  const items = Object.fromEntries(form.layout.cells.filter((c) => c.formula).map((c) => [c.key, result(c.address)]));
  const first = form.layout.rosters[0]?.firstRow ?? 0;
  const serials = Array.from({ length: ROWS + 1 }, (_, i) => result(`A${first + i}`));
  return { items, serials };
}

describe("form.xlsx in LibreOffice", () => {
  it("opens and saves every official form without an error, and computes the roster's totals", async () => {
    const out = join(dir, "out");
    const inputs = [...files.values()].map((f) => f.path);
    const converted = await convert(inputs, "xlsx", out);
    expect(converted).toHaveLength(OFFICIAL.length);
    const roster = files.get("hs-2022-roster");
    if (!roster) throw new Error("no roster form");
    const book = await readBack(await readFile(join(out, "hs-2022-roster.xlsx")));
    const { items, serials } = computedOf(book, roster.form);
    expect(items).toEqual(EXPECTED);
    expect(items).toEqual(engineValues(official("hs-2022-roster"), huangshanRoster(ROWS)));
    // 序号 1…12, then the first blank row carries the count on as -12 (shown blank by "0;;;").
    expect(serials).toEqual([...Array.from({ length: ROWS }, (_, i) => i + 1), -ROWS]);
  }, 240_000);

  it("recalculates on load with its default settings (Recalculation on File Load: never), since no result is cached", async () => {
    const roster = files.get("hs-2022-roster");
    if (!roster) throw new Error("no roster form");
    // A fresh profile without the tests' "always recalculate" setting: what a clerk's LibreOffice does.
    const profile = await mkdtemp(join(tmpdir(), "huibiao-soffice-default-"));
    const out = join(dir, "default");
    try {
      await promisify(execFile)(
        SOFFICE,
        [
          `-env:UserInstallation=file://${profile}`,
          "--headless",
          "--norestore",
          "--convert-to",
          "xlsx",
          "--outdir",
          out,
          roster.path,
        ],
        { timeout: 180_000 },
      );
    } finally {
      await rm(profile, { recursive: true, force: true });
    }
    const book = await readBack(await readFile(join(out, "hs-2022-roster.xlsx")));
    expect(computedOf(book, roster.form).items).toEqual(EXPECTED);
  }, 240_000);
});

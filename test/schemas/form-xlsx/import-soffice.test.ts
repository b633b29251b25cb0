import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readFileValues } from "../../../worker/forms/import/file-values";
import { fileLayout } from "../../../worker/forms/import/form-layout";
import { readIdentity } from "../../../worker/forms/import/identity";
import { patchFrom } from "../../../worker/forms/import/patch";
import { readXlsx } from "../../../worker/xlsx/read";
import { FILLED_FORMS } from "../fixtures/filled";
import { convert } from "../../soffice";
import { drawn, huangshanRoster, OFFICIAL, request, XIUNING } from "./form-files";

/**
 * An upload of a form.xlsx that LibreOffice opened and saved again (as WPS or
 * a clerk's Excel would): the import service (worker/forms/import/) finds the
 * identity on the hidden sheet, the layout its digest names, every label in
 * place and every value as drawn, so there is nothing to save. The Worker's
 * reader reads both files; the route around it is tested in workerd
 * (test/worker/forms/).
 */
let dir: string | undefined;

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("a form.xlsx re-saved by LibreOffice, uploaded", () => {
  it("reads back as drawn for every official form, the roster's table and the hidden identity kept", async () => {
    dir = await mkdtemp(join(tmpdir(), "huibiao-import-"));
    const cases = [];
    for (const template of OFFICIAL) {
      const values =
        template.id === "hs-2022-roster"
          ? huangshanRoster(120)
          : (FILLED_FORMS.find((f) => f.templateId === template.id)?.values ?? {});
      const path = join(dir, `${template.id}.xlsx`);
      await writeFile(path, (await drawn(request(template, values))).bytes);
      expect(Object.keys(values).length, template.id).toBeGreaterThan(0);
      cases.push({ template, values, path });
    }
    const saved = await convert(
      cases.map((c) => c.path),
      "xlsx",
      join(dir, "out"),
    );
    for (const [i, c] of cases.entries()) {
      const book = await readXlsx(new Uint8Array(await readFile(saved[i] as string)));
      const id = readIdentity(book);
      if (!id.ok) throw id.error;
      expect(book.sheets.find((s) => s.name === "汇表标识")?.state).toBe("hidden");
      const file = await fileLayout(c.template, id.identity, XIUNING.name, book);
      expect(file.sheet.tables.length, c.template.id).toBe(file.layout.rosters.length);
      const values = readFileValues(c.template, file, book.date1904, c.values);
      expect(patchFrom(values, c.values, file.layout), c.template.id).toEqual([]);
    }
  }, 300_000);
});

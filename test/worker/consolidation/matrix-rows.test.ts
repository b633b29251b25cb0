import { beforeAll, describe, expect, it } from "vitest";
import { compiledOf } from "../../../schemas/cells";
import { matrixLayout } from "../../../schemas/layout/officer/matrix-sheet";
import { officialTemplates } from "../../../scripts/official";
import { seedStatements } from "../../../scripts/seed";
import { api, HS_UNITS, runSql, seed, TOKENS, TREE } from "../helpers";

/**
 * The matrix rows have one definition (schemas/layout/officer/matrix-sheet.ts
 * `numericCells`): the consolidation API's `matrix.cells` are the rows of the
 * officer's 分单位明细 sheet, for every official form.
 */
const templates = officialTemplates();

beforeAll(async () => {
  await seed();
  const rounds = templates.map((t) => ({
    id: `m-${t.id}`,
    templateId: t.id,
    templateVersion: t.version,
    rootUnit: "hs",
    units: HS_UNITS,
  }));
  const all = await seedStatements({ units: TREE, templates, rounds, tokens: [] });
  await runSql(all.filter((s) => /^INSERT INTO (templates|rounds|reports) /.test(s)));
});

describe("matrix rows", () => {
  it.each(templates.map((t) => [t.id, t] as const))(
    "%s: matrix.cells are the officer sheet's rows",
    async (_id, template) => {
      const res = await api(TOKENS.admin, "GET", `/rounds/m-${template.id}/consolidated?include=draft`);
      expect(res.status).toBe(200);
      const sheetRows = matrixLayout(template, [], { cells: [], values: {} }).rows.map((r) => r.cell);
      expect(res.body.matrix.cells).toEqual(sheetRows);
      // Every numeric template cell, in form order: items and grid cells, no header fields, no roster.
      expect(sheetRows).toEqual(
        compiledOf(template)
          .cells.filter((c) => c.kind !== "header")
          .map((c) => c.key),
      );
      expect(res.body.matrix.rows).toHaveLength(sheetRows.length);
    },
  );
});

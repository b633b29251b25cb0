/**
 * Live refresh of the officer's matrix sheet: 3,000 units × 60 cells.
 *
 * Subject: `diffMatrix()` of the old and new matrix, then
 * `OfficeOfficerWorkbook.refreshMatrix()` of the resulting blocks.
 * Baseline: the same new values written as one range write of the whole unit
 * block (what a refresh without a diff would do), in one `Excel.run`.
 * Both run on the same strict fake Excel (test/addin/excel/strict), so the times compare the
 * client-side work (diff, building the payload, queueing proxies) and the
 * round trips are counted exactly; a real Excel adds its per-sync latency
 * (tens to hundreds of ms, more on the web) and a cost per cell written, for
 * which "cells written" is the proxy.
 */
import { OfficeOfficerWorkbook } from "../addin/excel/officer-office";
import { matrixLayout, type MatrixLayout } from "../schemas/layout/officer/matrix-sheet";
import { diffMatrix } from "../addin/sheet/officer/refresh";
import { changeUnits, syntheticView } from "../test/schemas/layout/officer/fixtures";
import { createStrictExcel } from "../test/addin/excel/strict/fake-excel";
import { compareAsync, note, printReport, report } from "./harness";

const UNITS = 3000;
const CELLS = 60;
const STAMP = "最后更新：2024-07-15 10:00:00";

const before = syntheticView(UNITS, CELLS);
const a = matrixLayout(before.template, before.units, before.matrix);

async function main(): Promise<void> {
  const excel = createStrictExcel("web-1.20");
  excel.addSheet("Sheet1");
  const workbook = new OfficeOfficerWorkbook(excel.host);
  await workbook.renderMatrix(a, STAMP);
  const renderSyncs = excel.runs[0] ?? -1;

  const syncsOf = async (f: () => Promise<unknown>): Promise<number> => {
    const start = excel.runs.length;
    await f();
    return excel.runs.slice(start).reduce((s, n) => s + n, 0);
  };

  const refresh = async (b: MatrixLayout) => {
    const d = diffMatrix(a, b);
    if (!d) throw new Error("shape changed");
    await workbook.refreshMatrix(
      { sheet: b.sheet, blocks: d.blocks, notes: [], reapplyFilter: false, stampAddress: b.stampAddress },
      STAMP,
    );
    return d;
  };
  const singleWrite = (b: MatrixLayout) =>
    excel.host.run(async (ctx) => {
      // The unit block and the stamp are unlocked on the protected sheet (officer-protection.ts).
      const ws = ctx.workbook.worksheets.getItem(b.sheet);
      ws.getRange(b.unitRange).values = b.values.map((row) => row.map((v) => v ?? ""));
      ws.getRange(b.stampAddress).values = [[STAMP]];
      await ctx.sync();
    });

  note("render 3,000 × 60 matrix", `${renderSyncs} syncs`, "≤ 2");
  for (const changed of [UNITS, 300, 1]) {
    const after = changeUnits(before, changed);
    const b = matrixLayout(after.template, after.units, after.matrix);
    const d = diffMatrix(a, b);
    const subjectSyncs = await syncsOf(() => refresh(b));
    const baselineSyncs = await syncsOf(() => singleWrite(b));
    if (subjectSyncs > 2) throw new Error(`refresh took ${subjectSyncs} syncs`);
    const r = await compareAsync(
      () => refresh(b),
      () => singleWrite(b),
      15,
    );
    report(`refresh, ${changed} unit(s) changed`, r);
    note(
      `  round trips / cells written / blocks`,
      `${subjectSyncs} / ${d?.written} / ${d?.blocks.length} (${d?.plan})`,
      `baseline: ${baselineSyncs} / ${UNITS * CELLS} / 1`,
    );
  }
  printReport(
    `Officer matrix refresh: ${UNITS} units × ${CELLS} cells (diff + blocks vs one range write, strict fake Excel)`,
  );
}

await main();

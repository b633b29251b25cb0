/**
 * Drawing a form sheet (`OfficeWorkbook.renderForm`, also the officer's
 * drill-down sheets) so that a failure never leaves a half-drawn, unprotected
 * sheet (issue 11, item 2). A fresh sheet is the only way to drop every old
 * validation, format, table and note in one batch, so the form is drawn on a
 * temporary sheet, protected, and only then swapped in for the old one, in the
 * same batch: a failing command fails the sync there, before the old sheet is
 * deleted (commands already sent stay applied: a batch is not a transaction).
 *
 * Two names must stay where they are while both sheets exist: Excel wants table
 * names unique in the whole workbook, and the form's tables keep their names
 * (reconnecting and computed items' formulas look them up), so the old sheet's
 * tables are renamed out of the way first; and the mark formats name the marks
 * sheet, so the old one is kept and cleared rather than replaced. After a
 * failure the temporary sheet is deleted and the old tables get their names back.
 *
 * Two syncs: does the sheet exist, which tables does the workbook hold? then
 * draw and swap.
 */
import type { SheetLayout } from "../../schemas/layout/form/layout-types";
import { drawForm } from "./office-draw";
import { PROTECTION, RUN, type ExcelHost } from "./office-host";
import { addMarksSheet, drawMarkFormats, markAreas } from "./office-marks";

let drawings = 0;

export async function renderFormSheet(host: ExcelHost, layout: SheetLayout, marks: string): Promise<void> {
  const unique = `${Date.now().toString(36)}${(++drawings).toString(36)}`;
  const temp = `~hb${unique}`;
  /** Parked name → the name the old sheet's table had. */
  const parked = new Map<string, string>();
  let addedMarks = false;
  try {
    await host.run(RUN, async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      const old = sheets.getItemOrNullObject(layout.sheet);
      const oldMarks = sheets.getItemOrNullObject(marks);
      const tables = ctx.workbook.tables;
      old.load("isNullObject");
      oldMarks.load("isNullObject");
      const ours = new Set(layout.rosters.map((r) => r.tableName.toLowerCase()));
      if (ours.size > 0) tables.load("items/name");
      await ctx.sync();
      if (!old.isNullObject && ours.size > 0) {
        // The form's table names hash its sheet's name (table-name.ts): the ones taken are the old sheet's.
        const clashing = tables.items.filter((t) => ours.has(t.name.toLowerCase()));
        // A protected sheet's tables cannot be renamed; protected again at once, before anything is drawn.
        if (clashing.length > 0) old.protection.unprotect();
        clashing.forEach((t, i) => {
          const name = `HB_${unique}_${i}`;
          parked.set(name, t.name);
          t.name = name;
        });
        if (clashing.length > 0) old.protection.protect(PROTECTION);
      }
      // Add first, since the last sheet of a workbook cannot be deleted.
      const ws = sheets.add(temp);
      if (oldMarks.isNullObject) {
        addMarksSheet(sheets, marks);
        addedMarks = true;
      }
      drawForm(ws, layout);
      drawMarkFormats(ws, marks, markAreas(layout));
      ws.protection.protect(PROTECTION);
      // Reached only when every command above worked.
      if (!old.isNullObject) old.delete();
      ws.name = layout.sheet;
      // The old sheet's marks are stale: the validator marks the new sheet again.
      if (!oldMarks.isNullObject) oldMarks.getRange().clear("Contents");
      ws.activate();
      const first = layout.cells.find((c) => !c.locked) ?? layout.cells[0];
      if (first) ws.getRange(first.address).select();
      await ctx.sync();
    });
  } catch (e) {
    await discard(host, layout.sheet, temp, addedMarks ? marks : null, parked);
    throw e;
  }
}

/** Undoes what a failed drawing left (best effort: the drawing's error is the one reported). */
async function discard(
  host: ExcelHost,
  sheet: string,
  temp: string,
  marks: string | null,
  parked: ReadonlyMap<string, string>,
): Promise<void> {
  try {
    await host.run(RUN, async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      const drawn = sheets.getItemOrNullObject(temp);
      const added = marks === null ? null : sheets.getItemOrNullObject(marks);
      const old = sheets.getItemOrNullObject(sheet);
      for (const s of [drawn, added, old]) s?.load("isNullObject");
      await ctx.sync();
      // The temporary sheet first: it holds the tables' names.
      if (!drawn.isNullObject) drawn.delete();
      if (added && !added.isNullObject) added.delete();
      if (old.isNullObject || parked.size === 0) return void (await ctx.sync());
      const tables = [...parked].map(([name, was]) => ({ table: ctx.workbook.tables.getItemOrNullObject(name), was }));
      for (const t of tables) t.table.load("isNullObject");
      await ctx.sync();
      old.protection.unprotect();
      for (const t of tables) if (!t.table.isNullObject) t.table.name = t.was;
      old.protection.protect(PROTECTION);
      await ctx.sync();
    });
  } catch {
    // Nothing more to do: the sheet is named ~hb…, and the next drawing uses another name.
  }
}

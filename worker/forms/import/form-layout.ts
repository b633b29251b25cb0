/**
 * Step 2 of an upload: the layout the file was drawn with, rebuilt by the one
 * shared `buildLayout` (never a second layout), held to the digest the file
 * carries, then fitted to the file: its form sheet (renamed or not), rosters
 * with the rows they have now, labels where the layout puts them.
 */
import { IDENTITY_SHEET, layoutDigest, type FormIdentity } from "../../../schemas/layout/form/identity";
import { buildLayout, type SheetLayout } from "../../../schemas/layout/form/layout";
import type { Template } from "../../../schemas/template";
import { ApiError } from "../../errors";
import type { ReadSheet, ReadWorkbook } from "../../xlsx/workbook";
import { firstMismatch, type LabelMismatch } from "./labels";
import { rosterColumnsIn, rosterRowsIn } from "./roster-extent";

export interface FileLayout {
  /** The layout as the file is now (rosters with the rows they have in the file). */
  layout: SheetLayout;
  sheet: ReadSheet;
  /** By roster key: the column of each of its columns (by column key). */
  rosterColumns: Record<string, Record<string, number>>;
}

export async function fileLayout(
  template: Template,
  identity: FormIdentity,
  unitName: string,
  book: ReadWorkbook,
): Promise<FileLayout> {
  const drawn = buildLayout(template, { unitName, sheetName: identity.sheet, rosterRows: identity.rosterRows });
  if ((await layoutDigest(drawn)) !== identity.layoutDigest) {
    throw new ApiError("form_outdated", "表单版式已更新，请重新下载填报表后填写", { sheet: identity.sheet });
  }
  const named = book.sheets.find((s) => s.name === identity.sheet);
  if (named) {
    const fitted = fit(template, unitName, drawn, named);
    if (fitted.mismatch) throw layoutChanged(named, fitted.mismatch);
    return withColumns(fitted.layout, named);
  }
  // Renamed: the first visible sheet whose labels are where the layout puts them.
  for (const sheet of book.sheets) {
    if (sheet.state !== "visible" || sheet.name === IDENTITY_SHEET) continue;
    const fitted = fit(template, unitName, drawn, sheet);
    if (!fitted.mismatch) return withColumns(fitted.layout, sheet);
  }
  throw new ApiError(
    "layout_changed",
    `文件中找不到填报工作表「${identity.sheet}」：请勿删除或改动该工作表的表头和项目名称`,
    { sheet: identity.sheet },
  );
}

function fit(
  template: Template,
  unitName: string,
  drawn: SheetLayout,
  sheet: ReadSheet,
): { layout: SheetLayout; mismatch: LabelMismatch | null } {
  const rows = rosterRowsIn(sheet, drawn);
  const same = drawn.rosters.every((r) => rows[r.key] === r.rowCount);
  // Rows added to a roster move what is below it: the same layout function places it anew.
  const layout = same ? drawn : buildLayout(template, { unitName, sheetName: drawn.sheet, rosterRows: rows });
  return { layout, mismatch: firstMismatch(sheet, layout) };
}

function withColumns(layout: SheetLayout, sheet: ReadSheet): FileLayout {
  const rosterColumns: FileLayout["rosterColumns"] = {};
  for (const roster of layout.rosters) rosterColumns[roster.key] = rosterColumnsIn(sheet, roster);
  return { layout, sheet, rosterColumns };
}

function layoutChanged(sheet: ReadSheet, m: LabelMismatch): ApiError {
  return new ApiError("layout_changed", m.message, [
    { address: m.address, sheet: sheet.name, expected: m.expected, found: m.found, message: m.message },
  ]);
}

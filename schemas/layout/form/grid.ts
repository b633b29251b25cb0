/**
 * A grid section as printed: 序号 | 项目 | one column per grid column (合计,
 * 小学和初中 …) | 单位, one row per grid row.
 */
import type { GridSection } from "../../template";
import { shortLabel } from "../../text";
import { numberField } from "./fields";
import { WIDTH, type SheetDraft } from "./sheet-draft";

/** Lays out `section` from `start`; answers the first row below it. */
export function placeGrid(draft: SheetDraft, section: GridSection, start: number): number {
  let row = start;
  if (section.title) draft.fullWidth(row++, section.title, "sectionTitle");
  const unitCol = section.columns.length + 3;
  ["序号", "项目"].forEach((h, i) => draft.text(row, i + 1, h, "columnHeader"));
  section.columns.forEach((c, i) => {
    draft.text(row, i + 3, c.label, "columnHeader");
    draft.widen(i + 3, Math.min(20, Array.from(c.label).length * 2 + 2));
  });
  draft.text(row, unitCol, "单位", "columnHeader");
  draft.widen(unitCol, WIDTH.unit);
  row++;
  for (const r of section.rows) {
    if (r.no) draft.text(row, 1, r.no, "number");
    draft.text(row, 2, r.label, "label", r.indent);
    section.columns.forEach((c, i) => {
      const where = `「${shortLabel(r.label)}」${c.label}`;
      draft.valueCell(`${r.key}.${c.key}`, row, i + 3, "grid", numberField(r, `${r.label}（${c.label}）`, where));
    });
    draft.text(row, unitCol, r.unit, "unit");
    row++;
  }
  return row;
}

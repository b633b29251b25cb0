/**
 * An item section (统计表) as printed: 序号 | 项目 (其中 lines indented) | 数值 | 单位,
 * one row per item.
 */
import type { ItemsSection } from "../../template";
import { shortLabel } from "../../text";
import { numberField } from "./fields";
import type { SheetDraft } from "./sheet-draft";

/** Lays out `section` from `start`; answers the first row below it. */
export function placeItems(draft: SheetDraft, section: ItemsSection, start: number): number {
  let row = start;
  if (section.title) draft.fullWidth(row++, section.title, "sectionTitle");
  ["序号", "项目", "数值", "单位"].forEach((h, i) => draft.text(row, i + 1, h, "columnHeader"));
  row++;
  let number = "";
  let printed = "";
  for (const item of section.items) {
    if (item.no) number = item.no.replace(/[()（）]/g, "");
    const where = number ? `第 ${number} 项「${shortLabel(item.label)}」` : `「${shortLabel(item.label)}」`;
    // Two blanks on one printed line are two items with one number; print it once.
    if (item.no && item.no !== printed) draft.text(row, 1, item.no, "number");
    if (item.no) printed = item.no;
    draft.text(row, 2, item.label, "label", item.indent);
    const field = numberField(item, item.label, where);
    if (item.calc === undefined) draft.valueCell(item.key, row, 3, "item", field);
    else draft.computedCell(item.key, row, 3, field);
    draft.text(row, 4, item.unit, "unit");
    row++;
  }
  return row;
}

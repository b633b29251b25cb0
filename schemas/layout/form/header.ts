/**
 * The top of a form: the official title, the issuer / 文号 / period line, and
 * the header fields (填报单位 / 填报人 / 联系电话), one per row as label : value.
 */
import type { Template } from "../../template";
import { columnField } from "./fields";
import type { SheetDraft } from "./sheet-draft";

const UNIT_HEADER = /填报单位/;

/** Lays out the title and header fields from row 1; answers the first row below them. */
export function placeHeader(draft: SheetDraft, template: Template, unitName: string | undefined): number {
  let row = 1;
  draft.fullWidth(row++, template.title, "title");
  const period = `填报期间：${template.period}　报送截止：${template.dueDate}`;
  draft.fullWidth(
    row++,
    [template.issuer, template.docNo, template.attachment, period].filter(Boolean).join("　"),
    "subtitle",
  );
  row++;

  const unitField = template.header.find((c) => c.key === "unit" || UNIT_HEADER.test(c.label));
  if (!unitField) {
    // The unit is not a cell of the report: it comes from the token and keys the report.
    draft.text(row, 2, "填报单位", "fieldLabel");
    draft.text(row++, 3, unitName ?? "（登录后自动填写）", "label");
  }
  for (const c of template.header) {
    draft.text(row, 2, c.label, "fieldLabel");
    const isUnit = c === unitField;
    draft.valueCell(
      `header.${c.key}`,
      row,
      3,
      "header",
      columnField(c, `「${c.label}」`),
      isUnit,
      isUnit ? (unitName ?? null) : null,
    );
    row++;
  }
  return row;
}

/**
 * A new blank sheet in the memory workbook, as Excel's ＋ gives one: every
 * cell takes any text typed or pasted (keyed by its address), so an officer
 * can paste a notice's table into the preview and draft a form from it
 * (新建表单 → 从当前工作表起草, which reads it back with `readPrinted`).
 */
import { a1 } from "../../schemas/layout/address";
import type { SheetLayout, ValueCell } from "../../schemas/layout/form/layout-types";

export function blankLayout(name: string, rows = 60, columns = 8): SheetLayout {
  const cells: ValueCell[] = [];
  for (let r = 1; r <= rows; r++) {
    for (let c = 1; c <= columns; c++) {
      const address = a1(r, c);
      cells.push({
        key: address,
        address,
        kind: "item",
        valueType: "text",
        numberFormat: "General",
        where: address,
        locked: false,
        initial: null,
      });
    }
  }
  return {
    sheet: name,
    templateId: "",
    templateVersion: 0,
    title: name,
    rows,
    columns,
    // 项目 (column B) is where a printed form's long labels go.
    columnWidths: Array.from({ length: columns }, (_, c) => (c === 1 ? 40 : 12)),
    texts: [],
    merges: [],
    cells,
    rosters: [],
    validations: [],
    sumRules: [],
    hiddenSources: [],
  };
}

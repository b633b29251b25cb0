/**
 * What loading a range's fill colour and validation type answers, for a range
 * of many cells (added for the paste repair, issue 11 item 10):
 * - `RangeFill.color`: the colour when every cell shares it ("#FFFFFF" when
 *   none has a fill), null when the cells differ;
 * - `DataValidation.type` (ExcelApi 1.8, `Excel.DataValidationType`): the rule's
 *   type when every cell has the same rule, "None" when none has one,
 *   "MixedCriteria" when "data validation present on some but not all cells",
 *   "Inconsistent" when "there are different rules on different cells".
 */
import { cellAt, cellsOf, type Cell } from "./state";
import type { RangeTarget } from "./range-target";

const TYPES: Readonly<Record<string, string>> = {
  wholeNumber: "WholeNumber",
  decimal: "Decimal",
  list: "List",
  date: "Date",
  time: "Time",
  textLength: "TextLength",
  custom: "Custom",
};

function cells(t: RangeTarget): Cell[] {
  return t.boxes.flatMap((b) => cellsOf(b).map(({ row, col }) => cellAt(t.sheet, row, col)));
}

export function fillColor(t: RangeTarget): string | null {
  const colors = new Set(cells(t).map((c) => (c.fill ?? "#FFFFFF").toUpperCase()));
  return colors.size === 1 ? ([...colors][0] as string) : null;
}

export function validationType(t: RangeTarget): string {
  const all = cells(t);
  const rules = all.filter((c) => c.validation).map((c) => JSON.stringify(c.validation?.rule));
  if (rules.length === 0) return "None";
  if (rules.length < all.length) return "MixedCriteria";
  if (new Set(rules).size > 1) return "Inconsistent";
  const kind = Object.keys(all[0]?.validation?.rule ?? {})[0] ?? "";
  return TYPES[kind] ?? "Custom";
}

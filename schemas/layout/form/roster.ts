/**
 * A roster (名册, a `roster` section) as an Excel table from column A: a title
 * row, a header row, then its prepared rows, `rowCount` of them (Excel cannot
 * grow a table on a protected sheet, so the rows exist up front and the
 * add-in adds more, see roster-rows.ts).
 */
import type { Column, RosterSection } from "../../template";
import { rangeAddress } from "../address";
import { numberFormatOf, valueTypeOf } from "./cell-rules";
import { columnField } from "./fields";
import type { RosterLayout } from "./layout-types";
import type { SheetDraft } from "./sheet-draft";
import { rosterTableName } from "./table-name";

/** Prepared roster rows when nothing else is asked for. */
export const DEFAULT_ROSTER_ROWS = 50;

/** Row ids of roster rows are their positions: `r0001` is the first data row. */
export function rosterRowId(index: number): string {
  return `r${String(index + 1).padStart(4, "0")}`;
}

function rosterColumnWidth(c: Column): number {
  const byType: Record<Column["type"], number> = {
    text: 14,
    enum: 12,
    date: 12,
    integer: 10,
    money: 12,
    idcard: 22,
    bankcard: 24,
    phone: 16,
  };
  return Math.max(byType[c.type], Array.from(c.label).length * 2 + 2);
}

/**
 * Lays out `section` on `sheet` from `start` with `asked` prepared rows (capped
 * at its maxRows); answers the roster's layout and the first row below it.
 */
export function placeRoster(
  draft: SheetDraft,
  sheet: string,
  section: RosterSection,
  start: number,
  asked: number | undefined,
): { roster: RosterLayout; next: number } {
  let r = start;
  const title = section.title ?? "名册";
  draft.fullWidth(r++, title, "sectionTitle");
  const headerRow = r;
  const rowCount = Math.max(1, Math.min(section.maxRows, asked ?? DEFAULT_ROSTER_ROWS));
  const firstRow = headerRow + 1;
  const lastRow = firstRow + rowCount - 1;
  const roster: RosterLayout = {
    key: section.key,
    title,
    tableName: rosterTableName(sheet, section.key),
    headerRow,
    firstRow,
    rowCount,
    maxRows: section.maxRows,
    left: 1,
    right: section.columns.length,
    columns: [],
    readOnly: false,
  };
  section.columns.forEach((c, i) => {
    const col = i + 1;
    const field = columnField(c, `${title}「${c.label}」`);
    draft.text(headerRow, col, c.label, "columnHeader");
    draft.widen(col, rosterColumnWidth(c));
    roster.columns.push({
      key: c.key,
      label: c.label,
      col,
      valueType: valueTypeOf(field),
      numberFormat: numberFormatOf(field),
    });
    draft.validations.add(rangeAddress({ top: firstRow, bottom: lastRow, left: col, right: col }), field);
  });
  return { roster, next: lastRow + 1 };
}

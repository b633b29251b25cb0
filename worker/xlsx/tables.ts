import { parseRange } from "../../schemas/layout/address";
import { cellText, type Sheet, type SheetTable } from "./sheet";
import { escapeAttr, MAIN_NS, XML_HEAD } from "./xml-write";

/**
 * Excel tables (ECMA-376 Part 1 §18.5.1.2, xl/tables/tableN.xml), each tied to
 * its sheet by a relationship and a `tablePart`. Excel repairs a file ("We
 * found a problem with some content") whose table names clash in the workbook,
 * whose column names repeat, or whose header cells differ from the column
 * names, so those are refused here, before a file is written.
 */

export const TABLE_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml";

/** The style the add-in gives a roster's table (addin/excel/office-draw.ts). */
const TABLE_STYLE = "TableStyleLight9";

export function tableXml(table: SheetTable, id: number): string {
  const columns = table.columns.map((name, i) => `<tableColumn id="${i + 1}" name="${escapeAttr(name)}"/>`).join("");
  const name = escapeAttr(table.name);
  return (
    `${XML_HEAD}<table xmlns="${MAIN_NS}" id="${id}" name="${name}" displayName="${name}" ref="${table.ref}" totalsRowShown="0">` +
    `<autoFilter ref="${table.ref}"/><tableColumns count="${table.columns.length}">${columns}</tableColumns>` +
    `<tableStyleInfo name="${TABLE_STYLE}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
  );
}

/**
 * Letters, digits, "_" and ".", a letter, "_" or "\\" first, never what reads as a cell
 * reference (A1, R1C1, R, C), at most 255 characters (ECMA-376 Part 1 §18.2.5,
 * schemas/layout/form/table-name.ts).
 */
function validName(name: string): boolean {
  if (!/^[A-Za-z_\\][A-Za-z0-9_.]{0,254}$/.test(name)) return false;
  return !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^[Rr]\d*([Cc]\d*)?$/.test(name) && !/^[Cc]\d*$/.test(name);
}

/** Throws when a table would make Excel repair the file. */
export function checkTables(sheets: readonly Sheet[]): void {
  const names = new Set<string>();
  for (const sheet of sheets) {
    for (const t of sheet.tables ?? []) {
      const key = t.name.toLowerCase();
      if (!validName(t.name) || names.has(key))
        throw new Error(`table name ${t.name} is invalid or not unique in the workbook`);
      names.add(key);
      const r = parseRange(t.ref);
      if (r.right - r.left + 1 !== t.columns.length || r.bottom <= r.top)
        throw new Error(`table ${t.name}: ${t.columns.length} columns do not fit ${t.ref}`);
      const seen = new Set<string>();
      t.columns.forEach((column, i) => {
        const header = cellText(sheet.rows[r.top - 1]?.[r.left - 1 + i] ?? null);
        if (column === "" || seen.has(column.toLowerCase()) || header !== column)
          throw new Error(`table ${t.name}: column ${i + 1} is "${column}", its header cell "${header}"`);
        seen.add(column.toLowerCase());
      });
    }
  }
}

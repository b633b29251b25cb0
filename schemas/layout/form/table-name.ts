/**
 * The Excel table name of a roster. Excel wants table names unique in the
 * whole workbook (the `Table.name` reference points to Microsoft's "Rename an
 * Excel table": letters, digits, underscores and periods, a letter or
 * underscore first, never a cell reference such as `A1` or `R1C1`, at most 255
 * characters, compared without case; ECMA-376 Part 1 §18.2.5 / §18.5.1.2 say
 * the same of defined and table names). One workbook holds the filler's sheet,
 * the officer's consolidated sheet and every drill-down of the same roster
 * form, so the name comes from the sheet, not the template: `HB_<hash of the
 * sheet name>_<section key>`. The hash is stable, so a reopened sheet finds its
 * table again; `_` keeps the name from ever reading as a cell reference.
 */

/** Excel's longest table name. */
export const TABLE_NAME_MAX = 255;

export function rosterTableName(sheet: string, sectionKey: string): string {
  return `HB_${sheetHash(sheet)}_${sectionKey.replace(/[^A-Za-z0-9_]/g, "_")}`.slice(0, TABLE_NAME_MAX);
}

/**
 * 32-bit FNV-1a over the UTF-16 code units, as 8 hex digits: short, stable in
 * every JavaScript engine, and spread well enough that two sheets of one
 * workbook practically never share it (Excel refuses a clash loudly, never silently).
 */
function sheetHash(sheet: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < sheet.length; i++) {
    h ^= sheet.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/**
 * A form workbook as the xlsx reader gives it (worker/xlsx/workbook.ts), built
 * from the one shared layout and some values: what a spreadsheet would hand
 * back after a clerk filled the downloaded form. Texts as shared strings,
 * numbers as numbers, each roster as a table, the identity on a hidden sheet.
 * The edits a clerk can make to the sheet (insert a row or a column, grow a
 * roster, rename the sheet) are plain functions on it.
 */
import { a1, columnLetter, parseCell, parseRange, rangeAddress } from "../../../schemas/layout/address";
import { CellIndex } from "../../../schemas/layout/form/cell-index";
import {
  FORM_FORMAT,
  IDENTITY_SHEET,
  identityRows,
  layoutDigest,
  type FormIdentity,
} from "../../../schemas/layout/form/identity";
import { buildLayout, type SheetLayout } from "../../../schemas/layout/form/layout";
import type { Template } from "../../../schemas/template";
import type { CellValue, ReadCell, ReadSheet, ReadWorkbook } from "../../../worker/xlsx/workbook";

export interface FormBookOptions {
  round: string;
  unit: string;
  unitName: string;
  reportVersion: number;
  rosterRows?: Record<string, number>;
  /** By cell key: what the clerk left in the cell (a number stays a number, text stays text). */
  values?: Record<string, string | number | boolean>;
  date1904?: boolean;
}

export interface FormBook {
  book: ReadWorkbook;
  layout: SheetLayout;
  identity: FormIdentity;
  form: ReadSheet;
}

export function cellOf(v: string | number | boolean): ReadCell {
  const value: CellValue =
    typeof v === "number"
      ? { kind: "number", value: v, raw: String(v) }
      : typeof v === "boolean"
        ? { kind: "boolean", value: v }
        : { kind: "string", value: v };
  return { value };
}

export async function formBook(template: Template, o: FormBookOptions): Promise<FormBook> {
  const rosterRows = o.rosterRows ?? Object.fromEntries(rosterKeys(template).map((k) => [k, 5]));
  const layout = buildLayout(template, { unitName: o.unitName, rosterRows });
  const form: ReadSheet = { name: layout.sheet, state: "visible", cells: new Map(), tables: [] };
  for (const t of layout.texts) form.cells.set(t.address, cellOf(t.text));
  for (const r of layout.rosters) {
    form.tables.push({
      name: r.tableName,
      ref: rangeAddress({ top: r.headerRow, left: r.left, bottom: r.firstRow + r.rowCount - 1, right: r.right }),
      columns: ["序号", ...r.columns.map((c) => c.label)],
    });
  }
  const index = new CellIndex(layout);
  for (const [key, v] of Object.entries(o.values ?? {})) {
    const at = index.locate(key);
    if (!at) throw new Error(`no cell ${key} in the layout`);
    form.cells.set(at.address, cellOf(v));
  }
  const identity: FormIdentity = {
    format: FORM_FORMAT,
    templateId: template.id,
    templateVersion: template.version,
    round: o.round,
    unit: o.unit,
    unitName: o.unitName,
    reportVersion: o.reportVersion,
    sheet: layout.sheet,
    rosterRows,
    layoutDigest: await layoutDigest(layout),
  };
  const id: ReadSheet = { name: IDENTITY_SHEET, state: "hidden", cells: new Map(), tables: [] };
  identityRows(identity).forEach((row, i) => row.forEach((text, c) => id.cells.set(a1(i + 1, c + 1), cellOf(text))));
  return { book: { sheets: [form, id], date1904: o.date1904 ?? false }, layout, identity, form };
}

function rosterKeys(template: Template): string[] {
  return template.sections.filter((s) => s.kind === "roster").map((s) => s.key);
}

/** Sets a cell by address (undefined: blanks it). */
export function setCell(sheet: ReadSheet, address: string, v: string | number | boolean | undefined): void {
  if (v === undefined) sheet.cells.delete(address);
  else sheet.cells.set(address, cellOf(v));
}

/** What Excel does on 插入行 at `row`: everything from it moves down one; tables spanning it grow. */
export function insertRow(sheet: ReadSheet, row: number): void {
  moveCells(sheet, (r, c) => [r >= row ? r + 1 : r, c]);
  for (const t of sheet.tables) {
    const p = parseRange(t.ref);
    t.ref = rangeAddress({
      ...p,
      top: p.top >= row ? p.top + 1 : p.top,
      bottom: p.bottom >= row ? p.bottom + 1 : p.bottom,
    });
  }
}

/** What Excel does on 插入列 at `col`: everything from it moves right one. */
export function insertColumn(sheet: ReadSheet, col: number): void {
  moveCells(sheet, (r, c) => [r, c >= col ? c + 1 : c]);
  for (const t of sheet.tables) {
    const p = parseRange(t.ref);
    t.ref = rangeAddress({
      ...p,
      left: p.left >= col ? p.left + 1 : p.left,
      right: p.right >= col ? p.right + 1 : p.right,
    });
  }
}

/** Rows typed into a table right below its last row (the table grows over them). */
export function growTable(sheet: ReadSheet, table: number, rows: number): void {
  const t = sheet.tables[table];
  if (!t) throw new Error(`no table ${table}`);
  const p = parseRange(t.ref);
  t.ref = rangeAddress({ ...p, bottom: p.bottom + rows });
}

function moveCells(sheet: ReadSheet, move: (row: number, col: number) => [number, number]): void {
  const moved = new Map<string, ReadCell>();
  for (const [address, cell] of sheet.cells) {
    const { row, col } = parseCell(address);
    const [r, c] = move(row, col);
    moved.set(`${columnLetter(c)}${r}`, cell);
  }
  sheet.cells = moved;
}

import { a1 } from "../../schemas/layout/address";
import { XlsxError } from "./errors";
import { shiftFormula } from "./formula-shift";
import { readStringItem, unescapeXstring } from "./read-strings";
import type { CellValue, ReadCell } from "./workbook";
import { XmlCursor } from "./xml";

/** What reading a worksheet needs from the rest of the workbook. */
export interface SheetContext {
  strings: string[];
  /** Number format by cell style index (`s`). */
  formats: string[];
  date1904: boolean;
  /**
   * Cells the workbook may still hold (ReadLimits.maxCells) and characters of
   * shared formulas it may still copy into cells (maxFormulaChars), counted down across sheets.
   */
  budget: { cells: number; formulaChars: number };
}

interface SharedFormula {
  text: string;
  row: number;
  col: number;
}

const ADDRESS = /^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$/;

function position(ref: string, part: string): { row: number; col: number } {
  const m = ADDRESS.exec(ref);
  if (!m) throw new XlsxError("corrupt", `${part}: cell reference ${ref}`);
  let col = 0;
  for (const ch of (m[1] as string).toUpperCase()) col = col * 26 + ch.charCodeAt(0) - 64;
  return { row: Number(m[2]), col };
}

/**
 * The cells of a worksheet part (`<sheetData>`, ECMA-376 Part 1 §18.3.1.4):
 * cells and rows without an `r` attribute (some writers omit them) take the
 * position after the previous one.
 */
export function readWorksheet(xml: string, part: string, context: SheetContext): Map<string, ReadCell> {
  const cells = new Map<string, ReadCell>();
  const shared = new Map<string, SharedFormula>();
  const cursor = new XmlCursor(xml, part);
  let row = 0;
  let col = 0;
  for (let token = cursor.next(); token !== "end"; token = cursor.next()) {
    if (token !== "open") continue;
    if (cursor.name === "row") {
      row = cursor.attrs.r !== undefined ? Number(cursor.attrs.r) : row + 1;
      col = 0;
      if (!Number.isInteger(row) || row < 1) throw new XlsxError("corrupt", `${part}: row ${cursor.attrs.r}`);
    } else if (cursor.name === "c") {
      if (cursor.attrs.r !== undefined) ({ row, col } = position(cursor.attrs.r, part));
      else col++;
      const cell = readCell(cursor, part, context, shared, row, col);
      if (cell) {
        if (--context.budget.cells < 0) throw new XlsxError("too_large", `${part}: too many cells`);
        cells.set(a1(row, col), cell);
      }
    } else if (cursor.name !== "worksheet" && cursor.name !== "sheetData") {
      cursor.skip(); // columns, merges, validation, conditional formats …: not values
    }
  }
  return cells;
}

function readCell(
  cursor: XmlCursor,
  part: string,
  context: SheetContext,
  shared: Map<string, SharedFormula>,
  row: number,
  col: number,
): ReadCell | undefined {
  const type = cursor.attrs.t ?? "n";
  const style = Number(cursor.attrs.s ?? 0);
  let v: string | undefined;
  let inline: string | undefined;
  let formula: string | undefined;
  if (!cursor.empty) {
    for (let token = cursor.next(); token !== "close" || cursor.name !== "c"; token = cursor.next()) {
      if (token === "end") throw new XlsxError("corrupt", `${part}: unclosed cell`);
      if (token !== "open") continue;
      if (cursor.name === "v") v = cursor.readText();
      else if (cursor.name === "is") inline = readStringItem(cursor);
      else if (cursor.name === "f") formula = readFormula(cursor, shared, row, col, context.budget, part);
      else cursor.skip();
    }
  }
  const value = cellValue(type, v, inline, context, part);
  if (value === undefined || (value.kind === "string" && value.value === "")) {
    // A formula with no cached result (exceljs writes them so) is still worth knowing.
    return formula === undefined ? undefined : { value: { kind: "string", value: "" }, formula };
  }
  const cell: ReadCell = { value };
  if (formula !== undefined) cell.formula = formula;
  if (value.kind === "number") {
    const format = context.formats[style];
    if (format !== undefined && format !== "General") cell.format = format;
  }
  return cell;
}

function readFormula(
  cursor: XmlCursor,
  shared: Map<string, SharedFormula>,
  row: number,
  col: number,
  budget: SheetContext["budget"],
  part: string,
): string | undefined {
  const { t, si } = cursor.attrs;
  const text = cursor.readText();
  if (t === "dataTable") return undefined; // a what-if table's cells: no formula of their own
  if (t !== "shared" || si === undefined) return text;
  if (text !== "") {
    shared.set(si, { text, row, col });
    return text;
  }
  const master = shared.get(si);
  if (!master) return undefined;
  budget.formulaChars -= master.text.length;
  if (budget.formulaChars < 0) throw new XlsxError("too_large", `${part}: shared formulas copied beyond the limit`);
  return shiftFormula(master.text, row - master.row, col - master.col);
}

function cellValue(
  type: string,
  v: string | undefined,
  inline: string | undefined,
  context: SheetContext,
  part: string,
): CellValue | undefined {
  switch (type) {
    case "s": {
      if (v === undefined || v.trim() === "") return undefined;
      const value = context.strings[Number(v)];
      if (value === undefined) throw new XlsxError("corrupt", `${part}: shared string ${v}`);
      return { kind: "string", value };
    }
    case "inlineStr":
      return { kind: "string", value: inline ?? unescapeXstring(v ?? "") };
    case "str":
      return v === undefined ? undefined : { kind: "string", value: unescapeXstring(v) };
    case "b":
      return v === undefined ? undefined : { kind: "boolean", value: v.trim() === "1" || v.trim() === "true" };
    case "e":
      return v === undefined ? undefined : { kind: "error", value: v.trim() };
    case "d":
      return v === undefined ? undefined : isoDate(v.trim(), context.date1904);
    default:
      return number(v);
  }
}

function number(v: string | undefined): CellValue | undefined {
  if (v === undefined) return undefined;
  const raw = v.trim();
  if (raw === "") return undefined;
  const value = Number(raw);
  // Not a number after all: kept as the text it is rather than lost.
  return Number.isFinite(value) ? { kind: "number", value, raw } : { kind: "string", value: v };
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?(Z|[+-]\d{2}:?\d{2})?$/;
const DAY = 86_400_000;

/**
 * A `t="d"` cell (ISO 8601, ECMA-376 Part 1 §18.17.4) as the serial number
 * Excel would have stored, so that callers see one kind of date. Serials of
 * the 1900 system count the phantom 1900-02-29 (§18.17.4.1): days before
 * 1900-03-01 are one less.
 */
function isoDate(text: string, date1904: boolean): CellValue {
  const m = ISO.exec(text);
  if (!m) return { kind: "string", value: text };
  const [, y, mo, d, h, mi, s] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), 0) + Number(s ?? 0) * 1000;
  let serial = (ms - (date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30))) / DAY;
  if (!date1904 && serial < 61) serial -= 1;
  const value = Math.round(serial * 1e10) / 1e10;
  return { kind: "number", value, raw: String(value) };
}

/**
 * A filled form as an .xlsx file, written by the Worker's own writer
 * (worker/xlsx/write.ts) from a `FormBook`: the bytes a clerk would upload.
 * The writer draws plain sheets (no tables, every sheet visible), so these
 * files also stand for a program that dropped the table parts on saving.
 */
import { parseCell } from "../../../schemas/layout/address";
import { SheetGrid, type SheetCell } from "../../../worker/xlsx/sheet";
import { toXlsx } from "../../../worker/xlsx/write";
import type { ReadSheet } from "../../../worker/xlsx/workbook";
import type { FormBook } from "./form-book";

export function formFile(form: FormBook): Promise<Uint8Array> {
  return toXlsx(form.book.sheets.map(toSheet));
}

function toSheet(sheet: ReadSheet) {
  const grid = new SheetGrid(sheet.name);
  for (const [address, cell] of sheet.cells) {
    const { row, col } = parseCell(address);
    const v = cell.value;
    const out: SheetCell =
      v.kind === "number" ? { number: v.raw, format: "General" } : v.kind === "boolean" ? String(v.value) : v.value;
    grid.set(row, col, out);
  }
  return grid.toSheet();
}

/**
 * The note a mark carries, by what the host supports: notes (ExcelApi 1.18),
 * threaded comments (1.10), or nothing (fill only). `noted` holds the
 * addresses that carry one of ours, so a clear needs no lookup round trip.
 */
import { a1, parseCell } from "../../schemas/layout/address";
import type { SheetLayout } from "../../schemas/layout/form/layout-types";
import { rowMove } from "../../schemas/layout/form/roster-rows";

export type NoteMode = "notes" | "comments" | "none";

export function noteModeOf(isSetSupported: (name: string, version: string) => boolean): NoteMode {
  return isSetSupported("ExcelApi", "1.18") ? "notes" : isSetSupported("ExcelApi", "1.10") ? "comments" : "none";
}

export function setNote(
  mode: NoteMode,
  ctx: Excel.RequestContext,
  ws: Excel.Worksheet,
  range: Excel.Range,
  address: string,
  text: string,
  noted: Set<string>,
): void {
  if (mode === "notes") {
    if (noted.has(address)) ws.notes.getItem(address).content = text;
    else ws.notes.add(range, text);
  } else if (mode === "comments") {
    if (noted.has(address)) ctx.workbook.comments.getItemByCell(range).content = text;
    else ctx.workbook.comments.add(range, text);
  } else {
    return;
  }
  noted.add(address);
}

export function removeNote(
  mode: NoteMode,
  ctx: Excel.RequestContext,
  ws: Excel.Worksheet,
  range: Excel.Range,
  address: string,
  noted: Set<string>,
): void {
  if (!noted.has(address)) return;
  if (mode === "notes") ws.notes.getItem(address).delete();
  else if (mode === "comments") ctx.workbook.comments.getItemByCell(range).delete();
  noted.delete(address);
}

/** Notes move with their cells when rows are inserted above them. */
export function movedNotes(noted: ReadonlySet<string>, before: SheetLayout, after: SheetLayout): Set<string> {
  const move = rowMove(before, after);
  return new Set(
    [...noted].map((address) => {
      const p = parseCell(address);
      return a1(move(p.row, p.col), p.col);
    }),
  );
}

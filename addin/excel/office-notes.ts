/**
 * The note a mark carries, by what the host supports (office-features.ts):
 * notes (ExcelApi 1.18), threaded comments (1.10), or nothing. `noted` holds
 * the addresses that carry one of ours, so a clear needs no lookup round trip;
 * callers change a copy and keep it only once the sync succeeded.
 */
import { a1, parseCell, parseRange } from "../../schemas/layout/address";
import type { SheetLayout } from "../../schemas/layout/form/layout-types";
import { rowMove } from "../../schemas/layout/form/roster-rows";
import type { NoteMode } from "./office-features";

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

/**
 * The cells that carry a note on the sheet now, read from the sheet itself
 * (two syncs): after a failed batch, or after the clerk deleted or added a
 * note, the remembered set is no longer true — a batch is not a transaction.
 */
export async function notedCells(ctx: Excel.RequestContext, ws: Excel.Worksheet): Promise<Set<string>> {
  const notes = ws.notes;
  notes.load("items");
  await ctx.sync();
  const places = notes.items.map((n) => {
    const at = n.getLocation();
    at.load("address");
    return at;
  });
  await ctx.sync();
  return new Set(
    places.map((p) => {
      const box = parseRange(p.address);
      return a1(box.top, box.left);
    }),
  );
}

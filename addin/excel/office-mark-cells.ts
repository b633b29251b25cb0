/**
 * Sends a call of marks within Excel on the web's 5 MB per request (Microsoft,
 * "Resource limits and performance optimization for Office Add-ins"): the
 * mark values go to the marks sheet as blocks of adjacent cells, split like
 * any value write (addin/sheet/value-blocks.ts), and each note is one call
 * counted with its text. Everything is queued into one sync until the next
 * call would pass the 4 MB budget; an ordinary call of marks is one sync,
 * marking a whole 20,000-row roster a few.
 */
import { CALL_BYTES, cellBytes, PAYLOAD_BUDGET } from "../sheet/payload";
import { batchesUnder, blockBytes, valueBlocks, type CellWrite } from "../sheet/value-blocks";
import type { NoteMode } from "./office-features";
import { removeNote, setNote } from "./office-notes";

/** One cell to mark (`note` set) or to clear (`note` null), and the value it gets on the marks sheet. */
export interface MarkWrite extends CellWrite {
  address: string;
  note: string | null;
}

/** Queues and syncs; `noted` is changed as notes are queued (the caller keeps it only if all syncs succeed). */
export async function sendMarks(
  ctx: Excel.RequestContext,
  ws: Excel.Worksheet,
  marks: Excel.Worksheet,
  mode: NoteMode,
  writes: readonly MarkWrite[],
  noted: Set<string>,
): Promise<void> {
  let used = 0;
  // Syncs what is queued when `bytes` more would pass the budget.
  const spend = async (bytes: number) => {
    if (used > 0 && used + bytes > PAYLOAD_BUDGET) {
      await ctx.sync();
      used = 0;
    }
    used += bytes;
  };
  for (const block of batchesUnder(valueBlocks(writes), PAYLOAD_BUDGET).flat()) {
    await spend(blockBytes(block));
    marks.getRange(block.address).values = block.values;
  }
  for (const w of writes) {
    // A note is a range call and a note call: count both, and the text.
    await spend(2 * CALL_BYTES + (w.note === null ? 0 : cellBytes(w.note)));
    const range = ws.getRange(w.address);
    if (w.note === null) removeNote(mode, ctx, ws, range, w.address, noted);
    else setNote(mode, ctx, ws, range, w.address, w.note, noted);
  }
  if (used > 0) await ctx.sync();
}

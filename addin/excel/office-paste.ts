/**
 * Reading a change back, and repairing what a paste broke, with Office.js. A
 * plain paste brings the source's formats — number format, fill, conditional
 * formats, data validation — into the clerk's cells (and skips the validation:
 * Microsoft, "Add data validation to Excel ranges"), so the read of every change also
 * loads, in the same round trip, the number formats of the changed area and the
 * validation type (`DataValidation.type`, ExcelApi 1.8) and fill of each piece
 * one validation block covers (addin/sheet/paste-repair.ts decides). Typing
 * breaks nothing and costs nothing more; a paste that broke something costs one
 * more sync, which puts back the layout's number formats, the input colour,
 * unlocked cells, the sheet's conditional formats (marks and 其中 rules) and the whole validation
 * blocks (whole, so a custom formula written for a block's top cell stays right).
 *
 * The repair changes formats and validation, which a protected sheet refuses
 * even from the add-in, so it unprotects the sheet for that batch — which
 * clears the clerk's undo history (Microsoft, "Undo support with the Excel
 * JavaScript API": `WorksheetProtection.protect` / `unprotect` have no undo
 * support, and calling one clears the user's undo stack). It happens only
 * after a paste that brought foreign formats; typing and pasting values never
 * get there.
 */
import type { RangePos } from "../../schemas/layout/address";
import type { CellIndex } from "../../schemas/layout/form/cell-index";
import { restingFill } from "../../schemas/layout/form/input-areas";
import type { SheetLayout, ValidationBlock } from "../../schemas/layout/form/layout-types";
import { damagedPieces, pastePieces, type PastePiece, type PasteSeen } from "../sheet/paste-repair";
import { applyValidation, drawSumRuleFormats } from "./office-draw";
import { PROTECTION } from "./office-host";
import { readInPages } from "./office-io";
import { drawMarkFormats, markAreas } from "./office-marks";

/** The form as the adapter knows it: its layout, and the very hidden sheet its marks are written to. */
export interface FormContext {
  layout: SheetLayout;
  index: CellIndex;
  marks: string;
}

/**
 * Values of `box` as Excel holds them after a change, rows × columns from its
 * top-left; repairs a paste's damage on the way (one more sync, only then).
 */
export async function readChange(
  ctx: Excel.RequestContext,
  ws: Excel.Worksheet,
  sheet: FormContext,
  box: RangePos,
): Promise<unknown[][]> {
  const pieces = pastePieces(sheet.layout, box);
  let loads: { piece: PastePiece; range: Excel.Range }[] = [];
  const read = await readInPages(ctx, ws, box, ["values", "numberFormat"], () => {
    loads = pieces.map((piece) => {
      const range = ws.getRange(piece.address);
      range.dataValidation.load("type");
      range.format.fill.load("color");
      return { piece, range };
    });
  });
  const seen: PasteSeen = {
    box,
    numberFormats: read.numberFormat,
    pieces: loads.map(({ piece, range }) => ({
      piece,
      type: range.dataValidation.type ?? null,
      fill: range.format.fill.color ?? null,
    })),
  };
  const damaged = damagedPieces(sheet.index, seen);
  if (damaged.length > 0) {
    ws.protection.unprotect();
    queueRepair(ws, sheet, damaged);
    ws.protection.protect(PROTECTION);
    await ctx.sync();
  }
  return read.values;
}

/** Queues the layout's number formats, fills, unlocked cells and validation blocks back over `pieces`; no sync. */
export function queueRepair(ws: Excel.Worksheet, sheet: FormContext, pieces: readonly PastePiece[]): void {
  const blocks = new Set<ValidationBlock>();
  for (const piece of pieces) {
    const range = ws.getRange(piece.address);
    const formats = rowsOf(piece, (row, col) => sheet.index.at(row, col)?.numberFormat ?? "General");
    const one = formats[0]?.[0];
    // A roster column is one format: one value for the piece keeps a long paste's repair small.
    range.numberFormat = formats.every((line) => line.every((f) => f === one))
      ? (one as unknown as string[][])
      : formats;
    const fill = restingFill(sheet.index.at(piece.top, piece.left));
    if (fill) range.format.fill.color = fill;
    else range.format.fill.clear();
    // The locked flag is part of a cell's format: whatever the source had, the clerk's cell stays open.
    range.format.protection.locked = false;
    blocks.add(piece.block);
  }
  // A paste brings the source's conditional formats too and cuts the layout's out of the cells it covered.
  // Adding ours back over the pieces alone would pile up two more rules a paste; the sheet's whole set is
  // drawn again instead (ConditionalFormatCollection.clearAll, ExcelApi 1.6): the marks' and the 其中 rules'.
  ws.getRange().conditionalFormats.clearAll();
  // In the render's order: the marks are added last, so they win over a 其中 rule's red.
  drawSumRuleFormats(ws, sheet.layout);
  drawMarkFormats(ws, sheet.marks, markAreas(sheet.layout));
  for (const block of blocks) {
    const dv = ws.getRange(block.range).dataValidation;
    dv.clear();
    applyValidation(dv, block);
  }
}

function rowsOf<T>(r: RangePos, at: (row: number, col: number) => T): T[][] {
  const out: T[][] = [];
  for (let row = r.top; row <= r.bottom; row++) {
    const line: T[] = [];
    for (let col = r.left; col <= r.right; col++) line.push(at(row, col));
    out.push(line);
  }
  return out;
}

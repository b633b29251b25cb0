/**
 * A paste replaces what the target cells carried besides their values: a plain
 * Ctrl+V brings the source's number format, fill and data validation (and it
 * bypasses data validation: Microsoft, "Add data validation to Excel ranges":
 * "If the user copies a cell and does a plain paste into a range with data
 * validation, validation is not triggered"). Nothing in Excel puts them back,
 * so the add-in does: every change is read back with, in the same round trip,
 * the number formats of the changed cells and the validation type and fill of
 * each piece of them that one validation block covers; a piece that differs
 * from the layout is restored. Pure: which pieces to look at, which to restore.
 */
import { intersect, parseRange, rangeAddress, type RangePos } from "../../schemas/layout/address";
import { restingFill } from "../../schemas/layout/form/input-areas";
import type { CellIndex } from "../../schemas/layout/form/cell-index";
import type { SheetLayout, ValidationBlock } from "../../schemas/layout/form/layout-types";

/** Part of a changed area under one validation block: one load of its validation type and fill. */
export interface PastePiece extends RangePos {
  address: string;
  block: ValidationBlock;
}

/** What Excel reported for the changed area: number formats cell by cell, type and fill per piece. */
export interface PasteSeen {
  box: RangePos;
  numberFormats: readonly (readonly unknown[])[];
  pieces: readonly { piece: PastePiece; type: string | null; fill: string | null }[];
}

/** Excel's `DataValidation.type` for a block as `applyValidation` sets it (a formula makes it Custom). */
export function validationType(block: ValidationBlock): string {
  if (block.formula) return "Custom";
  const types: Record<ValidationBlock["rule"]["type"], string> = {
    wholeNumber: "WholeNumber",
    decimal: "Decimal",
    list: "List",
    textLength: "TextLength",
    date: "Date",
  };
  return types[block.rule.type];
}

/** The pieces of `box` that validation blocks cover (every input cell is in one block). */
export function pastePieces(layout: SheetLayout, box: RangePos): PastePiece[] {
  return layout.validations.flatMap((block) => {
    const part = intersect(parseRange(block.range), box);
    return part ? [{ ...part, address: rangeAddress(part), block }] : [];
  });
}

/**
 * The pieces a paste damaged: a number format, validation type or fill that is
 * not the layout's. A mark never changes a cell's own fill (it is a conditional
 * format over it, addin/excel/office-marks.ts), so the fill is the cell's
 * resting fill (a mixed fill loads as null: Microsoft, "Excel JavaScript API
 * programming overview", null property values in the response).
 */
export function damagedPieces(index: CellIndex, seen: PasteSeen): PastePiece[] {
  return seen.pieces
    .filter(({ piece, type, fill }) => {
      if (type !== validationType(piece.block)) return true;
      if (formatsDiffer(index, seen, piece)) return true;
      const resting = restingFill(index.at(piece.top, piece.left)) ?? "#FFFFFF";
      return (fill ?? "").toUpperCase() !== resting.toUpperCase();
    })
    .map(({ piece }) => piece);
}

function formatsDiffer(index: CellIndex, seen: PasteSeen, piece: PastePiece): boolean {
  for (let row = piece.top; row <= piece.bottom; row++) {
    for (let col = piece.left; col <= piece.right; col++) {
      const cell = index.at(row, col);
      if (!cell) continue;
      if (seen.numberFormats[row - seen.box.top]?.[col - seen.box.left] !== cell.numberFormat) return true;
    }
  }
  return false;
}

/**
 * What a Range proxy stands for at sync time — a sheet and one or more
 * rectangular areas — and how an address becomes those areas.
 */
import { officeError } from "./errors";
import { parseAreas } from "../../../../schemas/layout/address";
import type { Box, SheetState } from "./state";

export interface RangeTarget {
  sheet: SheetState;
  boxes: Box[];
}

/** Parses `C5`, `C5:D9`, `C:C`, `5:7` and multi-area `C5:C9,E5` (InvalidArgument otherwise). */
export function boxesOf(address: string): Box[] {
  try {
    const boxes = parseAreas(address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address);
    if (boxes.length === 0) throw new Error("empty");
    return boxes;
  } catch {
    throw officeError("InvalidArgument", `"${address}" is not a valid range address.`, "Worksheet.getRange");
  }
}

export function columnOf(sheet: SheetState, col: number): { width?: number; hidden?: boolean } {
  let c = sheet.columns.get(col);
  if (!c) sheet.columns.set(col, (c = {}));
  return c;
}

/**
 * The light-blue "fill here" colour with Office.js, from the one answer of
 * schemas/layout/form/input-areas.ts: drawn over every input area (roster rows
 * included, so real Excel shows them as the preview does), over the rows a
 * roster grows by, and back over everything when stale marks are cleared.
 * Multi-area ranges (`getRanges`, ExcelApi 1.9) keep the proxies few.
 */
import { compactAddresses } from "../../schemas/layout/address";
import { COLORS } from "../../schemas/layout/colors";
import { inputRanges } from "../../schemas/layout/form/input-areas";
import type { SheetLayout } from "../../schemas/layout/form/layout-types";

/** getRanges() takes a comma-joined address; keep each one short and safe for every host. */
const AREAS_MAX = 240;

/** Unlocks and colours every input area; no sync. */
export function queueInputAreas(ws: Excel.Worksheet, layout: SheetLayout): void {
  for (const areas of joinAreas(inputRanges(layout))) {
    const f = ws.getRanges(areas).format;
    f.protection.locked = false;
    f.fill.color = COLORS.input;
  }
}

/** Every cell back to its resting fill (marks gone): input colour where typed, none on locked value cells; no sync. */
export function queueRestingFills(ws: Excel.Worksheet, layout: SheetLayout): void {
  for (const areas of joinAreas(inputRanges(layout))) ws.getRanges(areas).format.fill.color = COLORS.input;
  const locked = layout.cells.filter((c) => c.locked).map((c) => c.address);
  for (const areas of joinAreas(compactAddresses(locked, false))) ws.getRanges(areas).format.fill.clear();
}

/** A1 ranges joined into multi-area addresses of bounded length. */
export function joinAreas(ranges: readonly string[]): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const range of ranges) {
    if (current && current.length + range.length + 1 > AREAS_MAX) {
      chunks.push(current);
      current = "";
    }
    current = current ? `${current},${range}` : range;
  }
  if (current) chunks.push(current);
  return chunks;
}

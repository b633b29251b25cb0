/**
 * Cutting a box out of a sheet's conditional formats, as Excel does when a
 * paste brings the source's formats over the target cells (the target's
 * conditional formats no longer cover them) and on
 * `ConditionalFormatCollection.clearAll()` over a range. A rule left with no
 * cell is gone. Its formula keeps shifting from the rule's original top-left
 * cell (Excel rewrites the formula when it splits the range).
 */
import type { Box, SheetState } from "./state";

export function cutConditionalFormats(sheet: SheetState, cut: Box): void {
  sheet.conditionalFormats = sheet.conditionalFormats.filter((cf) => {
    const first = cf.boxes[0];
    if (first && !cf.anchor) cf.anchor = { row: first.top, col: first.left };
    cf.boxes = cf.boxes.flatMap((b) => subtract(b, cut));
    return cf.boxes.length > 0;
  });
}

/** `b` without `cut`: up to four boxes (above, below, left, right of the overlap). */
function subtract(b: Box, cut: Box): Box[] {
  const top = Math.max(b.top, cut.top);
  const bottom = Math.min(b.bottom, cut.bottom);
  const left = Math.max(b.left, cut.left);
  const right = Math.min(b.right, cut.right);
  if (top > bottom || left > right) return [b];
  const out: Box[] = [];
  if (b.top < top) out.push({ ...b, bottom: top - 1 });
  if (bottom < b.bottom) out.push({ ...b, top: bottom + 1 });
  if (b.left < left) out.push({ top, bottom, left: b.left, right: left - 1 });
  if (right < b.right) out.push({ top, bottom, left: right + 1, right: b.right });
  return out;
}

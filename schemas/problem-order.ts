import { locateCell } from "./cells";
import type { CompiledTemplate } from "./compile";
import type { Frame } from "./expr/compile";
import type { Value } from "./expr/value";
import type { Problem } from "./problem";
import { compareRowIds } from "./rows";

/**
 * Where a problem sorts in the pane's list: by its first cell in form order —
 * template cells as printed, then each roster's rows in row order and their
 * columns left to right. A problem without a cell goes last.
 */
export function formOrder(compiled: CompiledTemplate, frame: Frame): (p: Problem) => number {
  const rowOrder = compiled.rosters.map(
    (l) =>
      new Map([...(frame.rosters[l.index] as Map<string, Value[]>).keys()].sort(compareRowIds).map((id, i) => [id, i])),
  );
  const base = compiled.cells.length;
  return (p) => {
    const key = p.cells[0];
    if (key === undefined) return Number.MAX_SAFE_INTEGER;
    const at = locateCell(compiled, key);
    if (!at) return Number.MAX_SAFE_INTEGER;
    if (at.kind === "cell") return at.cell.index;
    const rowIndex = rowOrder[at.roster.index]?.get(at.rowId) ?? 0;
    return base + (at.roster.index * 1_000_000 + rowIndex) * 64 + at.column.index;
  };
}

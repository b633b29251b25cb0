/**
 * Cell marks from the problem list. The sheet holds whatever marks were sent
 * last; `diffMarks` works out the smallest change to bring it to the current
 * problems, so one edit costs at most one `markCells` round trip, and a cell
 * whose problems are fixed loses its colour and note.
 */
import type { CellKey, CellMark } from "../../sheet/form-workbook";
import type { ProblemEntry } from "./problem-map";

/** cell → the marks it shows (one per problem on it). */
export type MarkState = ReadonlyMap<CellKey, readonly CellMark[]>;

export function marksOf(entries: readonly ProblemEntry[]): Map<CellKey, CellMark[]> {
  const out = new Map<CellKey, CellMark[]>();
  for (const e of entries) {
    // A notice is listed in the pane only: a cell mark is an error's or a warning's (red, amber).
    if (e.severity === "notice") continue;
    for (const cell of e.cells) {
      const list = out.get(cell) ?? [];
      list.push({ cell, severity: e.severity, note: e.message });
      out.set(cell, list);
    }
  }
  return out;
}

export interface MarkDiff {
  /** Every mark of each cell whose marks changed (the workbook merges them into one note). */
  marks: CellMark[];
  cleared: CellKey[];
  next: Map<CellKey, CellMark[]>;
}

export function diffMarks(previous: MarkState, entries: readonly ProblemEntry[]): MarkDiff {
  const next = marksOf(entries);
  const sig = (list: readonly CellMark[] | undefined) => JSON.stringify(list?.map((m) => [m.severity, m.note]) ?? null);
  const marks: CellMark[] = [];
  for (const [cell, list] of next) if (sig(list) !== sig(previous.get(cell))) marks.push(...list);
  const cleared = [...previous.keys()].filter((cell) => !next.has(cell));
  return { marks, cleared, next };
}

/**
 * A problem shown on a cell, as both the filler's sheet and the officer's
 * consolidated sheet show it: a red (error) or amber (warning) fill and a
 * note with the message. Plain data, so the notes a sheet carries are
 * computed without a workbook.
 */
import type { CellKey } from "./layout-types";

export type MarkSeverity = "error" | "warning";

/** How a problem's severity is said: on a cell's note and in an export's 审核提示. */
export const SEVERITY_LABEL: Readonly<Record<MarkSeverity, string>> = { error: "错误", warning: "警告" };

/** A problem shown on a cell: red (error) or amber (warning) fill plus a note with the message. */
export interface CellMark {
  cell: CellKey;
  severity: MarkSeverity;
  note: string;
}

/** One note per cell, errors first, so two problems on a cell do not overwrite each other. */
export function mergeMarks(marks: readonly CellMark[]): CellMark[] {
  const byCell = new Map<CellKey, CellMark>();
  const ordered = [...marks].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
  for (const m of ordered) {
    const prior = byCell.get(m.cell);
    const line = `【${SEVERITY_LABEL[m.severity]}】${m.note}`;
    if (prior) prior.note = `${prior.note}\n${line}`;
    else byCell.set(m.cell, { cell: m.cell, severity: m.severity, note: line });
  }
  return [...byCell.values()];
}

import type { Severity } from "./template";

/**
 * One thing wrong with a report, as the task pane lists it and the API returns it.
 * `id` is stable across runs (rule id, plus `@rowId` for a roster row rule), so an
 * incremental check can say which problems appeared and which cleared.
 */
export interface Problem {
  id: string;
  ruleId: string;
  severity: Severity;
  /** Cell keys to mark; the first is the one to select. */
  cells: string[];
  message: string;
  /** Roster row id for row rules. */
  row?: string;
}

/** The same finding as the pane shows it: a changed message or cell list is a change to announce. */
export function sameProblem(a: Problem, b: Problem): boolean {
  return a.message === b.message && a.severity === b.severity && a.cells.join() === b.cells.join();
}

/** A stable tie-break between problems at the same place. */
export function compareIds(a: Problem, b: Problem): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

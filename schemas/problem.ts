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

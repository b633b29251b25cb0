import type { Problem } from "../../schemas/problem";

/** A problem as the engine reports it, its id the rule's (one finding per rule). */
export function problem(id: string, severity: Problem["severity"], cells: string[], message: string): Problem {
  return { id, ruleId: id, severity, cells, message };
}

/** The findings the sync and problem-list tests share. */
export const GRANT_PARTS = problem(
  "grant-parts",
  "error",
  ["grant.total", "grant.primary"],
  "资助金额合计（100）应等于各学段之和（90）",
);
export const RAISED_DROP = problem("drop", "warning", ["raised"], "筹集资金比上年减少 30%");

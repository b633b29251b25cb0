/**
 * The words for where a report stands, one per status, said the same way by
 * the filler's pane, the officer's pane, the officer's status sheet (and its
 * conditional formats, which match on these words) and the exports.
 *
 * A draft is a unit that has not reported yet: opening a round gives every
 * reporting unit a draft (worker/db/rounds.ts insertRound), so there is no
 * "no report" state to name.
 */
import type { ReportStatus } from "./api/reports";

export const STATUS_LABEL: Readonly<Record<ReportStatus, string>> = {
  draft: "未上报",
  submitted: "已上报",
  returned: "已退回",
  approved: "已审核",
};

/** Appended to a status handed in after the due date, or still not handed in after it. */
export const LATE_MARK = "（逾期）";

/** `已上报（逾期）`. */
export function statusText(status: ReportStatus, late = false): string {
  return late ? STATUS_LABEL[status] + LATE_MARK : STATUS_LABEL[status];
}

/** The units of a round (or of a node's subtree) counted by status. */
export interface StatusCounts {
  expected: number;
  /** Handed in: submitted or approved. */
  reported: number;
  approved: number;
  returned: number;
  /** Not reported yet (未上报). */
  draft: number;
  late: number;
}

export function countStatuses(units: readonly { status: ReportStatus; late: boolean }[]): StatusCounts {
  const c: StatusCounts = { expected: units.length, reported: 0, approved: 0, returned: 0, draft: 0, late: 0 };
  for (const u of units) {
    if (u.status === "submitted" || u.status === "approved") c.reported++;
    if (u.status === "approved") c.approved++;
    else if (u.status === "returned") c.returned++;
    else if (u.status === "draft") c.draft++;
    if (u.late) c.late++;
  }
  return c;
}

/** `应报 44 家，已上报 4 家（其中已审核 1 家），已退回 0 家，未上报 40 家，逾期 44 家` — the pane's and the status sheet's summary line. */
export function summaryText(c: StatusCounts): string {
  return (
    `应报 ${c.expected} 家，${STATUS_LABEL.submitted} ${c.reported} 家（其中${STATUS_LABEL.approved} ${c.approved} 家），` +
    `${STATUS_LABEL.returned} ${c.returned} 家，${STATUS_LABEL.draft} ${c.draft} 家，逾期 ${c.late} 家`
  );
}

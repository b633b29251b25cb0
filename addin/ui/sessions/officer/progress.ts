/** How far a round has come, as the officer's round list counts it. Pure. */
import type { ReportSummary } from "../../../../schemas/api/reports";
import { countStatuses, type StatusCounts } from "../../../../schemas/status";
import { isLate } from "../../../../schemas/time";

/**
 * A report's `late` says it was handed in late; one not handed in (a draft,
 * or returned) is late too once the due date has passed.
 */
export function roundProgress(reports: readonly ReportSummary[], dueDate: string, now: Date): StatusCounts {
  const overdue = isLate(dueDate, now);
  return countStatuses(
    reports.map((r) => ({
      status: r.status,
      late: r.late || (overdue && (r.status === "draft" || r.status === "returned")),
    })),
  );
}

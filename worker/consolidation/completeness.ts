import type { Completeness, UnitStatus } from "../../schemas/api/consolidation";
import type { ReportStatus } from "../../schemas/api/reports";
import { isLate } from "../../schemas/time";
import type { ConsolidationRows, SubtreeReport } from "../db/consolidation-reads";

/**
 * Where each unit of the subtree stands (its status, lateness and problem
 * counts) and the completeness of the subtree: who was expected, who
 * reported, who is late, who is still missing.
 */
export function unitStatus(r: SubtreeReport, dueDate: string, now: Date): UnitStatus {
  const handedIn = r.status === "submitted" || r.status === "approved";
  return {
    code: r.unit,
    name: r.name,
    status: r.status,
    late: handedIn ? r.late === 1 : isLate(dueDate, now),
    submittedAt: r.submitted_at,
    errors: r.errors,
    warnings: r.warnings,
    unexplained: r.unexplained,
  };
}

/**
 * `listed` are every unit of the subtree, or (with `counts`) at least every
 * unit not handed in or late: the lists are complete either way.
 */
export function completeness(listed: UnitStatus[], counts: ConsolidationRows["statusCounts"]): Completeness {
  const byStatus: Record<ReportStatus, number> = { draft: 0, submitted: 0, returned: 0, approved: 0 };
  if (counts) for (const c of counts) byStatus[c.status] = c.n;
  else for (const u of listed) byStatus[u.status]++;
  const lateUnits = listed.filter((u) => u.late);
  return {
    expected: byStatus.draft + byStatus.submitted + byStatus.returned + byStatus.approved,
    reported: byStatus.submitted + byStatus.approved,
    byStatus,
    late: lateUnits.length,
    lateUnits,
    missing: listed.filter((u) => u.status === "draft" || u.status === "returned"),
  };
}

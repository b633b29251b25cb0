/** How far a round has come, as the officer's round list counts it. Pure. */
import type { ReportSummary } from "../../../../schemas/api/reports";
import type { UnitStatus } from "../../../../schemas/layout/officer/view";
import { daysLeft } from "../rounds";

/** The pane's words for a unit's status: every unit of a round has a draft, so a draft is 未报. */
export const PANE_STATUS: Record<UnitStatus, string> = {
  draft: "未报",
  missing: "未报",
  submitted: "已提交",
  returned: "退回",
  approved: "已审核",
};

export interface RoundProgress {
  expected: number;
  submitted: number;
  approved: number;
  returned: number;
  /** Still a draft: 未报. */
  missing: number;
  /** Handed in after the due date, or not handed in and the due date has passed. */
  late: number;
}

export function roundProgress(reports: readonly ReportSummary[], dueDate: string, now: Date): RoundProgress {
  const overdue = daysLeft(dueDate, now) < 0;
  const n = (f: (r: ReportSummary) => boolean) => reports.filter(f).length;
  return {
    expected: reports.length,
    submitted: n((r) => r.status === "submitted"),
    approved: n((r) => r.status === "approved"),
    returned: n((r) => r.status === "returned"),
    missing: n((r) => r.status === "draft"),
    late: n((r) => r.late || (overdue && (r.status === "draft" || r.status === "returned"))),
  };
}

/** `已提交 3 · 已审核 1 · 退回 0 · 未报 40 · 逾期 44（应报 44）` */
export function progressText(p: RoundProgress): string {
  return `已提交 ${p.submitted} · 已审核 ${p.approved} · 退回 ${p.returned} · 未报 ${p.missing} · 逾期 ${p.late}（应报 ${p.expected}）`;
}

/** How the rounds list words due dates and statuses. Pure, so it is tested without a DOM. */
import type { ReportStatus } from "../../../schemas/api/reports";

const DAY_MS = 86_400_000;
/** Due dates are China Standard Time (docs/api.md): a day ends at 23:59:59 UTC+8. */
const CST_OFFSET_MS = 8 * 3_600_000;

/** Whole days from today (in China) to `dueDate` (YYYY-MM-DD): 0 = due today, negative = overdue. */
export function daysLeft(dueDate: string, now: Date): number {
  const due = Date.parse(`${dueDate}T00:00:00Z`);
  const today = Math.floor((now.getTime() + CST_OFFSET_MS) / DAY_MS) * DAY_MS;
  return Math.round((due - today) / DAY_MS);
}

export function dueLabel(dueDate: string, now: Date): { text: string; tone: "ok" | "soon" | "late" } {
  const days = daysLeft(dueDate, now);
  if (days < 0) return { text: `已逾期 ${-days} 天`, tone: "late" };
  if (days === 0) return { text: "今天截止", tone: "soon" };
  return { text: `还剩 ${days} 天`, tone: days <= 3 ? "soon" : "ok" };
}

export function statusLabel(status: ReportStatus | null, late = false): string {
  switch (status) {
    case "draft":
      return "未上报";
    case "submitted":
      return late ? "已上报（逾期）" : "已上报";
    case "returned":
      return "已退回";
    case "approved":
      return "已通过";
    default:
      return "状态未知";
  }
}

/** Whether the filler may still change the report. */
export function isEditable(status: ReportStatus | null): boolean {
  return status === null || status === "draft" || status === "returned";
}

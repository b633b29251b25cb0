/** How the rounds list words due dates and statuses. Pure, so it is tested without a DOM. */
import type { ReportStatus } from "../../../schemas/api/reports";
import { statusText } from "../../../schemas/status";
import { daysLeft } from "../../../schemas/time";

export function dueLabel(dueDate: string, now: Date): { text: string; tone: "ok" | "soon" | "late" } {
  const days = daysLeft(dueDate, now);
  if (days < 0) return { text: `已逾期 ${-days} 天`, tone: "late" };
  if (days === 0) return { text: "今天截止", tone: "soon" };
  return { text: `还剩 ${days} 天`, tone: days <= 3 ? "soon" : "ok" };
}

/** The filler's words (schemas/status.ts); lateness is shown on a report just handed in. */
export function statusLabel(status: ReportStatus | null, late = false): string {
  return status ? statusText(status, late && status === "submitted") : "状态未知";
}

/** Whether the filler may still change the report. */
export function isEditable(status: ReportStatus | null): boolean {
  return status === null || status === "draft" || status === "returned";
}

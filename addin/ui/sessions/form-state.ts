/** What the form view draws of an open form, assembled from the session's parts. Pure. */
import type { ReportStatus } from "../../../schemas/api/reports";
import type { SheetLayout } from "../../../schemas/layout/form/layout-types";
import type { ProblemSummary } from "./problem-map";
import type { SubmitOutcome } from "../../sync/submit-outcome";
import type { SyncDisplay } from "./sync-label";
import { isEditable } from "./rounds";
import { submitBlocker } from "./submit-gate";

export interface Verdict {
  tone: "ok" | "error" | "info";
  text: string;
}

/** A roster (名册) of the form and the rows the sheet has prepared for it. */
export interface RosterState {
  key: string;
  title: string;
  rows: number;
  maxRows: number;
}

/** Everything the form view draws. */
export interface FormState {
  summary: ProblemSummary;
  sync: SyncDisplay;
  status: ReportStatus | null;
  /** The reviewer's reason, while the report is returned. */
  returnReason: string | null;
  locked: boolean;
  editable: boolean;
  /** problem id → 上报说明 as the clerk last wrote it. */
  explanations: Readonly<Record<string, string>>;
  /** Why 上报 is not possible now; null when it is. */
  submitBlock: string | null;
  submitting: boolean;
  verdict: Verdict | null;
  rosters: RosterState[];
}

/** The report's workflow state as the server last told it. */
export interface ReportInfo {
  status: ReportStatus | null;
  returnReason: string | null;
  locked: boolean;
}

export interface StateParts {
  summary: ProblemSummary;
  sync: SyncDisplay;
  /** The status the sync engine last saw, fresher than `info` after a save. */
  syncedStatus: ReportStatus | null | undefined;
  info: ReportInfo;
  explanations: Readonly<Record<string, string>>;
  submitting: boolean;
  verdict: Verdict | null;
  layout: SheetLayout;
}

export function formState(p: StateParts): FormState {
  const status = p.syncedStatus ?? p.info.status;
  const { locked } = p.info;
  return {
    summary: p.summary,
    sync: p.sync,
    status,
    returnReason: status === "returned" ? p.info.returnReason : null,
    locked,
    editable: isEditable(status) && !locked,
    explanations: { ...p.explanations },
    submitBlock: submitBlocker({ summary: p.summary, sync: p.sync, status, locked }),
    submitting: p.submitting,
    verdict: p.verdict,
    rosters: p.layout.rosters.map((l) => ({ key: l.key, title: l.title, rows: l.rowCount, maxRows: l.maxRows })),
  };
}

/** What the pane says after 上报, and what the report is now. */
export function submitVerdict(outcome: SubmitOutcome): { verdict: Verdict; info?: ReportInfo } {
  if (!outcome.ok) {
    const count = outcome.problems.length;
    const text = count > 0 ? `服务器未接受上报：${outcome.message}（${count} 个问题已标在表中）` : outcome.message;
    return { verdict: { tone: "error", text } };
  }
  const r = outcome.report;
  return {
    verdict: {
      tone: "ok",
      text: r.late
        ? "已上报（已过截止日期，系统已记录为逾期上报）。报表现为只读。"
        : "已上报，等待审核。报表现为只读。",
    },
    info: { status: r.status, returnReason: r.returnReason, locked: r.locked },
  };
}

/**
 * What `SyncEngine.submit()` answers: why it may refuse before asking the
 * server (上报 must act on exactly what the server holds, so anything still
 * queued, refused or in conflict stops it first), and what a refusal by the
 * server means.
 */
import type { Report } from "../../schemas/api/reports";
import type { Problem } from "../../schemas/problem";
import type { ApiFailure } from "./api-result";
import { problemsOfDetails } from "./server-details";

export type SubmitFailureReason = "unsaved" | "offline" | "stale" | "problems" | "signed-out" | "error";

export type SubmitOutcome =
  | { ok: true; report: Report }
  | {
      ok: false;
      reason: SubmitFailureReason;
      message: string;
      /** For `problems`: what the server's check found (errors, or warnings without 上报说明). */
      problems: Problem[];
    };

export type SubmitFailure = Extract<SubmitOutcome, { ok: false }>;

export function submitFailure(reason: SubmitFailureReason, message: string, problems: Problem[] = []): SubmitFailure {
  return { ok: false, reason, message, problems };
}

export interface OutboxFacts {
  signedOut: string | null;
  conflicts: number;
  rejected: number;
  offline: boolean;
  /** Fields not yet acknowledged. */
  pending: number;
  hasBase: boolean;
  /** The message of an error the engine stopped on, if any. */
  stoppedOn: string | null;
}

/** Why the report cannot be submitted yet (after a flush), or null. */
export function submitBlocker(f: OutboxFacts): SubmitFailure | null {
  if (f.signedOut !== null) return submitFailure("signed-out", f.signedOut);
  if (f.conflicts > 0) return submitFailure("unsaved", "请先处理与他人修改冲突的单元格，再上报");
  if (f.rejected > 0) return submitFailure("unsaved", "有单元格的内容未能保存，请先修改后再上报");
  if (f.offline && f.pending > 0) return submitFailure("offline", "网络不可用，修改尚未同步，暂时不能上报");
  if (f.pending > 0 || !f.hasBase) return submitFailure("unsaved", f.stoppedOn ?? "还有修改尚未保存，请稍候再上报");
  return null;
}

/**
 * The server refused the submit. `signed-out` and `stale` (someone saved
 * meanwhile) ask the engine to act too: sign out, or re-read the report.
 */
export function submitRefusal(res: ApiFailure): SubmitFailure {
  if (res.offline) return submitFailure("offline", res.message);
  if (res.status === 401) return submitFailure("signed-out", res.message);
  if (res.code === "precondition_failed")
    return submitFailure("stale", "报表已被他人修改，已更新为最新内容，请核对后再上报");
  const problems = problemsOfDetails(res.details);
  return submitFailure(problems.length > 0 ? "problems" : "error", res.message, problems);
}

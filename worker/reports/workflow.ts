import type { Report, ReportStatus } from "../../schemas/api/reports";
import { isLate } from "../../schemas/time";
import { reportProblems } from "../../schemas/report-problems";
import { newWriteId } from "../db/batch";
import type { ReportSnapshot } from "../db/reports";
import { writeTransition } from "../db/report-writes";
import type { Caller } from "../env";
import { ApiError } from "../errors";
import { assertOpen, reportBody, reportTemplate, visibleReport, wrongStatus } from "./access";
import { canEdit, canReview } from "../auth/scope";
import type { PiiSecret } from "../pii/report-crypto";
import { previousOf } from "./previous";

/**
 * draft → submitted → returned → submitted → approved; a locked round freezes all.
 * Every transition needs If-Match equal to the current version (412 otherwise):
 * whoever submits or approves must have seen exactly what they act on.
 */
export type Action = "submit" | "return" | "approve";

const FROM: Record<Action, readonly ReportStatus[]> = {
  submit: ["draft", "returned"],
  return: ["submitted"],
  approve: ["submitted"],
};
const TO: Record<Action, ReportStatus> = { submit: "submitted", return: "returned", approve: "approved" };
const WRONG: Record<Action, string> = {
  submit: "该报表当前状态不能上报",
  return: "只有已上报的报表可以退回",
  approve: "只有已上报的报表可以审核通过",
};

export async function transition(
  pii: PiiSecret,
  caller: Caller,
  req: { round: string; unit: string; ifMatch: number; action: Action; reason?: string },
): Promise<Report> {
  const db = pii.db;
  const s = await visibleReport(pii, caller, req.round, req.unit);
  const allowed = req.action === "submit" ? canEdit(caller, s.row.unit_path) : canReview(caller, s.row.unit_path);
  if (!allowed) {
    throw new ApiError(
      "forbidden",
      req.action === "submit" ? "您的账号不能上报该单位的报表" : "您的账号不能审核该单位的报表",
    );
  }
  checkState(s, req.action, req.ifMatch);

  const now = new Date();
  let late: boolean | null = null;
  let detail: Record<string, unknown> = {};
  if (req.action === "submit") {
    detail = await checkSubmittable(db, s);
    late = isLate(s.row.due_date, now);
    detail.late = late;
  }
  if (req.action === "return") detail = { reason: req.reason };

  const applied = await writeTransition(db, {
    reportId: s.row.id,
    round: s.row.round_id,
    unit: s.row.unit,
    unitPath: s.row.unit_path,
    fromVersion: s.row.version,
    from: FROM[req.action],
    to: TO[req.action],
    action: req.action,
    late,
    returnReason: req.action === "return" ? (req.reason ?? null) : null,
    prevHash: s.row.last_hash,
    writeId: newWriteId(),
    now: now.toISOString(),
    actor: caller,
    detail,
  });
  const after = await visibleReport(pii, caller, req.round, req.unit);
  // Lost a race: answer as if the other write had come first.
  if (!applied) checkState(after, req.action, req.ifMatch);
  if (!applied) throw new ApiError("write_contention", "该报表正被同时操作，请刷新后重试");
  return reportBody(db, after, caller);
}

function checkState(s: ReportSnapshot, action: Action, ifMatch: number): void {
  assertOpen(s);
  if (!FROM[action].includes(s.row.status)) throw wrongStatus(s, WRONG[action]);
  if (s.row.version !== ifMatch) {
    throw new ApiError("precondition_failed", "该报表已被他人修改，请刷新后再操作", { version: s.row.version });
  }
}

/**
 * Submit re-runs every rule of the template on the stored values (prev() on
 * last round's approved values, read now): an error blocks; a warning needs a
 * 上报说明 under its problem id.
 */
async function checkSubmittable(db: D1Database, s: ReportSnapshot): Promise<Record<string, unknown>> {
  const template = await reportTemplate(db, s);
  const previous = await previousOf(db, s.row, template);
  const { errors, warnings, unexplained } = reportProblems(template, s.values, s.notes, previous);
  if (errors.length > 0) {
    throw new ApiError("has_errors", `报表还有 ${errors.length} 个错误，请修改后再上报`, { problems: errors });
  }
  if (unexplained.length > 0) {
    throw new ApiError("missing_explanations", `有 ${unexplained.length} 个警告需要填写上报说明`, {
      problems: unexplained,
    });
  }
  return { warnings: warnings.map((w) => w.id) };
}

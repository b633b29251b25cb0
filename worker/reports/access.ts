import type { Report } from "../../schemas/api/reports";
import type { Template } from "../../schemas/template";
import { readReport, toSummary, type ReportSnapshot } from "../db/reports";
import { loadTemplate } from "../db/templates";
import type { Caller } from "../env";
import { ApiError } from "../errors";
import { canEdit, canSee } from "../auth/scope";
import { maskFields, openSnapshot, type PiiSecret } from "../pii/report-crypto";
import { seesInFull } from "../pii/who-sees";

/**
 * Shared steps of every report route: find the report the caller may see,
 * read preconditions, shape the answer.
 */

/**
 * The report, or 404 — the same answer whether it does not exist or is out of scope.
 * Its sealed values come opened (worker/pii): mask them before they leave (`reportBody`).
 */
export async function visibleReport(
  pii: PiiSecret,
  caller: Caller,
  round: string,
  unit: string,
  since: number | null = null,
): Promise<ReportSnapshot> {
  const snapshot = await readReport(pii.db, round, unit, since);
  if (!snapshot || !canSee(caller, snapshot.row.unit_path)) {
    throw new ApiError("not_found", "找不到该报表，或您无权查看", { round, unit });
  }
  return (await openSnapshot(pii, snapshot)).snapshot;
}

export async function reportTemplate(db: D1Database, s: ReportSnapshot): Promise<Template> {
  const template = await loadTemplate(db, s.row.template_id, s.row.template_version);
  if (!template)
    throw new Error(`template ${s.row.template_id}@${s.row.template_version} of round ${s.row.round_id} is missing`);
  return template;
}

export function isEditableStatus(s: ReportSnapshot): boolean {
  return s.row.round_status === "open" && (s.row.status === "draft" || s.row.status === "returned");
}

/** The report as the caller may see it: sensitive values masked unless it is the owning unit's filler. */
export async function reportBody(db: D1Database, s: ReportSnapshot, caller: Caller): Promise<Report> {
  const values = seesInFull(caller, s.row.unit) ? s.values : maskFields(await reportTemplate(db, s), s.values);
  return {
    ...toSummary(s.row),
    values,
    explanations: s.notes,
    returnReason: s.row.return_reason,
    locked: s.row.round_status === "locked",
    editable: isEditableStatus(s) && canEdit(caller, s.row.unit_path),
  };
}

export function etag(version: number): string {
  return `"${version}"`;
}

/**
 * The version named by If-Match. Missing → 428; anything but one strong
 * `"<n>"` can never match a version of ours → 412.
 */
export function ifMatchVersion(header: string | undefined): number {
  if (header === undefined || header.trim() === "") {
    throw new ApiError("precondition_required", "缺少 If-Match 请求头：请带上您所见报表的版本号");
  }
  const m = /^\s*"(0|[1-9]\d{0,9})"\s*$/.exec(header);
  if (!m) throw new ApiError("precondition_failed", 'If-Match 请求头格式不正确，应为报表的 ETag（如 "3"）');
  return Number(m[1]);
}

/** Status and lock checks shared by every write; 409 names the current status. */
export function assertOpen(s: ReportSnapshot): void {
  if (s.row.round_status === "locked") {
    throw new ApiError("round_locked", "本轮填报已锁定，报表不能再修改", { status: s.row.status, locked: true });
  }
}

export function wrongStatus(s: ReportSnapshot, message: string): ApiError {
  return new ApiError("invalid_transition", message, { status: s.row.status, version: s.row.version });
}

import type { EditConflict, PatchReportResponse } from "../../schemas/api/reports";
import { parseCellInput } from "../../schemas/cells";
import { callerOf, isExpired } from "../auth/authenticate";
import { sha256Hex } from "../auth/token";
import { newWriteId } from "../db/batch";
import {
  idempotencyByTokenHashStatement,
  idempotencyStatement,
  insertIdempotency,
  type IdempotencyRecord,
} from "../db/idempotency";
import { tokenStatement } from "../db/tokens";
import { NOTE_PREFIX, fieldsOf, readReportWith, splitFields, type ReportRow } from "../db/reports";
import { writePatch, type ProblemCounts } from "../db/report-writes";
import { loadTemplate } from "../db/templates";
import type { Template } from "../../schemas/template";
import type { Problem } from "../../schemas/problem";
import { judgeProblems } from "../../schemas/report-problems";
import type { Caller, DeferredToken } from "../env";
import { ApiError } from "../errors";
import { withComputed } from "./computed";
import { forgetReport, knownCaller, knownReport, rememberCaller, rememberReport } from "./known-reports";
import { fieldsAt, mergeEdits, type Edit, type Fields, type MergeResult } from "./merge";
import { assertOpen, isEditableStatus, reportTemplate, visibleReport, wrongStatus } from "./access";
import { canEdit, canSee } from "../auth/scope";

/** A save as the route hands it over, already zod-validated. */
export interface SaveRequest {
  round: string;
  unit: string;
  ifMatch: number;
  idempotencyKey: string | null;
  body: {
    baseVersion: number;
    changes: { cell: string; value: string | number | null }[];
    explanations: Record<string, string | null>;
  };
}

/** What was stored with an Idempotency-Key; values are rebuilt from the audit log. */
interface StoredOutcome {
  version: number;
  status: PatchReportResponse["status"];
  merged: string[];
}

const MAX_ATTEMPTS = 4;

type MergeOk = Extract<MergeResult, { ok: true }>;

/**
 * PATCH /rounds/:id/reports/:unit. The rule (docs/api.md): If-Match names the
 * version the edits were made against and must equal body.baseVersion; if the
 * report moved on since, the edits are merged cell by cell, and only a cell both
 * sides changed differently is a 409. Each attempt is one guarded batch; losing
 * the race to another writer just means merging again against the newer state.
 *
 * Fast path: when this isolate wrote or read the report at exactly the base
 * version (known-reports.ts: autosave's next PATCH), the save is the
 * write batch alone — one D1 round trip instead of two. Anything unusual
 * (another writer, a revoked token, a reused Idempotency-Key, a bad cell) makes
 * that batch a no-op or fail, and the save goes the usual way.
 */
export async function saveReport(
  db: D1Database,
  who: Caller | DeferredToken,
  req: SaveRequest,
): Promise<PatchReportResponse> {
  const base = req.body.baseVersion;
  if (req.ifMatch !== base) {
    throw new ApiError("invalid_request", "If-Match 与 baseVersion 不一致", {
      ifMatch: req.ifMatch,
      baseVersion: base,
    });
  }
  const requestHash =
    req.idempotencyKey === null ? "" : await sha256Hex(`PATCH ${req.round}/${req.unit}\n${JSON.stringify(req.body)}`);
  const fast = await saveFromKnown(db, who, req, requestHash);
  if (fast) return fast;

  // With a deferred token (worker/auth/authenticate.ts) the first read also resolves the
  // caller: nothing of that batch is used before the token has been checked.
  const deferred = "hash" in who ? who : null;
  let known: Caller | null = deferred ? null : (who as Caller);

  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    // One round trip: the token (first attempt, if deferred), the report, its
    // changes since base, and the key's record if any.
    const key = req.idempotencyKey;
    const extras: D1PreparedStatement[] = [];
    if (!known) extras.push(tokenStatement(db, (deferred as DeferredToken).hash));
    if (key !== null) {
      extras.push(
        known
          ? idempotencyStatement(db, known.tokenId, key)
          : idempotencyByTokenHashStatement(db, (deferred as DeferredToken).hash, key),
      );
    }
    const read = await readReportWith(db, req.round, req.unit, base, extras);
    const caller: Caller = known ?? callerOf(read.extra[0]?.[0], deferred ?? undefined);
    if (!known && deferred) rememberCaller(deferred.hash, caller);
    const record = key === null ? undefined : (read.extra[known ? 0 : 1]?.[0] as IdempotencyRecord | undefined);
    known = caller;
    if (record) return replayed(db, caller, req, requestHash, record);
    const s = read.snapshot;
    if (!s || !canSee(caller, s.row.unit_path)) {
      throw new ApiError("not_found", "找不到该报表，或您无权查看", { round: req.round, unit: req.unit });
    }
    if (!canEdit(caller, s.row.unit_path)) throw new ApiError("forbidden", "您的账号不能修改该单位的报表");
    assertOpen(s);
    if (!isEditableStatus(s)) throw wrongStatus(s, "该报表已上报或已审核，不能修改；如需修改请联系审核人员退回");
    if (base > s.row.version) {
      throw new ApiError("precondition_failed", "您所依据的报表版本不存在，请刷新后再保存", { version: s.row.version });
    }
    const template = await reportTemplate(db, s);
    const edits = parseEdits(template, req.body);
    const current = fieldsOf(s);
    const result = mergeEdits(current, s.changes, edits);
    if (!result.ok) throw conflictError(result.conflicts);
    const saved = await writeMerged(db, caller, req, requestHash, {
      row: s.row,
      current,
      template,
      result,
      fromWriteId: null,
    });
    if (saved) return saved;
  }
  throw new ApiError("write_contention", "该报表正被频繁修改，请稍后重试");
}

/** The fast path (see saveReport): null = take the usual way. */
async function saveFromKnown(
  db: D1Database,
  who: Caller | DeferredToken,
  req: SaveRequest,
  requestHash: string,
): Promise<PatchReportResponse | null> {
  const caller = "hash" in who ? knownCaller(who.hash) : who;
  const known = knownReport(req.round, req.unit);
  // An expired token takes the usual way, whose token read answers the 401.
  if (
    !caller ||
    isExpired(caller) ||
    !known ||
    known.row.version !== req.body.baseVersion ||
    !canEdit(caller, known.row.unit_path)
  )
    return null;
  const template = await loadTemplate(db, known.row.template_id, known.row.template_version);
  if (!template) return null;
  let edits: Edit[];
  try {
    edits = parseEdits(template, req.body);
  } catch {
    return null; // the usual way answers in its own order (404, 403, 409 before 422)
  }
  const result = mergeEdits(known.fields, [], edits);
  if (!result.ok || result.apply.length === 0) return null;
  let saved: PatchReportResponse | null;
  try {
    saved = await writeMerged(db, caller, req, requestHash, {
      row: known.row,
      current: known.fields,
      template,
      result,
      fromWriteId: known.row.write_id,
    });
  } catch {
    // E.g. the Idempotency-Key is already recorded (a replay): the batch rolled back.
    saved = null;
  }
  if (!saved) {
    forgetReport(req.round, req.unit);
    return null;
  }
  if ("hash" in who) who.checked = true; // the guard found the token unrevoked
  return saved;
}

/**
 * Writes a merge result as one guarded batch and answers the PATCH response,
 * or null when the guard did not match (another write came first).
 */
async function writeMerged(
  db: D1Database,
  caller: Caller,
  req: SaveRequest,
  requestHash: string,
  m: { row: ReportRow; current: Fields; template: Template; result: MergeOk; fromWriteId: string | null },
): Promise<PatchReportResponse | null> {
  const { row, result } = m;
  // Nothing to write leaves the computed items as stored: they were computed by the save that stored them.
  const settled = result.apply.length > 0 ? withComputed(m.template, m.current, result.apply) : null;
  const apply = settled?.apply ?? [];
  const after = settled?.after ?? m.current;
  const outcome: StoredOutcome = {
    version: apply.length > 0 ? row.version + 1 : row.version,
    status: row.status,
    merged: result.merged,
  };
  const { values, notes } = splitFields(after);
  const response = { ...outcome, values, explanations: notes };
  const idempotency =
    req.idempotencyKey === null ? null : { key: req.idempotencyKey, requestHash, response: JSON.stringify(outcome) };

  if (!settled) {
    // Nothing to write. Still remember the key so a retry answers the same.
    if (idempotency) await insertIdempotency(db, caller.tokenId, row.id, idempotency);
    rememberReport(row, m.current);
    return response;
  }
  const writeId = newWriteId();
  const now = new Date().toISOString();
  const written = await writePatch(db, {
    reportId: row.id,
    round: row.round_id,
    unit: row.unit,
    unitPath: row.unit_path,
    status: row.status,
    fromVersion: row.version,
    fromWriteId: m.fromWriteId,
    writeId,
    now,
    actor: caller,
    apply,
    counts: problemCounts(settled.validator.problems(), notes),
    detail: { baseVersion: req.body.baseVersion, merged: result.merged.length },
    idempotency,
  });
  if (!written) return null;
  rememberReport({ ...row, version: outcome.version, write_id: writeId, updated_at: now }, after);
  return response;
}

/** What the status sheet shows of a report (reports.errors/warnings/unexplained). */
function problemCounts(problems: Problem[], notes: Fields): ProblemCounts {
  const { errors, warnings, unexplained } = judgeProblems(problems, notes);
  return { errors: errors.length, warnings: warnings.length, unexplained: unexplained.length };
}

/** Canonical values through the template's cell parser; every bad cell is reported at once. */
function parseEdits(template: Template, body: SaveRequest["body"]): Edit[] {
  const edits: Edit[] = [];
  const invalid: { cell: string; code: string; message: string }[] = [];
  for (const change of body.changes) {
    const parsed = parseCellInput(template, change.cell, change.value);
    if (parsed.ok) edits.push({ key: change.cell, value: parsed.value });
    else invalid.push({ cell: change.cell, code: parsed.code, message: parsed.message });
  }
  if (invalid.length > 0)
    throw new ApiError("invalid_cells", "有单元格的内容不符合要求，未保存", { cells: invalid.slice(0, 200) });
  for (const [problemId, text] of Object.entries(body.explanations)) {
    const trimmed = text?.trim() ?? "";
    edits.push({ key: NOTE_PREFIX + problemId, value: trimmed === "" ? null : trimmed });
  }
  return edits;
}

function conflictError(conflicts: EditConflict[]): ApiError {
  return new ApiError("edit_conflict", "该报表已被他人修改，部分单元格与您的修改冲突，请核对后再保存", { conflicts });
}

async function replayed(
  db: D1Database,
  caller: Caller,
  req: SaveRequest,
  requestHash: string,
  record: IdempotencyRecord,
): Promise<PatchReportResponse> {
  if (record.request_hash !== requestHash) {
    throw new ApiError("idempotency_key_reused", "该 Idempotency-Key 已用于另一次不同的保存");
  }
  const outcome = JSON.parse(record.response) as StoredOutcome;
  // The values as of the recorded version: the current ones with every later change undone.
  const s = await visibleReport(db, caller, req.round, req.unit, outcome.version);
  const { values, notes } = splitFields(fieldsAt(fieldsOf(s), s.changes));
  return { ...outcome, values, explanations: notes };
}

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
import { settleExplanations } from "./explanations";
import { forgetReport, knownCaller, knownReport, rememberCaller, rememberReport } from "./known-reports";
import { fieldsAt, mergeEdits, type Edit, type Fields, type MergeResult } from "./merge";
import { assertOpen, isEditableStatus, reportTemplate, visibleReport, wrongStatus } from "./access";
import { WRITE_BUDGET_MS, mayAttempt, writeContention, type WriteClock } from "./retry";
import { isolateSchedule, type WriteSchedule } from "./save-turns";
import { canEdit, canSee } from "../auth/scope";
import { keysOf, maskFields, maskValueOf, openSnapshot, sealApply, type PiiSecret } from "../pii/report-crypto";
import type { ReportKeys } from "../pii/report-keys";
import { seesInFull } from "../pii/who-sees";
import { indexPlan } from "../pii/index-plan";
import { noticesOf, readNotices, withNotices } from "../pii/notices";
import { previousOf } from "./previous";

/** A save as the route hands it over, already zod-validated. */
export interface SaveRequest {
  round: string;
  unit: string;
  ifMatch: number;
  idempotencyKey: string | null;
  /** PII_INDEX_KEY, for the blind index of sensitive values (worker/pii/blind-index.ts). */
  indexKey?: string | undefined;
  /** "import": the save of an uploaded form file, noted in the audit (a later file of the same token supersedes it). */
  source?: "import";
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

type MergeOk = Extract<MergeResult, { ok: true }>;

/**
 * PATCH /rounds/:id/reports/:unit. The rule (docs/api.md): If-Match names the
 * version the edits were made against and must equal body.baseVersion; if the
 * report moved on since, the edits are merged cell by cell, and only a cell both
 * sides changed differently is a 409. Each attempt is one guarded batch; losing
 * the race to another writer just means merging again against the newer state,
 * in turn with this isolate's other saves of the report and after a jittered
 * backoff, within a time budget (save-turns.ts, retry.ts); only a spent budget is write_contention.
 *
 * Fast path: when this isolate wrote or read the report at exactly the base
 * version (known-reports.ts: autosave's next PATCH), the save is the
 * write batch alone — one D1 round trip instead of two. Anything unusual
 * (another writer, a revoked token, a reused Idempotency-Key, a bad cell) makes
 * that batch a no-op or fail, and the save goes the usual way.
 */
export async function saveReport(
  where: PiiSecret | D1Database,
  who: Caller | DeferredToken,
  req: SaveRequest,
  schedule: WriteSchedule = isolateSchedule,
): Promise<PatchReportResponse> {
  // A bare D1Database (tests of templates without sensitive cells) has no master keys.
  const pii: PiiSecret = "db" in where ? where : { db: where, masterSecret: undefined };
  const base = req.body.baseVersion;
  if (req.ifMatch !== base) {
    throw new ApiError("invalid_request", "If-Match 与 baseVersion 不一致", {
      ifMatch: req.ifMatch,
      baseVersion: base,
    });
  }
  const requestHash =
    req.idempotencyKey === null ? "" : await sha256Hex(`PATCH ${req.round}/${req.unit}\n${JSON.stringify(req.body)}`);
  const { turns, clock } = schedule;
  const deadline = clock.now() + WRITE_BUDGET_MS;
  return turns.run(`${req.round}\n${req.unit}`, deadline, clock, async () => {
    const fast = await saveFromKnown(pii, who, req, requestHash);
    return fast ?? (await saveByReading(pii, who, req, requestHash, deadline, clock));
  });
}

/** The usual way: read the report and its changes since base, merge, write; again while the budget lasts. */
async function saveByReading(
  pii: PiiSecret,
  who: Caller | DeferredToken,
  req: SaveRequest,
  requestHash: string,
  deadline: number,
  clock: WriteClock,
): Promise<PatchReportResponse> {
  const db = pii.db;
  const base = req.body.baseVersion;

  // With a deferred token (worker/auth/authenticate.ts) the first read also resolves the
  // caller: nothing of that batch is used before the token has been checked.
  const deferred = "hash" in who ? who : null;
  let known: Caller | null = deferred ? null : (who as Caller);

  for (let attempt = 0; await mayAttempt(attempt, deadline, clock); attempt++) {
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
    if (record) return replayed(pii, caller, req, requestHash, record);
    const stored = read.snapshot;
    if (!stored || !canSee(caller, stored.row.unit_path)) {
      throw new ApiError("not_found", "找不到该报表，或您无权查看", { round: req.round, unit: req.unit });
    }
    if (!canEdit(caller, stored.row.unit_path)) throw new ApiError("forbidden", "您的账号不能修改该单位的报表");
    // The engine checks and the merge compares plain values (sealed ones differ by their random IVs).
    const { snapshot: s, keys } = await openSnapshot(pii, stored);
    assertOpen(s);
    if (!isEditableStatus(s)) throw wrongStatus(s, "该报表已上报或已审核，不能修改；如需修改请联系审核人员退回");
    if (base > s.row.version) {
      throw new ApiError("precondition_failed", "您所依据的报表版本不存在，请刷新后再保存", { version: s.row.version });
    }
    const template = await reportTemplate(db, s);
    const edits = parseEdits(template, req.body);
    const current = fieldsOf(s);
    const result = mergeEdits(current, s.changes, edits);
    if (!result.ok) throw conflictError(shownConflicts(caller, s.row.unit, template, result.conflicts));
    const saved = await writeMerged(db, caller, req, requestHash, {
      row: s.row,
      current,
      template,
      result,
      keys,
      fromWriteId: null,
      previous: result.apply.length > 0 ? await previousOf(db, s.row, template) : undefined,
    });
    if (saved) return saved;
  }
  throw writeContention();
}

/** The fast path (see saveReport): null = take the usual way. */
async function saveFromKnown(
  pii: PiiSecret,
  who: Caller | DeferredToken,
  req: SaveRequest,
  requestHash: string,
): Promise<PatchReportResponse | null> {
  const caller = "hash" in who ? knownCaller(who.hash) : who;
  const db = pii.db;
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
  // A form whose rules read prev() costs this path one more read: last round's values.
  const previous = await previousOf(db, known.row, template);
  let saved: PatchReportResponse | null;
  try {
    saved = await writeMerged(db, caller, req, requestHash, {
      row: known.row,
      current: known.fields,
      template,
      result,
      keys: keysOf(pii, known.row.round_id, known.row.id, known.pii),
      fromWriteId: known.row.write_id,
      previous,
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
  m: {
    row: ReportRow;
    current: Fields;
    template: Template;
    result: MergeOk;
    keys: ReportKeys;
    fromWriteId: string | null;
    /** What prev() reads (reports/previous.ts); undefined when no rule reads it or nothing is written. */
    previous: Readonly<Record<string, string>> | undefined;
  },
): Promise<PatchReportResponse | null> {
  const { row, result } = m;
  // Nothing to write leaves the computed items as stored: they were computed by the save that stored them.
  // 上报说明 are kept only for the warnings the values after the save have (explanations.ts).
  const computed =
    result.apply.length > 0
      ? settleExplanations(
          req.body.explanations,
          m.current,
          withComputed(m.template, m.current, result.apply, m.previous),
        )
      : null;
  const settled = computed && computed.apply.length > 0 ? computed : null;
  const apply = settled?.apply ?? [];
  const after = settled?.after ?? m.current;
  const outcome: StoredOutcome = {
    version: apply.length > 0 ? row.version + 1 : row.version,
    status: row.status,
    merged: result.merged,
  };
  const { values, notes } = splitFields(after);
  const shown = seesInFull(caller, row.unit) ? values : maskFields(m.template, values);
  const response = { ...outcome, values: shown, explanations: notes };
  const idempotency =
    req.idempotencyKey === null ? null : { key: req.idempotencyKey, requestHash, response: JSON.stringify(outcome) };

  if (!settled) {
    // Nothing to write. Still remember the key so a retry answers the same.
    if (idempotency) await insertIdempotency(db, caller.tokenId, row.id, idempotency);
    rememberReport(row, m.current, m.keys);
    return withNotices(response, await readNotices(db, req.round, req.unit));
  }
  const index = { plan: await indexPlan(m.template, apply, req.indexKey), found: noticesOf([]) };
  const writeId = newWriteId();
  const now = new Date().toISOString();
  const sealed = await sealApply(m.keys, m.template, apply, after);
  const written = await writePatch(db, {
    reportId: row.id,
    round: row.round_id,
    unit: row.unit,
    unitPath: row.unit_path,
    status: row.status,
    fromVersion: row.version,
    fromWriteId: m.fromWriteId,
    prevHash: row.last_hash,
    writeId,
    now,
    actor: caller,
    apply: sealed,
    extra: m.keys.statements(db, [row.id, writeId], now),
    counts: problemCounts(settled.validator.problems(), notes),
    detail: {
      baseVersion: req.body.baseVersion,
      merged: result.merged.length,
      ...(req.source ? { source: req.source } : {}),
    },
    idempotency,
    index: { plan: index.plan, found: (rows) => (index.found = noticesOf(rows)) },
  });
  if (written === null) return null;
  rememberReport(
    { ...row, version: outcome.version, write_id: writeId, updated_at: now, last_hash: written },
    after,
    m.keys,
  );
  return withNotices(response, index.found);
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

/** A 409 names the values on both sides: masked like any answer, unless to the owning filler. */
function shownConflicts(caller: Caller, unit: string, template: Template, conflicts: EditConflict[]): EditConflict[] {
  if (seesInFull(caller, unit)) return conflicts;
  const mask = (cell: string, v: string | null) => maskValueOf(template, cell, v);
  return conflicts.map((c) => ({
    ...c,
    base: mask(c.cell, c.base),
    theirs: mask(c.cell, c.theirs),
    mine: mask(c.cell, c.mine),
  }));
}

function conflictError(conflicts: EditConflict[]): ApiError {
  return new ApiError("edit_conflict", "该报表已被他人修改，部分单元格与您的修改冲突，请核对后再保存", { conflicts });
}

async function replayed(
  pii: PiiSecret,
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
  const s = await visibleReport(pii, caller, req.round, req.unit, outcome.version);
  const { values, notes } = splitFields(fieldsAt(fieldsOf(s), s.changes));
  const shown = seesInFull(caller, s.row.unit) ? values : maskFields(await reportTemplate(pii.db, s), values);
  return withNotices(
    { ...outcome, values: shown, explanations: notes },
    await readNotices(pii.db, req.round, req.unit),
  );
}

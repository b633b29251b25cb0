/**
 * Just enough of the Worker's report semantics (worker/reports/save.ts,
 * worker/reports/workflow.ts) behind a `fetch`, to test the sync layer without
 * D1: versions, If-Match, Idempotency-Key replay, 409/412/422/401 answers —
 * plus network faults a real server cannot stage (request dropped, answer lost
 * after the write). The cell-level three-way merge and the values of a replay
 * are the Worker's own (worker/reports/merge.ts, pure), so the sync tests hold
 * against the merge that runs in production.
 */
import type { FetchLike } from "../../../addin/sync/api-client";
import type { Problem } from "../../../schemas/problem";
import { fieldsAt, mergeEdits, type Edit, type FieldChange, type Fields } from "../../../worker/reports/merge";

const NOTE = "note:";

/** What the Worker records with an Idempotency-Key: the outcome, not the values (those come from the log). */
interface Stored {
  hash: string;
  version: number;
  status: FakeServer["status"];
  merged: string[];
}

export type Fault = "drop" | "lose";

export interface SentRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

export class FakeServer {
  version = 0;
  fields: Fields = {};
  status: "draft" | "submitted" | "returned" | "approved" = "draft";
  /** The audit log: every field change, in version order. */
  readonly history: FieldChange[] = [];
  readonly idempotency = new Map<string, Stored>();
  /** How many times a save with this Idempotency-Key was applied (not replayed). */
  readonly applications = new Map<string, number>();
  /**
   * How many times a save with exactly this body wrote something. A body that
   * wrote has base = the version before, so writing it again is always a bug.
   */
  readonly bodies = new Map<string, number>();
  /** Saves answered from the idempotency record. */
  replays = 0;
  readonly requests: SentRequest[] = [];
  token = "hb_test";
  /** false: every request fails as if the cable were pulled. */
  up = true;
  /** Consumed one per request: "drop" never arrives, "lose" is processed but the answer is lost. */
  readonly faults: Fault[] = [];
  /** Returns a zh-CN message when a cell value is unacceptable. Default: text starting with "!". */
  invalid: (cell: string, value: string | null) => string | null = (cell, v) =>
    v?.startsWith("!") ? `${cell} 的内容“${v}”无法识别` : null;
  /** The submit check. */
  check: (fields: Fields) => Problem[] = () => [];
  /** `previous` of GET (last round's approved values, for prev()); undefined: the form reads none. */
  previous: Record<string, string> | undefined = undefined;
  /** Run one per request just before it is processed: "meanwhile, on the server…". */
  readonly meanwhile: (() => void)[] = [];
  /** Overrides the next answer (e.g. a 500) before any processing. */
  readonly forced: { status: number; body: unknown; etag?: number }[] = [];

  constructor(
    readonly round = "hs-2022-activity",
    readonly unit = "hs-tunxi",
  ) {}

  readonly fetch: FetchLike = async (url, init) => {
    const method = (init.method ?? "GET").toUpperCase();
    const headers = Object.fromEntries(
      Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]),
    );
    const path = url.replace(/^.*?\/api\/v1/, "");
    const body: unknown = typeof init.body === "string" ? JSON.parse(init.body) : undefined;
    const fault = this.faults.shift();
    if (!this.up || fault === "drop") throw new TypeError("Failed to fetch");
    this.requests.push({ method, path, headers, body });
    this.meanwhile.shift()?.();
    const answer = this.forced.shift() ?? this.handle(method, path, headers, body);
    if (fault === "lose") throw new TypeError("Failed to fetch");
    const h: Record<string, string> = { "Content-Type": "application/json" };
    if (answer.etag !== undefined) h.ETag = `"${answer.etag}"`;
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: h });
  };

  /** Another user saves directly (no conflicts checked: they saw the latest). */
  otherSaves(changes: Record<string, string | null>): void {
    this.write(Object.entries(changes).map(([key, value]) => ({ key, value })));
  }

  /** The value of a field as the server stores it. */
  value(field: string): string | null {
    return this.fields[field] ?? null;
  }

  private handle(
    method: string,
    path: string,
    headers: Record<string, string>,
    body: unknown,
  ): { status: number; body: unknown; etag?: number } {
    if (headers.authorization !== `Bearer ${this.token}`) return err(401, "unauthorized", "访问令牌无效");
    const base = `/rounds/${this.round}/reports/${this.unit}`;
    if (method === "GET" && path === base) return { status: 200, body: this.report(), etag: this.version };
    if (method === "PATCH" && path === base) return this.patch(headers, body as PatchBody);
    if (method === "POST" && path === `${base}/submit`) return this.submit(headers);
    return err(404, "not_found", "请求的地址不存在");
  }

  private report() {
    const { values, explanations } = this.split(this.fields);
    return {
      round: this.round,
      unit: this.unit,
      unitName: "屯溪区总工会",
      status: this.status,
      version: this.version,
      late: false,
      submittedAt: null,
      updatedAt: null,
      values,
      explanations,
      returnReason: null,
      locked: false,
      editable: this.status === "draft" || this.status === "returned",
      ...(this.previous ? { previous: this.previous } : {}),
    };
  }

  private ifMatch(headers: Record<string, string>): number | null {
    const m = /^"(\d+)"$/.exec(headers["if-match"] ?? "");
    return m ? Number(m[1]) : null;
  }

  private patch(headers: Record<string, string>, body: PatchBody) {
    const ifMatch = this.ifMatch(headers);
    if (ifMatch === null) return err(428, "precondition_required", "缺少 If-Match 请求头");
    if (ifMatch !== body.baseVersion) return err(400, "invalid_request", "If-Match 与 baseVersion 不一致");
    const key = headers["idempotency-key"];
    const hash = JSON.stringify(body);
    if (key !== undefined) {
      const stored = this.idempotency.get(key);
      if (stored) {
        if (stored.hash !== hash)
          return err(422, "idempotency_key_reused", "该 Idempotency-Key 已用于另一次不同的保存");
        this.replays++;
        const r = this.split(fieldsAt(this.fields, this.since(stored.version)));
        return {
          status: 200,
          body: { version: stored.version, status: stored.status, ...r, merged: stored.merged },
          etag: stored.version,
        };
      }
    }
    if (this.status !== "draft" && this.status !== "returned") {
      return err(409, "invalid_transition", "该报表已上报或已审核，不能修改；如需修改请联系审核人员退回", {
        status: this.status,
      });
    }
    if (body.baseVersion > this.version)
      return err(412, "precondition_failed", "您所依据的报表版本不存在，请刷新后再保存", { version: this.version });

    const edits: Edit[] = [];
    const invalid: { cell: string; code: string; message: string }[] = [];
    for (const c of body.changes) {
      const value = canonical(c.value);
      const message = this.invalid(c.cell, value);
      if (message) invalid.push({ cell: c.cell, code: "invalid_value", message });
      else edits.push({ key: c.cell, value });
    }
    if (invalid.length > 0) return err(422, "invalid_cells", "有单元格的内容不符合要求，未保存", { cells: invalid });
    for (const [id, text] of Object.entries(body.explanations)) edits.push({ key: NOTE + id, value: canonical(text) });

    const result = mergeEdits(this.fields, this.since(body.baseVersion), edits);
    if (!result.ok) {
      return err(409, "edit_conflict", "该报表已被他人修改，部分单元格与您的修改冲突，请核对后再保存", {
        conflicts: result.conflicts,
      });
    }
    const { merged } = result;
    if (result.apply.length > 0) {
      this.write(result.apply.map((a) => ({ key: a.key, value: a.new })));
      this.bodies.set(hash, (this.bodies.get(hash) ?? 0) + 1);
    }
    if (key !== undefined) {
      this.idempotency.set(key, { hash, version: this.version, status: this.status, merged });
      this.applications.set(key, (this.applications.get(key) ?? 0) + 1);
    }
    return {
      status: 200,
      body: { version: this.version, status: this.status, ...this.split(this.fields), merged },
      etag: this.version,
    };
  }

  private submit(headers: Record<string, string>) {
    const ifMatch = this.ifMatch(headers);
    if (ifMatch === null) return err(428, "precondition_required", "缺少 If-Match 请求头");
    if (this.status !== "draft" && this.status !== "returned")
      return err(409, "invalid_transition", "该报表当前状态不能上报");
    if (ifMatch !== this.version)
      return err(412, "precondition_failed", "该报表已被他人修改，请刷新后再操作", { version: this.version });
    const problems = this.check(this.fields);
    const errors = problems.filter((p) => p.severity === "error");
    if (errors.length > 0)
      return err(422, "has_errors", `报表还有 ${errors.length} 个错误，请修改后再上报`, { problems: errors });
    const unexplained = problems.filter((p) => p.severity === "warning" && !this.fields[NOTE + p.id]);
    if (unexplained.length > 0) {
      return err(422, "missing_explanations", `有 ${unexplained.length} 个警告需要填写上报说明`, {
        problems: unexplained,
      });
    }
    this.status = "submitted";
    this.version++;
    return { status: 200, body: this.report(), etag: this.version };
  }

  private write(apply: Edit[]): void {
    this.version++;
    for (const a of apply) {
      this.history.push({ version: this.version, cell: a.key, old: this.value(a.key), new: a.value });
      if (a.value === null) delete this.fields[a.key];
      else this.fields[a.key] = a.value;
    }
  }

  /** The audited changes after a version, as the Worker reads them for a merge or a replay. */
  private since(version: number): FieldChange[] {
    return this.history.filter((c) => c.version > version);
  }

  private split(fields: Fields): { values: Fields; explanations: Fields } {
    const values: Fields = {};
    const explanations: Fields = {};
    for (const [k, v] of Object.entries(fields)) {
      if (k.startsWith(NOTE)) explanations[k.slice(NOTE.length)] = v;
      else values[k] = v;
    }
    return { values, explanations };
  }
}

interface PatchBody {
  baseVersion: number;
  changes: { cell: string; value: string | number | null }[];
  explanations: Record<string, string | null>;
}

function canonical(v: string | number | null): string | null {
  if (v === null) return null;
  const t = typeof v === "number" ? String(v) : v.trim();
  return t === "" ? null : t;
}

function err(status: number, code: string, message: string, details?: unknown) {
  return { status, body: { error: { code, message, ...(details === undefined ? {} : { details }) } } };
}

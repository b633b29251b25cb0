/**
 * Typed client for `/api/v1`. The task pane and the API share an origin, so the
 * base URL is normally just "/api/v1"; the token is read on every call, so a
 * fresh sign-in takes effect without rebuilding the client. Every method
 * answers an `ApiResult` (see api-result.ts) and never throws.
 */
import type { ChangesQuery, ChangesResponse } from "../../schemas/api/changes";
import type { ConsolidatedQuery, Consolidation } from "../../schemas/api/consolidation";
import type { Me, UnitsResponse } from "../../schemas/api/me";
import type { History, PatchReportRequest, PatchReportResponse, Report, ReportList } from "../../schemas/api/reports";
import type { CreateRoundRequest, Round, RoundList } from "../../schemas/api/rounds";
import type { Template } from "../../schemas/template";
import type { PublishedTemplate, TemplateList } from "../../schemas/api/templates";
import type { Trend, TrendQuery } from "../../schemas/api/trend";
import {
  isChangesResponse,
  isConsolidation,
  isHistory,
  isMe,
  isPatchReportResponse,
  isPublishedTemplate,
  isReport,
  isReportList,
  isRound,
  isRoundList,
  isTemplateList,
  isTrend,
  isUnitsResponse,
} from "./api-guards";
import { never, type Guard } from "./guards";
import { isImportAnswer, type ImportAnswer } from "./form-file-guards";
import { decodeAnswer, offline, versionOfEtag, type ApiOk, type ApiResult } from "./api-result";
import { globalTimers, type Timers } from "./timers";

/** The part of `fetch` the client uses; tests pass a fake server. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  fetch: FetchLike;
  /** Default "/api/v1" (same origin as the task pane). */
  baseUrl?: string;
  /** The bearer token, or null when signed out. */
  token: () => string | null;
  /** A request that hangs longer is abandoned and reported offline. Default 30 s. */
  timeoutMs?: number;
  timers?: Timers;
}

/** A PATCH body exactly as it is sent (and as it was stored with its Idempotency-Key). */
export interface PatchBody {
  baseVersion: number;
  changes: { cell: string; value: string | number | null }[];
  explanations: Record<string, string | null>;
}

export interface ReportWithVersion {
  report: Report;
  /** From the ETag; falls back to `report.version`. */
  version: number;
}

/** A downloaded export: the bytes and the file name the server suggested. */
export interface ExportFile {
  blob: Blob;
  filename: string;
}

export type ExportFormat = "csv" | "xlsx";

export interface ApiClient {
  me(): Promise<ApiResult<Me>>;
  units(): Promise<ApiResult<UnitsResponse>>;
  /** Rounds the caller takes part in, newest first. */
  rounds(): Promise<ApiResult<RoundList>>;
  round(id: string): Promise<ApiResult<Round>>;
  roundReports(id: string): Promise<ApiResult<ReportList>>;
  templates(): Promise<ApiResult<TemplateList>>;
  template(id: string, version: number): Promise<ApiResult<PublishedTemplate>>;
  report(round: string, unit: string): Promise<ApiResult<ReportWithVersion>>;
  /** If-Match is `body.baseVersion`, as the Worker requires. */
  patchReport(
    round: string,
    unit: string,
    body: PatchBody,
    idempotencyKey: string,
  ): Promise<ApiResult<PatchReportResponse>>;
  /** `version` is the one the clerk saw; the server answers 412 if the report moved on. */
  submit(round: string, unit: string, version: number): Promise<ApiResult<Report>>;
  changes(query?: ChangesQuery): Promise<ApiResult<ChangesResponse>>;
  /** Reviewer/admin: the sum of the subtree under `query.unit` (default the caller's unit). */
  consolidated(round: string, query?: ConsolidatedQuery): Promise<ApiResult<Consolidation>>;
  /** Reviewer: submitted → returned; `version` is the one the reviewer saw (412 otherwise). */
  returnReport(round: string, unit: string, version: number, reason: string): Promise<ApiResult<Report>>;
  /** Reviewer: submitted → approved (read-only); `version` as for returnReport. */
  approve(round: string, unit: string, version: number): Promise<ApiResult<Report>>;
  /** The audit trail of a report, oldest first. */
  history(round: string, unit: string): Promise<ApiResult<History>>;
  /** The consolidation as a CSV or XLSX file, downloaded with the bearer token. */
  exportConsolidated(round: string, format: ExportFormat, query?: ConsolidatedQuery): Promise<ApiResult<ExportFile>>;
  /** The unit's form as a workbook to fill offline (form.xlsx). */
  formFile(round: string, unit: string): Promise<ApiResult<ExportFile>>;
  /** 下发: the forms of every unit of the round below `unit`, one zip. */
  formsZip(round: string, unit: string): Promise<ApiResult<ExportFile>>;
  /** Uploads a filled form workbook: the server checks it and saves it as a patch from the version it was drawn from. */
  importForm(round: string, unit: string, file: Blob): Promise<ApiResult<ImportAnswer>>;
  /** Author: publishes a template version (201 new, 200 the same again, 409 taken, 422 with the checker's errors). */
  publishTemplate(template: Template): Promise<ApiResult<PublishedTemplate>>;
  /** Reviewer: one item over every round of a form, summed under `query.unit` (历年趋势). */
  trend(query: TrendQuery): Promise<ApiResult<Trend>>;
  /** Author: opens a round of a published version for a node of the unit tree or a list of its units. */
  openRound(body: CreateRoundRequest): Promise<ApiResult<Round>>;
}

// Compile-time check that PatchBody is a valid PatchReportRequest.
const _bodyFits = (b: PatchBody): PatchReportRequest => b;
void _bodyFits;

const seg = encodeURIComponent;

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function createApiClient(options: ApiClientOptions): ApiClient {
  const base = (options.baseUrl ?? "/api/v1").replace(/\/+$/, "");
  const timers = options.timers ?? globalTimers;
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function call<T>(
    method: string,
    path: string,
    fits: Guard<T>,
    extra: { body?: unknown; file?: Blob; headers?: Record<string, string> } = {},
  ): Promise<ApiResult<T>> {
    const headers: Record<string, string> = { Accept: "application/json", ...extra.headers };
    const token = options.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (extra.body !== undefined) headers["Content-Type"] = "application/json";
    // A file goes as its bytes; the server reads what it is from the bytes, not the name.
    if (extra.file !== undefined) headers["Content-Type"] = XLSX_TYPE;
    const abort = new AbortController();
    const timer = timers.setTimeout(() => abort.abort(), timeoutMs);
    try {
      const res = await options.fetch(base + path, {
        method,
        headers,
        body: extra.file ?? (extra.body === undefined ? undefined : JSON.stringify(extra.body)),
        signal: abort.signal,
        credentials: "same-origin",
        cache: "no-store",
      });
      const text = await res.text();
      return decodeAnswer(res.status, text, res.headers.get("ETag"), fits);
    } catch {
      // fetch only rejects when no answer arrived (network down, aborted, body cut off).
      return offline();
    } finally {
      timers.clearTimeout(timer);
    }
  }

  const reportPath = (round: string, unit: string) => `/rounds/${seg(round)}/reports/${seg(unit)}`;

  /** A file answer: read as bytes when 2xx, decoded as the usual JSON error otherwise. */
  async function download(path: string): Promise<ApiResult<ExportFile>> {
    const headers: Record<string, string> = {};
    const token = options.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    const abort = new AbortController();
    const timer = timers.setTimeout(() => abort.abort(), timeoutMs);
    try {
      const res = await options.fetch(base + path, {
        method: "GET",
        headers,
        signal: abort.signal,
        credentials: "same-origin",
        cache: "no-store",
      });
      if (res.status < 200 || res.status >= 300) return decodeAnswer(res.status, await res.text(), null, never);
      const blob = await res.blob();
      const ok: ApiOk<ExportFile> = {
        ok: true,
        status: res.status,
        data: { blob, filename: filenameOf(res.headers.get("Content-Disposition"), path) },
        etag: null,
      };
      return ok;
    } catch {
      return offline();
    } finally {
      timers.clearTimeout(timer);
    }
  }

  return {
    me: () => call("GET", "/me", isMe),
    units: () => call("GET", "/units", isUnitsResponse),
    rounds: () => call("GET", "/rounds", isRoundList),
    round: (id) => call("GET", `/rounds/${seg(id)}`, isRound),
    roundReports: (id) => call("GET", `/rounds/${seg(id)}/reports`, isReportList),
    templates: () => call("GET", "/templates", isTemplateList),
    template: (id, version) => call("GET", `/templates/${seg(id)}/${version}`, isPublishedTemplate),
    async report(round, unit) {
      const res = await call("GET", reportPath(round, unit), isReport);
      if (!res.ok) return res;
      return { ...res, data: { report: res.data, version: versionOfEtag(res.etag) ?? res.data.version } };
    },
    patchReport: (round, unit, body, idempotencyKey) =>
      call("PATCH", reportPath(round, unit), isPatchReportResponse, {
        body,
        headers: { "If-Match": `"${body.baseVersion}"`, "Idempotency-Key": idempotencyKey },
      }),
    submit: (round, unit, version) =>
      call("POST", `${reportPath(round, unit)}/submit`, isReport, { headers: { "If-Match": `"${version}"` } }),
    changes(query = {}) {
      const params = new URLSearchParams();
      if (query.since !== undefined) params.set("since", String(query.since));
      if (query.round !== undefined) params.set("round", query.round);
      if (query.limit !== undefined) params.set("limit", String(query.limit));
      const qs = params.toString();
      return call("GET", `/changes${qs ? `?${qs}` : ""}`, isChangesResponse);
    },
    consolidated: (round, query = {}) =>
      call("GET", `/rounds/${seg(round)}/consolidated${consolidatedQs(query)}`, isConsolidation),
    returnReport: (round, unit, version, reason) =>
      call("POST", `${reportPath(round, unit)}/return`, isReport, {
        body: { reason },
        headers: { "If-Match": `"${version}"` },
      }),
    approve: (round, unit, version) =>
      call("POST", `${reportPath(round, unit)}/approve`, isReport, { headers: { "If-Match": `"${version}"` } }),
    history: (round, unit) => call("GET", `${reportPath(round, unit)}/history`, isHistory),
    exportConsolidated: (round, format, query = {}) =>
      download(`/rounds/${seg(round)}/consolidated/export.${format}${consolidatedQs(query)}`),
    formFile: (round, unit) => download(`${reportPath(round, unit)}/form.xlsx`),
    formsZip: (round, unit) => download(`/rounds/${seg(round)}/forms.zip?unit=${seg(unit)}`),
    importForm: (round, unit, file) => call("POST", `${reportPath(round, unit)}/import`, isImportAnswer, { file }),
    publishTemplate: (template) => call("POST", "/templates", isPublishedTemplate, { body: template }),
    openRound: (body) => call("POST", "/rounds", isRound, { body }),
    trend(query) {
      const params = new URLSearchParams({ template: query.template, key: query.key });
      if (query.unit !== undefined) params.set("unit", query.unit);
      return call("GET", `/trend?${params.toString()}`, isTrend);
    },
  };
}

function consolidatedQs(query: ConsolidatedQuery): string {
  const params = new URLSearchParams();
  if (query.unit !== undefined) params.set("unit", query.unit);
  if (query.include !== undefined) params.set("include", query.include);
  const qs = params.toString();
  return qs ? `?${qs}` : "";
}

/** `filename*=UTF-8''…` (RFC 6266) first, then `filename="…"`, else the path's last segment. */
export function filenameOf(disposition: string | null, path: string): string {
  const star = disposition ? /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition) : null;
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = disposition ? /filename\s*=\s*"?([^";]+)"?/i.exec(disposition) : null;
  if (plain?.[1]) return plain[1].trim();
  return path.split("?")[0]?.split("/").pop() ?? "export";
}

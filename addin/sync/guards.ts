/**
 * Hand-written checks of what the Worker answers and of what the outbox stored,
 * so the task pane does not ship zod (schemas/api/* are zod, ~80 KB gzip with
 * the library). Each guard checks the shape the client relies on — every field
 * of the TypeScript type, with its JSON type, integers, enums and nullability —
 * but not the string formats (unit codes, dates) the Worker already enforces.
 * The `Guard<…>` annotations below make the compiler check that what a guard
 * accepts is assignable to the schema's type.
 *
 * A guard answers true/false; given a `Mismatch`, it also records where the
 * first misfit is, which `bad_response` reports in its details.
 */
import type { ChangeEvent, ChangesResponse } from "../../schemas/api/changes";
import type { Consolidation } from "../../schemas/api/consolidation";
import type { Me, UnitTreeNode, UnitsResponse } from "../../schemas/api/me";
import type {
  EditConflict,
  History,
  PatchReportResponse,
  Report,
  ReportList,
  ReportStatus,
  ReportSummary,
} from "../../schemas/api/reports";
import type { Round, RoundList } from "../../schemas/api/rounds";
import type { PublishedTemplate, TemplateList, TemplateSummary } from "../../schemas/api/templates";
import type { Problem } from "../../schemas/problem";
import type { Severity } from "../../schemas/template";

/** Where a value did not fit: the path to it and what was expected there. */
export class Mismatch {
  path: (string | number)[] = [];
  expected = "";
  get message(): string {
    return `expected ${this.expected}`;
  }
  get where(): string {
    return this.path.join(".");
  }
}

export type Guard<T> = (value: unknown, miss?: Mismatch) => value is T;
type Of<G> = G extends Guard<infer T> ? T : never;
type Shape = Record<string, Guard<unknown>>;

function leaf<T>(expected: string, test: (v: unknown) => boolean): Guard<T> {
  return (v, miss): v is T => {
    if (test(v)) return true;
    if (miss) miss.expected = expected;
    return false;
  };
}

/** A JSON object (not null, not an array). */
export function isRecordLike(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export const str: Guard<string> = leaf("string", (v) => typeof v === "string");
export const num: Guard<number> = leaf("number", (v) => typeof v === "number" && Number.isFinite(v));
export const int: Guard<number> = leaf("integer", (v) => Number.isSafeInteger(v));
export const bool: Guard<boolean> = leaf("boolean", (v) => typeof v === "boolean");
export const unknownValue: Guard<unknown> = (_v): _v is unknown => true;
export const never: Guard<never> = leaf("nothing", () => false);

export function literal<const T extends string | number>(...values: T[]): Guard<T> {
  return leaf(values.map((v) => JSON.stringify(v)).join(" | "), (v) => (values as unknown[]).includes(v));
}

export function nullable<T>(g: Guard<T>): Guard<T | null> {
  return (v, miss): v is T | null => v === null || g(v, miss);
}

export function optional<T>(g: Guard<T>): Guard<T | undefined> {
  return (v, miss): v is T | undefined => v === undefined || g(v, miss);
}

export function oneOf<A, B>(a: Guard<A>, b: Guard<B>): Guard<A | B> {
  return (v, miss): v is A | B => a(v) || b(v, miss);
}

export function array<T>(g: Guard<T>): Guard<T[]> {
  return (v, miss): v is T[] => {
    if (!Array.isArray(v)) {
      if (miss) miss.expected = "array";
      return false;
    }
    for (let i = 0; i < v.length; i++) {
      if (!g(v[i], miss)) {
        miss?.path.unshift(i);
        return false;
      }
    }
    return true;
  };
}

export function record<T>(g: Guard<T>): Guard<Record<string, T>> {
  return (v, miss): v is Record<string, T> => {
    if (!isRecordLike(v)) {
      if (miss) miss.expected = "object";
      return false;
    }
    for (const k of Object.keys(v)) {
      if (!g(v[k], miss)) {
        miss?.path.unshift(k);
        return false;
      }
    }
    return true;
  };
}

/** An object with (at least) these fields; other fields are let through. */
export function object<S extends Shape>(shape: S): Guard<{ [K in keyof S]: Of<S[K]> }> {
  const keys = Object.keys(shape);
  return (v, miss): v is { [K in keyof S]: Of<S[K]> } => {
    if (!isRecordLike(v)) {
      if (miss) miss.expected = "object";
      return false;
    }
    for (const k of keys) {
      if (!(shape[k] as Guard<unknown>)(v[k], miss)) {
        miss?.path.unshift(k);
        return false;
      }
    }
    return true;
  };
}

export function tuple<A, B>(a: Guard<A>, b: Guard<B>): Guard<[A, B]> {
  return (v, miss): v is [A, B] => {
    if (!Array.isArray(v) || v.length !== 2) {
      if (miss) miss.expected = "[a, b]";
      return false;
    }
    if (!a(v[0], miss)) {
      miss?.path.unshift(0);
      return false;
    }
    if (!b(v[1], miss)) {
      miss?.path.unshift(1);
      return false;
    }
    return true;
  };
}

// ── shared pieces ────────────────────────────────────────────────────────────

const strings = record(str);
const stringList = array(str);

export const isSeverity: Guard<Severity> = literal("error", "warning");
export const isReportStatus: Guard<ReportStatus> = literal("draft", "submitted", "returned", "approved");

/** The one error shape of every non-2xx answer; `details` is anything. */
export const isApiError = object({
  error: object({ code: str, message: str, details: unknownValue }),
});

// ── reports ──────────────────────────────────────────────────────────────────

const reportSummaryShape = {
  round: str,
  unit: str,
  unitName: str,
  status: isReportStatus,
  version: int,
  late: bool,
  submittedAt: nullable(str),
  updatedAt: nullable(str),
};
export const isReportSummary: Guard<ReportSummary> = object(reportSummaryShape);
export const isReportList: Guard<ReportList> = object({ reports: array(isReportSummary) });

export const isReport: Guard<Report> = object({
  ...reportSummaryShape,
  values: strings,
  explanations: strings,
  returnReason: nullable(str),
  locked: bool,
  editable: bool,
});

export const isPatchReportResponse: Guard<PatchReportResponse> = object({
  version: int,
  status: isReportStatus,
  values: strings,
  explanations: strings,
  merged: stringList,
});

export const isEditConflict: Guard<EditConflict> = object({
  cell: str,
  base: nullable(str),
  theirs: nullable(str),
  mine: nullable(str),
});

export const isHistory: Guard<History> = object({
  entries: array(
    object({
      version: int,
      at: str,
      actor: str,
      role: str,
      action: str,
      detail: record(unknownValue),
      cells: array(object({ cell: str, old: nullable(str), new: nullable(str) })),
    }),
  ),
});

// ── me, units ────────────────────────────────────────────────────────────────

export const isMe: Guard<Me> = object({
  tokenId: int,
  role: literal("filler", "reviewer", "admin"),
  label: str,
  unit: object({ code: str, name: str, parent: nullable(str), path: str }),
});

export const isUnitTreeNode: Guard<UnitTreeNode> = (v, miss): v is UnitTreeNode =>
  object({ code: str, name: str, children: array(isUnitTreeNode) })(v, miss);
export const isUnitsResponse: Guard<UnitsResponse> = object({ roots: array(isUnitTreeNode) });

// ── rounds, templates ────────────────────────────────────────────────────────

export const isRound: Guard<Round> = object({
  id: str,
  templateId: str,
  templateVersion: int,
  title: str,
  period: str,
  dueDate: str,
  rootUnit: str,
  status: literal("open", "locked"),
  createdAt: str,
  lockedAt: nullable(str),
});
export const isRoundList: Guard<RoundList> = object({ rounds: array(isRound) });

const templateSummaryShape = { id: str, version: int, title: str, period: str, dueDate: str, publishedAt: str };
export const isTemplateSummary: Guard<TemplateSummary> = object(templateSummaryShape);
export const isTemplateList: Guard<TemplateList> = object({ templates: array(isTemplateSummary) });
export const isPublishedTemplate: Guard<PublishedTemplate> = object({
  ...templateSummaryShape,
  definition: record(unknownValue),
});

// ── change feed ──────────────────────────────────────────────────────────────

export const isChangeEvent: Guard<ChangeEvent> = object({
  cursor: int,
  round: str,
  unit: str,
  version: int,
  kind: literal("patch", "submit", "return", "approve", "lock"),
  status: str,
  cells: stringList,
  at: str,
});
export const isChangesResponse: Guard<ChangesResponse> = object({
  events: array(isChangeEvent),
  cursor: int,
  more: bool,
});

// ── consolidation ────────────────────────────────────────────────────────────

const unitStatus = object({
  code: str,
  name: str,
  status: isReportStatus,
  late: bool,
  submittedAt: nullable(str),
  errors: nullable(int),
  warnings: nullable(int),
  unexplained: nullable(int),
});

export const isConsolidation: Guard<Consolidation> = object({
  round: str,
  template: object({ id: str, version: int, title: str }),
  period: str,
  dueDate: str,
  unit: object({ code: str, name: str }),
  include: array(literal("draft", "submitted", "returned", "approved", "rows")),
  generatedAt: str,
  completeness: object({
    expected: int,
    reported: int,
    byStatus: object({ draft: int, submitted: int, returned: int, approved: int }),
    late: int,
    lateUnits: array(unitStatus),
    missing: array(unitStatus),
  }),
  totals: strings,
  matrix: nullable(object({ units: array(unitStatus), cells: stringList, rows: array(stringList) })),
  lists: array(
    object({
      key: str,
      title: str,
      rows: int,
      totals: strings,
      byUnit: array(object({ unit: str, rows: int, totals: strings })),
      rowValues: optional(array(object({ unit: str, rowId: str, values: strings }))),
    }),
  ),
  problems: array(object({ id: str, ruleId: str, severity: isSeverity, cells: stringList, message: str })),
  notes: array(
    object({
      unit: str,
      unitName: str,
      status: isReportStatus,
      problemId: str,
      text: str,
      message: nullable(str),
      severity: nullable(isSeverity),
    }),
  ),
});

// ── problems (details of a refused submit) ───────────────────────────────────

export const isProblem: Guard<Problem> = object({
  id: str,
  ruleId: str,
  severity: isSeverity,
  cells: stringList,
  message: str,
  row: optional(str),
});

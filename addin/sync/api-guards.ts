/**
 * Every answer of the Worker the task pane reads, checked with the guards of
 * guards.ts. Each checks the shape the client relies on — every field of the
 * TypeScript type, with its JSON type, integers, enums and nullability — but
 * not the string formats (unit codes, dates) the Worker already enforces.
 * The `Guard<…>` annotations below make the compiler check that what a guard
 * accepts is assignable to the schema's type (`import type` only from schemas/).
 */
import type { ChangeEvent, ChangesResponse } from "../../schemas/api/changes";
import type { Consolidation } from "../../schemas/api/consolidation";
import type { Trend } from "../../schemas/api/trend";
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
import type { CrossUnitNotice } from "../../schemas/pii/cross-unit";
import type { Problem } from "../../schemas/problem";
import type { Severity } from "../../schemas/template";
import { array, bool, int, literal, nullable, object, optional, record, str, unknownValue, type Guard } from "./guards";

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

/** A sensitive value another unit holds this year (schemas/pii/cross-unit.ts). */
export const isCrossUnitNotice: Guard<CrossUnitNotice> = object({
  id: str,
  ruleId: literal("cross-unit"),
  cells: stringList,
  message: str,
  row: optional(str),
});

export const isReport: Guard<Report> = object({
  ...reportSummaryShape,
  values: strings,
  explanations: strings,
  returnReason: nullable(str),
  locked: bool,
  editable: bool,
  notices: optional(array(isCrossUnitNotice)),
  previous: optional(strings),
});

export const isPatchReportResponse: Guard<PatchReportResponse> = object({
  version: int,
  status: isReportStatus,
  values: strings,
  explanations: strings,
  merged: stringList,
  notices: optional(array(isCrossUnitNotice)),
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
  expiresAt: nullable(str),
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

/** `GET /trend`: a key over every round of a form (schemas/api/trend.ts). */
export const isTrend: Guard<Trend> = object({
  template: object({ id: str, version: int, title: str }),
  key: str,
  label: str,
  unit: object({ code: str, name: str }),
  include: array(literal("draft", "submitted", "returned", "approved")),
  rounds: array(
    object({
      round: str,
      period: str,
      dueDate: str,
      templateVersion: int,
      value: nullable(str),
      reported: int,
      expected: int,
    }),
  ),
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
  rosters: array(
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
  duplicates: optional(
    array(
      object({
        kind: str,
        label: str,
        masked: str,
        outside: bool,
        occurrences: array(
          object({
            unit: str,
            unitName: str,
            round: str,
            period: str,
            status: isReportStatus,
            roster: nullable(str),
            rowId: nullable(str),
            column: str,
          }),
        ),
      }),
    ),
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

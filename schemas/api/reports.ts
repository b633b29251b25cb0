import { z } from "zod";
import { Instant, safeText, UnitCode } from "./common";
import { CROSS_UNIT_RULE } from "../pii/cross-unit";

/** A sensitive value another unit holds this year: schemas/pii/cross-unit.ts. */
export const CrossUnitNotice = z.object({
  id: z.string(),
  ruleId: z.literal(CROSS_UNIT_RULE),
  cells: z.array(z.string()),
  message: z.string(),
  row: z.string().optional(),
});

export const ReportStatus = z.enum(["draft", "submitted", "returned", "approved"]);
export type ReportStatus = z.infer<typeof ReportStatus>;

/** One row of `GET /rounds/:id/reports`: where a unit stands, without its values. */
export const ReportSummary = z.object({
  round: z.string(),
  unit: UnitCode,
  unitName: z.string(),
  status: ReportStatus,
  version: z.number().int(),
  late: z.boolean(),
  submittedAt: Instant.nullable(),
  updatedAt: Instant.nullable(),
});
export type ReportSummary = z.infer<typeof ReportSummary>;

export const ReportList = z.object({ reports: z.array(ReportSummary) });
export type ReportList = z.infer<typeof ReportList>;

/** cell key → canonical text; blank cells are absent. */
export const CellValues = z.record(z.string(), z.string());

/** problem id → 上报说明. */
export const Explanations = z.record(z.string(), z.string());

export const Report = ReportSummary.extend({
  values: CellValues,
  explanations: Explanations,
  returnReason: z.string().nullable(),
  /** The round is locked: nothing can change any more. */
  locked: z.boolean(),
  /** The caller may PATCH it now (status draft/returned, round open, role allows). */
  editable: z.boolean(),
  /** Sensitive values another unit holds this year (schemas/pii/cross-unit.ts): informational, never block 上报. */
  notices: z.array(CrossUnitNotice).optional(),
  /**
   * Only in `GET …/reports/{unit}`, and only for a form whose rules read prev(): the
   * unit's approved values of the previous round of the same form, mapped to this
   * version's keys ({} when there are none) — what the server's check reads, for the pane's.
   */
  previous: CellValues.optional(),
});
export type Report = z.infer<typeof Report>;

const CellKey = z.string().min(1).max(200);
const ProblemId = z.string().min(1).max(200);

/**
 * A save: cell changes made against `baseVersion` (null clears a cell), plus
 * 上报说明 per warning (null removes one). The If-Match header must name the
 * same version. See docs/api.md for the merge rule.
 */
export const PatchReportRequest = z
  .object({
    baseVersion: z.number().int().min(0),
    changes: z
      .array(
        z.object({
          cell: CellKey,
          value: z.union([z.string().max(10000), z.number(), z.null()]),
        }),
      )
      .max(100000)
      .default([]),
    /** At most MAX_EXPLANATION_LENGTH characters each, checked by the save: 422 invalid_explanations. */
    explanations: z.record(ProblemId, z.string().nullable()).default({}),
  })
  .refine((b) => new Set(b.changes.map((c) => c.cell)).size === b.changes.length, {
    message: "同一个单元格在一次保存中只能出现一次",
    path: ["changes"],
  });
export type PatchReportRequest = z.input<typeof PatchReportRequest>;

export const PatchReportResponse = z.object({
  version: z.number().int(),
  status: ReportStatus,
  values: CellValues,
  explanations: Explanations,
  /** Cells (and `note:<problem id>` 上报说明) the server took from others since baseVersion. */
  merged: z.array(z.string()),
  /** As in Report: the report's sensitive values another unit holds this year, after this save. */
  notices: z.array(CrossUnitNotice).optional(),
});
export type PatchReportResponse = z.infer<typeof PatchReportResponse>;

/** details of a 409 edit_conflict: the same cell changed differently on both sides. */
export const EditConflict = z.object({
  cell: z.string(),
  base: z.string().nullable(),
  theirs: z.string().nullable(),
  mine: z.string().nullable(),
});
export type EditConflict = z.infer<typeof EditConflict>;

export const ReturnRequest = z.object({
  reason: z.string().trim().min(1, "退回必须说明原因").max(2000).superRefine(safeText("退回原因")),
});
export type ReturnRequest = z.infer<typeof ReturnRequest>;

export const HistoryEntry = z.object({
  version: z.number().int(),
  at: Instant,
  actor: z.string(),
  role: z.string(),
  action: z.string(),
  detail: z.record(z.string(), z.unknown()),
  cells: z.array(z.object({ cell: z.string(), old: z.string().nullable(), new: z.string().nullable() })),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const History = z.object({ entries: z.array(HistoryEntry) });
export type History = z.infer<typeof History>;

import { z } from "zod";
import { UnitCode } from "./common";
import { ReportStatus } from "./reports";

/**
 * 跨单位重复 of a consolidation: a sensitive value (a student's 身份证号, a family's
 * 银行卡号) that two or more units hold in rounds of the same year, found by the blind
 * index without decrypting (worker/pii/). Only occurrences inside the consolidated
 * subtree are listed; `outside` says a unit outside it holds the value too, never which.
 */
export const DuplicateOccurrence = z.object({
  unit: UnitCode,
  unitName: z.string(),
  round: z.string(),
  period: z.string(),
  status: ReportStatus,
  /** Roster key and row id; null for a header field. */
  roster: z.string().nullable(),
  rowId: z.string().nullable(),
  /** Column (or header field) key. */
  column: z.string(),
});
export type DuplicateOccurrence = z.infer<typeof DuplicateOccurrence>;

export const CrossUnitDuplicate = z.object({
  /** The column's type: idcard, bankcard … */
  kind: z.string(),
  /** How messages name the column: 名册「身份证号」. */
  label: z.string(),
  /** The value masked (schemas/pii/mask.ts): 341002********0213. */
  masked: z.string(),
  occurrences: z.array(DuplicateOccurrence),
  /** A unit outside the consolidated subtree holds the value too (not named). */
  outside: z.boolean(),
});
export type CrossUnitDuplicate = z.infer<typeof CrossUnitDuplicate>;

import { z } from "zod";
import { Instant, IsoDate, UnitCode } from "./common";
import { CrossUnitDuplicate } from "./duplicates";
import { CellValues, ReportStatus } from "./reports";

/**
 * `GET /rounds/:id/consolidated`: the sum of a subtree of the unit tree, per
 * cell, with the per-unit matrix, completeness, the rules re-run on the totals
 * and every 上报说明. Numbers are canonical decimal text, summed exactly.
 */

/** What `include` may name: report statuses whose values are summed, and `rows` (roster rows). */
export const INCLUDE_TOKENS = ["draft", "submitted", "returned", "approved", "rows"] as const;
export type IncludeToken = (typeof INCLUDE_TOKENS)[number];

export const DEFAULT_INCLUDE = "submitted,approved";

/** `submitted,approved` (default); `draft,returned` preview numbers still being typed; `rows` adds roster rows. */
export const IncludeParam = z
  .string()
  .max(200)
  .regex(
    /^(draft|submitted|returned|approved|rows)(,(draft|submitted|returned|approved|rows))*$/,
    "include 只能是 draft、submitted、returned、approved、rows 以逗号分隔的组合",
  );

export const ConsolidatedQuery = z.object({
  /** The tree node to sum under (itself included); default: the caller's unit. */
  unit: UnitCode.optional().describe("Tree node to sum under (itself included); default: the caller's unit"),
  include: IncludeParam.optional().describe(
    "Statuses summed (default submitted,approved; add draft,returned for a preview) and `rows` for roster rows",
  ),
  /** `false` leaves out the per-unit matrix (`matrix: null`): totals only, summed inside D1. */
  matrix: z
    .enum(["true", "false"])
    .optional()
    .describe("false = no per-unit matrix (matrix: null); totals are then summed inside D1"),
});
export type ConsolidatedQuery = z.infer<typeof ConsolidatedQuery>;

/** One reporting unit as the completeness and the matrix show it. */
export const UnitStatus = z.object({
  code: UnitCode,
  name: z.string(),
  status: ReportStatus,
  /** Submitted after the due date, or still not submitted after it (China Standard Time). */
  late: z.boolean(),
  submittedAt: Instant.nullable(),
  /**
   * The template's rules on the unit's current values, as of its last save:
   * errors, warnings, and warnings without a 上报说明. null = not checked yet.
   */
  errors: z.number().int().nullable(),
  warnings: z.number().int().nullable(),
  unexplained: z.number().int().nullable(),
});
export type UnitStatus = z.infer<typeof UnitStatus>;

export const Completeness = z.object({
  /** Reporting units of the round in the subtree. */
  expected: z.number().int(),
  /** submitted + approved. */
  reported: z.number().int(),
  byStatus: z.object({
    draft: z.number().int(),
    submitted: z.number().int(),
    returned: z.number().int(),
    approved: z.number().int(),
  }),
  late: z.number().int(),
  lateUnits: z.array(UnitStatus),
  /** Not handed in yet (draft or returned), by code and name. */
  missing: z.array(UnitStatus),
});
export type Completeness = z.infer<typeof Completeness>;

/**
 * Items as rows, units as columns: `rows[i][j]` is cell `cells[i]` of unit
 * `units[j]` ("" = blank), so an Excel matrix sheet writes it as one range.
 * Only units whose status is included are columns.
 */
export const Matrix = z.object({
  units: z.array(UnitStatus),
  cells: z.array(z.string()),
  rows: z.array(z.array(z.string())),
});
export type Matrix = z.infer<typeof Matrix>;

/** A roster (名册) summed: row count and totals of its numeric columns, overall and per unit. */
export const RosterTotals = z.object({
  key: z.string(),
  title: z.string(),
  rows: z.number().int(),
  totals: CellValues,
  byUnit: z.array(z.object({ unit: UnitCode, rows: z.number().int(), totals: CellValues })),
  /** Only with include=rows: every row with its unit, in unit then row order. */
  rowValues: z
    .array(z.object({ unit: UnitCode, rowId: z.string(), values: z.record(z.string(), z.string()) }))
    .optional(),
});
export type RosterTotals = z.infer<typeof RosterTotals>;

export const ConsolidatedProblem = z.object({
  id: z.string(),
  ruleId: z.string(),
  severity: z.enum(["error", "warning"]),
  cells: z.array(z.string()),
  message: z.string(),
});

/** A 上报说明 travelling up with its unit, and the warning it explains when it still fires. */
export const ConsolidatedNote = z.object({
  unit: UnitCode,
  unitName: z.string(),
  status: ReportStatus,
  problemId: z.string(),
  text: z.string(),
  /** The problem's message recomputed on the unit's values; null when it no longer fires. */
  message: z.string().nullable(),
  severity: z.enum(["error", "warning"]).nullable(),
});
export type ConsolidatedNote = z.infer<typeof ConsolidatedNote>;

export const Consolidation = z.object({
  round: z.string(),
  template: z.object({ id: z.string(), version: z.number().int(), title: z.string() }),
  period: z.string(),
  dueDate: IsoDate,
  unit: z.object({ code: UnitCode, name: z.string() }),
  include: z.array(z.enum(INCLUDE_TOKENS)),
  generatedAt: Instant,
  completeness: Completeness,
  /** Per template cell (items, grid cells): exact sums of the included reports; blank everywhere = absent. */
  totals: CellValues,
  /** null when asked with `matrix=false`. */
  matrix: Matrix.nullable(),
  rosters: z.array(RosterTotals),
  /**
   * Template-level rules (breakdowns, grid totals, authored rules not reading a
   * roster) re-run on the totals; required/type/bounds do not apply to sums.
   */
  problems: z.array(ConsolidatedProblem),
  notes: z.array(ConsolidatedNote),
  /**
   * 跨单位重复 (schemas/api/duplicates.ts): sensitive values held by two units in this
   * round or another round of the same year, every status counted. Absent from servers before issue 12.
   */
  duplicates: z.array(CrossUnitDuplicate).optional(),
});
export type Consolidation = z.infer<typeof Consolidation>;

import {
  DEFAULT_INCLUDE,
  type Consolidation,
  type IncludeToken,
  type UnitStatus,
} from "../../schemas/api/consolidation";
import type { ReportStatus } from "../../schemas/api/reports";
import type { Template } from "../../schemas/template";
import { requireRole } from "../auth/scope";
import { crossUnitDuplicates } from "./duplicates";
import { consolidate, matrixKeys } from "./maths";
import { readConsolidation } from "../db/consolidation-reads";
import { findRound } from "../db/rounds";
import { loadTemplate } from "../db/templates";
import { findUnit } from "../db/units";
import type { Caller } from "../env";
import { ApiError } from "../errors";
import { canSee } from "../auth/scope";
import { openConsolidationRows } from "../pii/consolidation-values";
import type { PiiSecret } from "../pii/report-crypto";
import { previousOfSubtree } from "../reports/previous";

/**
 * GET /rounds/:id/consolidated (and its exports): who may ask, over which
 * subtree, then one batch of reads (db/consolidation-reads.ts) and the maths (maths.ts).
 * Fillers are refused outright (403); a reviewer may sum any node of its own
 * subtree, anything else is "does not exist" (404); an admin anything.
 */
export async function consolidatedFor(
  pii: PiiSecret,
  caller: Caller,
  roundId: string,
  query: { unit?: string | undefined; include?: string | undefined; matrix?: "true" | "false" | undefined },
  now = new Date(),
  /** Sensitive roster values in full: only a payment-list export revealed with a purpose (worker/pii/reveal.ts). */
  full = false,
): Promise<{ consolidation: Consolidation; units: UnitStatus[]; template: Template }> {
  const db = pii.db;
  requireRole(caller, "reviewer", "admin");
  const round = await findRound(db, caller, roundId);
  if (!round) throw new ApiError("not_found", "找不到该填报轮次，或您无权查看", { round: roundId });
  const code = query.unit ?? caller.unit;
  const unit = code === caller.unit ? { code, name: caller.unitName, path: caller.unitPath } : await findUnit(db, code);
  if (!unit || !canSee(caller, unit.path))
    throw new ApiError("not_found", "找不到该单位，或您无权查看其汇总", { unit: code });
  const template = await loadTemplate(db, round.templateId, round.templateVersion);
  if (!template)
    throw new Error(`template ${round.templateId}@${round.templateVersion} of round ${round.id} is missing`);

  const include = [...new Set((query.include ?? DEFAULT_INCLUDE).split(","))] as IncludeToken[];
  const statuses = include.filter((t): t is ReportStatus => t !== "rows");
  const read = (matrix: boolean) =>
    readConsolidation(db, {
      round: round.id,
      unitPath: unit.path,
      statuses,
      cells: matrixKeys(template),
      matrix,
      hasRosters: template.sections.some((s) => s.kind === "roster"),
      rows: include.includes("rows"),
    });
  const matrix = query.matrix !== "false";
  // Totals summed inside D1 are exact when every value had its integer image
  // (`num`) and no sum left 64 bits; otherwise sum the values themselves.
  // The duplicates (blind index) are read beside the values: the same wait, not a second one.
  const [first, duplicates, previous] = await Promise.all([
    matrix ? read(true) : read(false).catch(overflowAsNull),
    crossUnitDuplicates(db, round.id, unit.path),
    previousOfSubtree(db, { template, round: round.id, dueDate: round.dueDate, unitPath: unit.path, statuses }),
  ]);
  let rows = first;
  if (!rows || rows.sums?.some((s) => s.k < s.n)) rows = await read(true);
  rows = await openConsolidationRows(pii, round.id, template, rows, full);
  const { body, units } = consolidate({
    template,
    round: { id: round.id, period: round.period, dueDate: round.dueDate },
    unit: { code: unit.code, name: unit.name },
    include,
    rows,
    matrix,
    now,
    previous,
  });
  return { consolidation: { ...body, duplicates }, units, template };
}

/** SQLite's "integer overflow" of a SUM past 64 bits → null (sum exactly in JS instead). */
export function overflowAsNull(error: unknown): null {
  if (String(error).includes("integer overflow")) return null;
  throw error;
}

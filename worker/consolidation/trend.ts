import type { ReportStatus } from "../../schemas/api/reports";
import type { Trend, TrendQuery } from "../../schemas/api/trend";
import { compiledOf } from "../../schemas/cells";
import { isPreviousCell } from "../../schemas/compile";
import { mapPrevious } from "../../schemas/previous";
import type { Template } from "../../schemas/template";
import { canSee, requireRole } from "../auth/scope";
import { readConsolidation } from "../db/consolidation-reads";
import { roundsOfTemplate, type TemplateRound } from "../db/rounds";
import { loadTemplate, templateVersions } from "../db/templates";
import { findUnit } from "../db/units";
import type { Caller } from "../env";
import { ApiError } from "../errors";
import { templateChain } from "../reports/previous";
import { consolidate, matrixKeys } from "./maths";
import { overflowAsNull } from "./service";

/** What a trend sums, as the consolidation does by default. */
const INCLUDE: ReportStatus[] = ["submitted", "approved"];

/**
 * GET /trend: one key of a form consolidated over a subtree in every round of
 * the form, oldest first. Who may ask is as for the consolidation (fillers 403,
 * a reviewer any node of its subtree, else 404). Each round is consolidated as
 * the consolidation does (its own template version, submitted and approved
 * reports, computed items from the totals) and its totals are then read as the
 * latest version's keys through each later version's `previous`.
 */
export async function trendOf(db: D1Database, caller: Caller, q: TrendQuery, now = new Date()): Promise<Trend> {
  requireRole(caller, "reviewer", "admin");
  const code = q.unit ?? caller.unit;
  const unit = code === caller.unit ? { code, name: caller.unitName, path: caller.unitPath } : await findUnit(db, code);
  if (!unit || !canSee(caller, unit.path)) {
    throw new ApiError("not_found", "找不到该单位，或您无权查看其汇总", { unit: code });
  }
  const versions = await templateVersions(db, q.template);
  const latestVersion = versions[versions.length - 1];
  const latest = latestVersion === undefined ? null : await loadTemplate(db, q.template, latestVersion);
  if (!latest) throw new ApiError("not_found", `找不到模板 ${q.template}`, { template: q.template });
  const cell = compiledOf(latest).cellByKey.get(q.key);
  if (!cell || !isPreviousCell(cell)) {
    throw new ApiError(
      "invalid_request",
      `模板 ${latest.id} 最新版（第 ${latest.version} 版）没有项目或表格单元格 ${q.key}`,
      { key: q.key },
    );
  }
  const rounds = await roundsOfTemplate(db, latest.id, unit.path);
  const points = await Promise.all(rounds.map((r) => pointOf(db, latest, versions, r, unit, q.key, now)));
  return {
    template: { id: latest.id, version: latest.version, title: latest.title },
    key: q.key,
    label: cell.where,
    unit: { code: unit.code, name: unit.name },
    include: INCLUDE,
    rounds: points,
  };
}

async function pointOf(
  db: D1Database,
  latest: Template,
  versions: readonly number[],
  round: TemplateRound,
  unit: { code: string; name: string; path: string },
  key: string,
  now: Date,
): Promise<Trend["rounds"][number]> {
  const template = await loadTemplate(db, latest.id, round.templateVersion);
  if (!template) throw new Error(`template ${latest.id}@${round.templateVersion} of round ${round.id} is missing`);
  const read = (matrix: boolean) =>
    readConsolidation(db, {
      round: round.id,
      unitPath: unit.path,
      statuses: INCLUDE,
      cells: matrixKeys(template),
      matrix,
      hasRosters: false,
      rows: false,
    });
  // As the consolidation: summed inside D1 unless a value or a sum does not fit its integers.
  let rows = await read(false).catch(overflowAsNull);
  if (!rows || rows.sums?.some((s) => s.k < s.n)) rows = await read(true);
  const { body } = consolidate({
    template,
    round: { id: round.id, period: round.period, dueDate: round.dueDate },
    unit: { code: unit.code, name: unit.name },
    include: INCLUDE,
    rows,
    matrix: false,
    now,
  });
  const mapped = mapPrevious(await templateChain(db, latest, round.templateVersion, versions), body.totals);
  return {
    round: round.id,
    period: round.period,
    dueDate: round.dueDate,
    templateVersion: round.templateVersion,
    value: mapped[key] ?? null,
    reported: body.completeness.reported,
    expected: body.completeness.expected,
  };
}

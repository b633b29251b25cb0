import { ERASED } from "../../schemas/pii/mask";
import type { Caller } from "../env";
import { ApiError } from "../errors";
import { reportTemplate, visibleReport } from "../reports/access";
import type { PiiSecret } from "./report-crypto";
import { logReveal } from "./reveal-log";
import { sensitiveCell } from "./sensitive-cells";

/**
 * A reveal of sensitive values in full (PIPL art. 51): only a reviewer or admin
 * token with the `pii` permission, only for a report it may see, only with a
 * purpose; each one is logged before the values leave. Without the permission
 * nothing is read and nothing is logged.
 */
export function requireReveal(caller: Caller): void {
  if ((caller.role !== "reviewer" && caller.role !== "admin") || !caller.permissions.includes("pii")) {
    throw new ApiError("forbidden", "您的令牌没有查看完整个人信息的权限，请联系管理员");
  }
}

export async function revealReport(
  pii: PiiSecret,
  caller: Caller,
  req: { round: string; unit: string; cells?: string[] | undefined; rows?: string[] | undefined; purpose: string },
): Promise<Record<string, string | null>> {
  requireReveal(caller);
  const s = await visibleReport(pii, caller, req.round, req.unit);
  const template = await reportTemplate(pii.db, s);
  const wanted = new Set<string>();
  const unknown: string[] = [];
  for (const cell of req.cells ?? []) {
    if (sensitiveCell(template, cell)) wanted.add(cell);
    else unknown.push(cell);
  }
  for (const row of req.rows ?? []) {
    const cells = Object.keys(s.values).filter((k) => sensitiveCell(template, k)?.scope === row);
    if (cells.length === 0) unknown.push(row);
    for (const c of cells) wanted.add(c);
  }
  if (unknown.length > 0) {
    throw new ApiError("invalid_request", "只能查看模板标为个人信息的单元格或名册中存在的行", { unknown });
  }
  const what = req.rows ? { rows: req.rows } : { cells: req.cells ?? [] };
  await logReveal(
    pii.db,
    caller,
    { round: req.round, unit: req.unit, what, purpose: req.purpose },
    new Date().toISOString(),
  );
  const values: Record<string, string | null> = {};
  for (const cell of [...wanted].sort()) {
    const v = s.values[cell] ?? null;
    values[cell] = v === ERASED ? ERASED : v;
  }
  return values;
}

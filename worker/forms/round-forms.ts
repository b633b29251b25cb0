import { subtreeRange } from "../db/scope";
import { readReport } from "../db/reports";
import { findRound } from "../db/rounds";
import { loadTemplate } from "../db/templates";
import { findUnit, unitOrderCte } from "../db/units";
import type { Caller } from "../env";
import { ApiError } from "../errors";
import { canSee, requireRole } from "../auth/scope";
import { openSnapshot, type PiiSecret } from "../pii/report-crypto";
import { safeName } from "../exports/respond";
import type { Template } from "../../schemas/template";
import { zip } from "../xlsx/zip";
import { compiledOf } from "./form-workbook";
import { formFileName, unitForm } from "./unit-forms";

/**
 * 下发: the forms of every unit of a round in the subtree of `node` (the node
 * itself too when it reports), one form.xlsx each, in one zip, units in the
 * official printed order. Reviewers and admins only; a node or round the
 * caller does not see is a 404, as everywhere.
 */
export async function roundForms(
  pii: PiiSecret,
  caller: Caller,
  round: string,
  node: string,
): Promise<{ bytes: Uint8Array; name: string; fallback: string }> {
  requireRole(caller, "reviewer", "admin");
  const [found, unit] = await Promise.all([findRound(pii.db, caller, round), findUnit(pii.db, node)]);
  if (!found) throw new ApiError("not_found", "找不到该填报轮次，或您无权查看", { round });
  if (!unit || !canSee(caller, unit.path))
    throw new ApiError("not_found", "找不到该单位，或您无权查看", { unit: node });
  const template = await loadTemplate(pii.db, found.templateId, found.templateVersion);
  if (!template) throw new Error(`template ${found.templateId}@${found.templateVersion} of round ${round} is missing`);
  const [from, to] = subtreeRange(unit.path);
  const { results } = await pii.db
    .prepare(
      `${unitOrderCte("path = ?")} SELECT p.unit FROM reports p JOIN units u ON u.code = p.unit
         JOIN unit_order o ON o.code = p.unit
        WHERE p.round_id = ? AND u.path >= ? AND u.path < ? ORDER BY o.k`,
    )
    .bind(unit.path, round, from, to)
    .all<{ unit: string }>();
  if (results.length === 0) {
    throw new ApiError("not_found", `「${unit.name}」及其下级单位都不参加本轮填报`, { round, unit: node });
  }
  // One compilation for every form of the round: the template is the same.
  const compiled = compiledOf(template);
  const names = new EntryNames(template);
  const entries: { name: string; data: Uint8Array }[] = [];
  for (const { unit: code } of results) {
    const snapshot = await readReport(pii.db, round, code, null);
    if (!snapshot) continue;
    const opened = (await openSnapshot(pii, snapshot)).snapshot;
    entries.push({
      name: names.next(code, opened.row.unit_name),
      data: await unitForm(caller, opened, template, compiled),
    });
  }
  // The forms are deflated already: stored as they are (the zip names are UTF-8, flagged as such).
  const bytes = await zip(entries, { compress: false });
  return { bytes, name: `${safeName(`${unit.name}-${template.title}`)}.zip`, fallback: `${round}-${node}-forms.zip` };
}

/** The zip's entry names: `<单位名>-<表名>.xlsx`, unique even for units of one name (or alike for 120 characters). */
export class EntryNames {
  private readonly used = new Set<string>();

  constructor(private readonly template: Template) {}

  next(code: string, unitName: string): string {
    let name = formFileName(unitName, this.template);
    // The unit code goes first, where the cut to 120 characters spares it; a number after it if even that is taken.
    for (let n = 1; this.used.has(name); n++)
      name = formFileName(`${n === 1 ? code : `${code}(${n})`}-${unitName}`, this.template);
    this.used.add(name);
    return name;
  }
}

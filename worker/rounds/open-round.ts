import type { CreateRoundRequest } from "../../schemas/api/rounds";
import { newWriteId } from "../db/batch";
import { insertRound } from "../db/rounds";
import { findTemplate } from "../db/templates";
import { findUnit, findUnits } from "../db/units";
import { ApiError } from "../errors";

/**
 * Opens a round (POST /rounds, admin): a published template version for a period
 * and due date (the template's unless given), to the units below `rootUnit` or to
 * an explicit list of them, each of which gets a draft report in the same batch.
 * A template, root or unit that does not exist is a 422; a taken id a 409.
 */
export async function openRound(db: D1Database, body: CreateRoundRequest, now = new Date()): Promise<void> {
  const template = await findTemplate(db, body.templateId, body.templateVersion);
  if (!template) {
    throw new ApiError("unknown_template", `模板 ${body.templateId} 第 ${body.templateVersion} 版尚未发布`);
  }
  const root = await findUnit(db, body.rootUnit);
  if (!root) throw new ApiError("unknown_unit", `单位 ${body.rootUnit} 不存在`, { units: [body.rootUnit] });
  let units: string[] | null = null;
  if (body.units) {
    units = [...new Set(body.units)];
    const found = await findUnits(db, units);
    const outside = units.filter((u) => !found.get(u)?.path.startsWith(root.path));
    if (outside.length > 0) throw new ApiError("unknown_unit", "有单位不存在或不在所选单位之下", { units: outside });
  }
  const inserted = await insertRound(db, {
    id: body.id,
    templateId: template.id,
    templateVersion: template.version,
    period: body.period ?? template.period,
    dueDate: body.dueDate ?? template.dueDate,
    retainUntil: body.retainUntil ?? null,
    rootUnit: root.code,
    rootPath: root.path,
    units,
    now: now.toISOString(),
    writeId: newWriteId(),
  });
  if (!inserted) throw new ApiError("already_exists", `填报轮次 ${body.id} 已存在`);
}

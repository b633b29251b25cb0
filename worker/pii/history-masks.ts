import type { HistoryEntry } from "../../schemas/api/reports";
import { ERASED } from "../../schemas/pii/mask";
import type { ReportSnapshot } from "../db/reports";
import { reportTemplate } from "../reports/access";
import { keysOf, maskValueOf, type PiiSecret } from "./report-crypto";
import { isSealed } from "./report-keys";

/**
 * History shows a sensitive change to everyone — the filler included — as masks
 * (old → new), and ERASED where the row's key was destroyed: that the change
 * happened stays visible, the value does not.
 */
export async function maskedHistory(
  pii: PiiSecret,
  s: ReportSnapshot,
  entries: HistoryEntry[],
): Promise<HistoryEntry[]> {
  if (!entries.some((e) => e.cells.some((c) => isSealed(c.old) || isSealed(c.new)))) return entries;
  const template = await reportTemplate(pii.db, s);
  const keys = keysOf(pii, s.row.round_id, s.row.id, s.pii);
  const show = async (cell: string, v: string | null) => {
    if (!isSealed(v)) return maskValueOf(template, cell, v);
    const plain = await keys.open(cell, v);
    return plain === null ? ERASED : maskValueOf(template, cell, plain);
  };
  return Promise.all(
    entries.map(async (e) => ({
      ...e,
      cells: await Promise.all(
        e.cells.map(async (c) => ({ ...c, old: await show(c.cell, c.old), new: await show(c.cell, c.new) })),
      ),
    })),
  );
}

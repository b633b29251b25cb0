import type { CrossUnitDuplicate } from "../../schemas/api/duplicates";
import type { ReportStatus } from "../../schemas/api/reports";
import { subtreeDuplicates, type DuplicateRow } from "../db/blind-index";

/**
 * A consolidation's 跨单位重复: the blind index's duplicates of the subtree
 * (db/blind-index.ts), one entry per value with each occurrence inside the subtree.
 * The index itself stays in the Worker: the answer carries the mask only.
 */
export async function crossUnitDuplicates(
  db: D1Database,
  round: string,
  unitPath: string,
): Promise<CrossUnitDuplicate[]> {
  return groupDuplicates(await subtreeDuplicates(db, round, unitPath));
}

export function groupDuplicates(rows: readonly DuplicateRow[]): CrossUnitDuplicate[] {
  const byValue = new Map<string, CrossUnitDuplicate>();
  for (const r of rows) {
    let d = byValue.get(r.hmac);
    if (!d) {
      d = { kind: r.kind, label: r.label, masked: r.mask, occurrences: [], outside: r.outside === 1 };
      byValue.set(r.hmac, d);
    }
    d.occurrences.push({
      unit: r.unit,
      unitName: r.unit_name,
      round: r.round_id,
      period: r.period,
      status: r.status as ReportStatus,
      roster: r.roster,
      rowId: r.row_id,
      column: r.col,
    });
  }
  // 身份证号 first, then by mask: a stable order a clerk can follow down the list.
  const rank = (kind: string) => (kind === "idcard" ? 0 : kind === "bankcard" ? 1 : 2);
  return [...byValue.values()].sort(
    (a, b) => rank(a.kind) - rank(b.kind) || (a.masked < b.masked ? -1 : a.masked > b.masked ? 1 : 0),
  );
}

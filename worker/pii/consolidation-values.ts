import type { Template } from "../../schemas/template";
import type { ConsolidationRows } from "../db/consolidation-reads";
import { keysOf, maskValueOf, type PiiSecret } from "./report-crypto";
import { isSealed, type RowKeyRecord } from "./report-keys";
import { roundKeyStatement, type RoundKeyRecord } from "./round-keys";
import { ERASED } from "../../schemas/pii/mask";

/**
 * The cell values a consolidation hands out (`include=rows`, the notes' context,
 * their exports) opened and masked — or in full for a payment-list export made
 * with the `pii` permission and a purpose (worker/pii/reveal-routes.ts).
 */
export async function openConsolidationRows(
  pii: PiiSecret,
  round: string,
  template: Template,
  rows: ConsolidationRows,
  full: boolean,
): Promise<ConsolidationRows> {
  const cells = [...rows.rosterCells, ...rows.noteCells];
  const ids = [...new Set(cells.filter((c) => isSealed(c.value)).map((c) => c.id))];
  const keysById = new Map<number, ReturnType<typeof keysOf>>();
  if (ids.length > 0) {
    const [roundKey, rowKeys] = await pii.db.batch([
      roundKeyStatement(pii.db, round),
      pii.db
        .prepare(
          "SELECT report_id, id, scope, wrapped FROM pii_row_keys WHERE report_id IN (SELECT value FROM json_each(?))",
        )
        .bind(JSON.stringify(ids)),
    ]);
    const stored = (roundKey?.results[0] as RoundKeyRecord | undefined) ?? null;
    const byReport = new Map<number, RowKeyRecord[]>(ids.map((id) => [id, []]));
    for (const r of (rowKeys?.results ?? []) as (RowKeyRecord & { report_id: number })[]) {
      byReport.get(r.report_id)?.push(r);
    }
    for (const [id, records] of byReport)
      keysById.set(id, keysOf(pii, round, id, { roundKey: stored, rowKeys: records }));
  }
  const show = async (c: { id: number; cell: string; value: string }) => {
    let v: string | null = c.value;
    if (isSealed(v)) v = (await keysById.get(c.id)?.open(c.cell, v)) ?? ERASED;
    return { ...c, value: full ? v : (maskValueOf(template, c.cell, v) as string) };
  };
  return {
    ...rows,
    rosterCells: await Promise.all(rows.rosterCells.map(show)),
    noteCells: await Promise.all(rows.noteCells.map(show)),
  };
}

import type { RosterTotals } from "../../schemas/api/consolidation";
import type { CompiledTemplate } from "../../schemas/compile";
import { ExactSum } from "../../schemas/decimal";
import { compareRowIds } from "../../schemas/rows";
import type { ConsolidationRows, SubtreeReport } from "../db/consolidation-reads";

/**
 * The rosters (名册, roster sections) of a consolidation: per unit and overall,
 * the number of rows and the exact totals of the numeric (integer, money)
 * columns; with `include=rows` the rows themselves.
 */
export function rosterTotals(
  compiled: CompiledTemplate,
  rows: ConsolidationRows,
  byId: Map<number, SubtreeReport>,
  withRows: boolean,
): RosterTotals[] {
  return compiled.rosters.map((roster) => {
    const scales = new Map(
      roster.columns
        .filter((c) => c.type === "number")
        .map((c) => [c.key, c.spec.kind === "money" || c.spec.kind === "integer" ? c.spec.scale : 0]),
    );
    const perUnit = new Map<number, { rows: number; sums: Map<string, ExactSum> }>();
    const entry = (id: number) => {
      let e = perUnit.get(id);
      if (!e) perUnit.set(id, (e = { rows: 0, sums: new Map() }));
      return e;
    };
    for (const r of rows.rosterRows) if (r.roster === roster.key) entry(r.id).rows = r.n;
    for (const r of rows.rosterColumns) {
      const scale = scales.get(r.col);
      if (r.roster !== roster.key || scale === undefined) continue;
      const e = entry(r.id);
      let sum = e.sums.get(r.col);
      if (!sum) e.sums.set(r.col, (sum = new ExactSum(scale)));
      for (const text of r.v.split(",")) sum.add(text);
    }
    const overall = new Map([...scales].map(([col, scale]) => [col, new ExactSum(scale)]));
    let count = 0;
    const byUnit: RosterTotals["byUnit"] = [];
    // Units in tree order (the order the reports were read in).
    for (const [id, report] of byId) {
      const e = perUnit.get(id);
      if (!e) continue;
      count += e.rows;
      const totals: Record<string, string> = {};
      for (const col of roster.columns) {
        const sum = e.sums.get(col.key);
        if (!sum || sum.count === 0) continue;
        totals[col.key] = sum.text();
        overall.get(col.key)?.add(totals[col.key] as string);
      }
      byUnit.push({ unit: report.unit, rows: e.rows, totals });
    }
    const totals: Record<string, string> = {};
    for (const [col, sum] of overall) if (sum.count > 0) totals[col] = sum.text();
    const out: RosterTotals = { key: roster.key, title: roster.title, rows: count, totals, byUnit };
    if (withRows) out.rowValues = rosterRows(roster.key, rows, byId);
    return out;
  });
}

function rosterRows(
  rosterKey: string,
  rows: ConsolidationRows,
  byId: Map<number, SubtreeReport>,
): NonNullable<RosterTotals["rowValues"]> {
  const grouped = new Map<number, Map<string, Record<string, string>>>();
  const prefix = `${rosterKey}.`;
  for (const c of rows.rosterCells) {
    if (!c.cell.startsWith(prefix)) continue;
    const last = c.cell.lastIndexOf(".");
    const rowId = c.cell.slice(prefix.length, last);
    let unit = grouped.get(c.id);
    if (!unit) grouped.set(c.id, (unit = new Map()));
    let row = unit.get(rowId);
    if (!row) unit.set(rowId, (row = {}));
    row[c.cell.slice(last + 1)] = c.value;
  }
  const out: NonNullable<RosterTotals["rowValues"]> = [];
  for (const [id, report] of byId) {
    const unit = grouped.get(id);
    if (!unit) continue;
    for (const rowId of [...unit.keys()].sort(compareRowIds)) {
      out.push({ unit: report.unit, rowId, values: unit.get(rowId) as Record<string, string> });
    }
  }
  return out;
}

/**
 * What Excel's formulas on a form compute, for the in-memory workbook: each
 * roster's 序号 (schemas/layout/form/serial.ts) and the computed items that
 * carry a formula (calc-formulas.ts), read from the values the sheet holds,
 * as COUNTIF/COUNTIFS/SUM/SUMIFS read them: criteria ignore case, sums add
 * numbers only, results are rounded to the item's scale. Pure.
 */
import { a1 } from "../../schemas/layout/address";
import { serialNumbers } from "../../schemas/layout/form/serial";
import type { CalcFormula, RosterLayout, SheetLayout } from "../../schemas/layout/form/layout-types";
import type { CellValue } from "../sheet/form-workbook";

type Values = Map<string, CellValue>;

/** Recomputes every formula cell of `layout` into `values`; answers the addresses whose value changed. */
export function computeFormulas(layout: SheetLayout, values: Values): string[] {
  const changed: string[] = [];
  const put = (address: string, v: CellValue) => {
    if ((values.get(address) ?? null) === v) return;
    if (v === null) values.delete(address);
    else values.set(address, v);
    changed.push(address);
  };
  for (const roster of layout.rosters) {
    const rows = rowsOf(roster, values);
    serialNumbers(rows.map((r) => r.some((v) => v !== null))).forEach((n, i) =>
      put(a1(roster.firstRow + i, roster.serial.col), n),
    );
  }
  for (const cell of layout.cells) {
    if (!cell.formula) continue;
    const roster = layout.rosters.find((l) => l.key === cell.formula?.roster);
    if (roster) put(cell.address, evaluate(cell.formula, roster, values));
  }
  return changed;
}

/** The roster's rows, each its values in column order. */
function rowsOf(roster: RosterLayout, values: Values): CellValue[][] {
  return Array.from({ length: roster.rowCount }, (_, i) =>
    roster.columns.map((c) => values.get(a1(roster.firstRow + i, c.col)) ?? null),
  );
}

function evaluate(f: CalcFormula, roster: RosterLayout, values: Values): number {
  const index = (key: string | undefined) => roster.columns.findIndex((c) => c.key === key);
  const where = f.where.map((w) => ({ i: index(w.column), text: w.equals.toLowerCase() }));
  const summed = index(f.column);
  let total = 0;
  for (const row of rowsOf(roster, values)) {
    if (!where.every((w) => String(row[w.i] ?? "").toLowerCase() === w.text)) continue;
    if (f.kind === "count") {
      if (where.length > 0 || row.some((v) => v !== null)) total++;
      continue;
    }
    const v = row[summed];
    if (typeof v === "number") total += v;
  }
  // ROUND: half away from zero.
  const scale = 10 ** f.scale;
  return ((total < 0 ? -1 : 1) * Math.round(Math.abs(total) * scale)) / scale;
}

/**
 * 跨单位重复 on the officer's consolidated sheet: the sensitive values two units
 * hold this year (schemas/api/duplicates.ts), listed below the 上报说明 list in the
 * same four columns, so every drawing of that list (the add-in, the preview's
 * workbook, a refresh, the Worker's export) draws them too. A row of this round's
 * roster is named by its 序号 on this sheet; a row of another round by that round's
 * period and the row's id (its rows are not on this sheet).
 */
import type { CrossUnitDuplicate, DuplicateOccurrence } from "../../api/duplicates";
import type { OfficerRoster } from "./view";

export const DUPLICATES_TITLE = "跨单位重复";
export const DUPLICATES_HEADER = ["序号", "号码（已脱敏）", "所在列", "填报单位及所在行"] as const;
export const OUTSIDE_NOTE = "另有本级以外的单位填报";

/** Where the sheet's roster rows are: `unit rowId` → 序号 on the sheet (1-based, per roster). */
export function rowNumbers(rosters: readonly OfficerRoster[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rosters) r.rows.forEach((row, i) => out.set(`${r.key} ${row.unit} ${row.rowId}`, i + 1));
  return out;
}

/** How a line names one occurrence: 徽州区总工会 第 3 行 / 徽州区总工会 2022年秋季 行 r1. */
export function occurrenceText(o: DuplicateOccurrence, round: string, numbers: ReadonlyMap<string, number>): string {
  if (o.roster === null) return `${o.unitName} 表头`;
  const n = o.round === round ? numbers.get(`${o.roster} ${o.unit} ${o.rowId}`) : undefined;
  if (n !== undefined) return `${o.unitName} 第 ${n} 行`;
  return o.round === round ? `${o.unitName} 行 ${o.rowId}` : `${o.unitName} ${o.period}（${o.round}）行 ${o.rowId}`;
}

/** The block's lines: a blank line, the title, the header, one line per value; none without duplicates. */
export function duplicateLines(
  duplicates: readonly CrossUnitDuplicate[],
  view: { round: string; rosters: readonly OfficerRoster[] },
): (string | number)[][] {
  if (duplicates.length === 0) return [];
  const numbers = rowNumbers(view.rosters);
  return [
    ["", "", "", ""],
    [`${DUPLICATES_TITLE}（${duplicates.length} 条）`, "", "", ""],
    [...DUPLICATES_HEADER],
    ...duplicates.map((d, i) => {
      const where = d.occurrences.map((o) => occurrenceText(o, view.round, numbers));
      if (d.outside) where.push(OUTSIDE_NOTE);
      return [i + 1, d.masked, d.label, where.join("；")];
    }),
  ];
}

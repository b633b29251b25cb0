import type { Consolidation } from "../../schemas/api/consolidation";
import {
  DUPLICATES_TITLE,
  OUTSIDE_NOTE,
  occurrenceText,
  rowNumbers,
} from "../../schemas/layout/officer/duplicates-list";
import type { OfficerRoster } from "../../schemas/layout/officer/view";
import { STATUS_LABEL } from "../../schemas/status";
import { num, SheetGrid, text, type Sheet } from "../xlsx/sheet";

const HEADER = ["序号", "号码（已脱敏）", "所在列", "单位编码", "填报单位", "轮次", "期次", "状态", "所在行"];

/**
 * 跨单位重复 of a consolidation (schemas/api/duplicates.ts) as a sheet of its own: one
 * line per occurrence, numbered per value, so the file sorts and filters by unit or
 * round. Numbers are masked; the same lines are also below the consolidated form.
 */
export function duplicatesSheet(c: Consolidation, rosters: readonly OfficerRoster[]): Sheet {
  const grid = new SheetGrid(DUPLICATES_TITLE);
  grid.line(
    1,
    HEADER.map((h) => text(h, "columnHeader")),
  );
  const numbers = rowNumbers(rosters);
  let row = 2;
  (c.duplicates ?? []).forEach((d, i) => {
    for (const o of d.occurrences) {
      const where = occurrenceText(o, c.round, numbers).slice(o.unitName.length + 1);
      grid.line(row++, [
        num(String(i + 1), "0"),
        d.masked,
        d.label,
        o.unit,
        o.unitName,
        o.round,
        o.period,
        STATUS_LABEL[o.status],
        where,
      ]);
    }
    if (d.outside) grid.line(row++, [num(String(i + 1), "0"), d.masked, d.label, null, OUTSIDE_NOTE]);
  });
  return grid.toSheet();
}

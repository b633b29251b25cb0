import type { ReportStatus } from "../../schemas/api/reports";
import { buildLayout } from "../../schemas/layout/form/layout";
import { explanationList } from "../../schemas/layout/officer/consolidated-sheet";
import type { Problem } from "../../schemas/problem";
import { STATUS_LABEL } from "../../schemas/status";
import type { Template } from "../../schemas/template";
import { drawExplanations, drawLayout, rosterOf } from "./form-sheet";
import { text, type Sheet } from "../xlsx/sheet";

/**
 * A report as the filler's sheet shows it (schemas/layout/form `buildLayout`):
 * the same labels at the same addresses, 填报单位 filled with the unit's name,
 * the values in their cells and each roster with as many rows as the report
 * has. Row 3, blank in every form, says where the report stands; its 上报说明
 * are listed below the form as the officer's consolidated sheet lists them.
 */
export interface ReportExport {
  template: Template;
  unit: { code: string; name: string };
  status: ReportStatus;
  values: Record<string, string>;
  explanations: Record<string, string>;
  /** The report's current problems, to find the cell each 上报说明 explains. */
  problems: Problem[];
}

/** Where the consolidated sheet has its 最后更新 line: blank in every form layout (header.ts). */
const STATUS_ADDRESS = "A3";

export function reportSheets(r: ReportExport): Sheet[] {
  const rosterRows: Record<string, number> = {};
  // A draft may hold more rows than a roster's maxRows (a validation error, still its data): make room.
  const sections = r.template.sections.map((s) => {
    if (s.kind !== "roster") return s;
    const rows = (rosterRows[s.key] = rosterOf(s.key, r.values).length);
    return rows > s.maxRows ? { ...s, maxRows: rows } : s;
  });
  const layout = buildLayout({ ...r.template, sections }, { unitName: r.unit.name, rosterRows });
  const grid = drawLayout(layout, r.values);
  grid.put(STATUS_ADDRESS, text(`状态：${STATUS_LABEL[r.status]}`, "stamp"));
  const firing = new Map(r.problems.map((p) => [p.id, p.message]));
  const notes = Object.entries(r.explanations).map(([problemId, note]) => ({
    unit: r.unit.code,
    unitName: r.unit.name,
    problemId,
    text: note,
    message: firing.get(problemId) ?? null,
  }));
  if (notes.length > 0) drawExplanations(grid, explanationList(layout, notes, r.problems));
  return [grid.toSheet()];
}

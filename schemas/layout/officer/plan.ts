/**
 * From one consolidation to the officer's sheets: the status sheet, the
 * per-unit matrix, the consolidated form and the charts, as plain data any
 * renderer draws (the add-in's `OfficerWorkbook`s; the Worker's export draws `officerSheets`).
 */
import { stageChart, unitBarChart, type ChartSpec } from "./charts";
import { consolidatedLayout, consolidatedSheet, problemMarks, type ConsolidatedSheet } from "./consolidated-sheet";
import { matrixLayout, type MatrixLayout } from "./matrix-sheet";
import { statusLayout, type StatusLayout } from "./status-sheet";
import type { OfficerView } from "./view";

/** The three sheets, without charts: what a static file of them (the Worker's export) draws. */
export interface OfficerSheets {
  status: StatusLayout;
  matrix: MatrixLayout;
  consolidated: ConsolidatedSheet;
}

export interface OfficerPlan extends OfficerSheets {
  charts: ChartSpec[];
}

export interface PlanOptions {
  /** 占比 block on the matrix. */
  share?: boolean;
  /** Matrix item charted per unit; default the first row. */
  chartCell?: string;
  /** Total whose breakdown is charted; default the first 3-part breakdown. */
  stageTotal?: string;
}

export function officerSheets(view: OfficerView, options: Pick<PlanOptions, "share"> = {}): OfficerSheets {
  const t = view.template;
  const status = statusLayout(view.units, { title: t.title });
  const byCode = new Map(view.units.map((u) => [u.code, u]));
  // Matrix columns follow the unit list's order; a unit with values but no row still shows.
  const codes = [...view.units.map((u) => u.code), ...Object.keys(view.matrix.values).filter((c) => !byCode.has(c))];
  const matrix = matrixLayout(
    t,
    codes.map((code) => ({ code, name: byCode.get(code)?.name ?? code })),
    view.matrix,
    { share: options.share, nodeName: view.unit.name },
  );
  const consolidated = consolidatedSheet(
    consolidatedLayout(t, view.unit.name, { rosters: view.rosters }),
    view.totals,
    problemMarks(view.problems),
    view.notes,
    view,
  );
  return { status, matrix, consolidated };
}

export function officerPlan(view: OfficerView, options: PlanOptions = {}): OfficerPlan {
  const { status, matrix, consolidated } = officerSheets(view, options);
  const charts = [
    unitBarChart(matrix, options.chartCell ?? matrix.rows[0]?.cell ?? ""),
    stageChart(view.template, consolidated.layout, { total: options.stageTotal, nodeName: view.unit.name }),
  ].filter((c): c is ChartSpec => c !== undefined);
  return { status, matrix, consolidated, charts };
}

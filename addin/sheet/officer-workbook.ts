/**
 * The officer's sheets as the rest of the add-in sees them: a status sheet,
 * the consolidated form, the per-unit matrix and charts, and a live refresh
 * that writes only what changed. No Office types here: implemented over
 * Office.js (`../excel/officer-office.ts`) and in memory for the preview and
 * the tests (`../memory/officer-memory.ts`). Layouts come from
 * `schemas/layout/officer/`, patches from `officer/refresh.ts`.
 *
 * Round trips: a render is 2 `context.sync()` (one to learn whether the
 * sheet exists, one to draw it; a roster too big for one request adds one per
 * 2 MB of rows); a refresh is 1, however many units and sheets changed, or 2
 * when status rows changed (the officer may have sorted them: their keys are
 * read first).
 */
import type { ChartSpec } from "../../schemas/layout/officer/charts";
import type { MatrixLayout } from "../../schemas/layout/officer/matrix-sheet";
import type { ConsolidatedSheet } from "../../schemas/layout/officer/consolidated-sheet";
import type { SheetPatch } from "./officer/refresh";
import type { StatusLayout } from "../../schemas/layout/officer/status-sheet";

export type { ChartSpec } from "../../schemas/layout/officer/charts";
export type { MatrixLayout } from "../../schemas/layout/officer/matrix-sheet";
export type { ConsolidatedSheet } from "../../schemas/layout/officer/consolidated-sheet";
export type { SheetPatch } from "./officer/refresh";
export type { StatusLayout } from "../../schemas/layout/officer/status-sheet";

export interface OfficerWorkbook {
  /** 填报情况: one row per unit, coloured by conditional formats, with an AutoFilter. Replaces a sheet of that name. */
  renderStatus(layout: StatusLayout, stamp: string): Promise<void>;
  /** 节点汇总: the official form filled with totals, marks and 上报说明 notes. Replaces a sheet of that name. */
  renderConsolidated(sheet: ConsolidatedSheet, stamp: string): Promise<void>;
  /** 分单位明细: items × units, 合计 and 占比 as formulas, outliers highlighted. Replaces a sheet of that name. */
  renderMatrix(layout: MatrixLayout, stamp: string): Promise<void>;
  /** Writes one sheet's changed blocks and its 最后更新 stamp, in one round trip. */
  refreshMatrix(patch: SheetPatch, stamp: string): Promise<void>;
  /** Writes every sheet's patch and stamp in one round trip. */
  refresh(patches: readonly SheetPatch[], stamp: string): Promise<void>;
  /** Replaces our charts (named `HB_…`) on the sheets the specs name; charts read live ranges, so refreshes redraw them. */
  renderCharts(specs: readonly ChartSpec[]): Promise<void>;
}

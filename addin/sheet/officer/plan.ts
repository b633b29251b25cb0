/**
 * From one consolidation to the officer's sheets, and from two consolidations
 * to the writes of a live refresh. Pure: the result is handed to an
 * `OfficerWorkbook`, which sends a refresh in a single round trip.
 */
import type { SheetLayout } from "../../../schemas/layout/form/layout-types";
import type { CellMark, MarkSeverity } from "../form-workbook";
import { stageChart, unitBarChart, type ChartSpec } from "../../../schemas/layout/officer/charts";
import {
  cellNotes,
  consolidatedLayout,
  explanationBlock,
  explanationList,
  problemMarks,
  totalBlocks,
  type CellNote,
  type ExplanationList,
} from "../../../schemas/layout/officer/consolidated-sheet";
import type { WriteBlock } from "./grid-diff";
import { diffMatrix, matrixLayout, type MatrixLayout } from "../../../schemas/layout/officer/matrix-sheet";
import { diffStatus, statusLayout, type StatusLayout } from "../../../schemas/layout/officer/status-sheet";
import type { ExplanationNote, OfficerView } from "../../../schemas/layout/officer/view";

export interface ConsolidatedSheet {
  layout: SheetLayout;
  totals: Record<string, string>;
  marks: CellMark[];
  notes: ExplanationNote[];
  /** Derived from the above: what the sheet shows in notes and below the form. */
  cellNotes: CellNote[];
  list: ExplanationList;
}

export interface OfficerPlan {
  status: StatusLayout;
  matrix: MatrixLayout;
  consolidated: ConsolidatedSheet;
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

export function officerPlan(view: OfficerView, options: PlanOptions = {}): OfficerPlan {
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
  const consolidated = consolidatedSheet(consolidatedLayout(t, view.unit.name), view.totals, problemMarks(view.problems), view.notes, view);
  const charts = [
    unitBarChart(matrix, options.chartCell ?? matrix.rows[0]?.cell ?? ""),
    stageChart(t, consolidated.layout, { total: options.stageTotal, nodeName: view.unit.name }),
  ].filter((c): c is ChartSpec => c !== undefined);
  return { status, matrix, consolidated, charts };
}

export function consolidatedSheet(
  layout: SheetLayout,
  totals: Record<string, string>,
  marks: readonly CellMark[],
  notes: readonly ExplanationNote[],
  view?: Pick<OfficerView, "problems">,
): ConsolidatedSheet {
  return {
    layout,
    totals,
    marks: [...marks],
    notes: [...notes],
    cellNotes: cellNotes(layout, marks, notes, view?.problems),
    list: explanationList(layout, notes, view?.problems),
  };
}

/** A note to set (`text`) or remove (`text: null`), with the fill of its cell. */
export interface NotePatch {
  address: string;
  text: string | null;
  severity: MarkSeverity | null;
}

/** Everything one sheet needs in a refresh. */
export interface SheetPatch {
  sheet: string;
  blocks: WriteBlock[];
  notes: NotePatch[];
  /** Re-run the AutoFilter so filtered rows follow their new status. */
  reapplyFilter: boolean;
  stampAddress: string;
}

export interface RefreshPlan {
  patches: SheetPatch[];
  /** Sheets whose shape changed (a unit joined, a template changed): draw them again. */
  rerender: ("status" | "matrix" | "consolidated")[];
  /** Cells written, over all patches. */
  written: number;
}

/** The writes that turn the sheets of `prev` into those of `next`. */
export function refreshPlan(prev: OfficerPlan, next: OfficerPlan): RefreshPlan {
  const patches: SheetPatch[] = [];
  const rerender: RefreshPlan["rerender"] = [];
  let written = 0;

  const status = diffStatus(prev.status, next.status);
  if (!status) rerender.push("status");
  else {
    patches.push({ sheet: next.status.sheet, blocks: status.blocks, notes: [], reapplyFilter: status.changed > 0, stampAddress: next.status.stampAddress });
    written += status.written;
  }

  const matrix = diffMatrix(prev.matrix, next.matrix);
  if (!matrix) rerender.push("matrix");
  else {
    patches.push({ sheet: next.matrix.sheet, blocks: matrix.blocks, notes: [], reapplyFilter: false, stampAddress: next.matrix.stampAddress });
    written += matrix.written;
  }

  const c = diffConsolidated(prev.consolidated, next.consolidated);
  if (!c) rerender.push("consolidated");
  else {
    patches.push(c);
    written += c.blocks.reduce((s, b) => s + b.values.length * (b.values[0]?.length ?? 0), 0);
  }
  return { patches, rerender, written };
}

export function diffConsolidated(prev: ConsolidatedSheet, next: ConsolidatedSheet): SheetPatch | undefined {
  if (prev.layout.sheet !== next.layout.sheet || prev.layout.templateId !== next.layout.templateId || prev.layout.templateVersion !== next.layout.templateVersion) {
    return undefined;
  }
  const changed = new Set<string>();
  for (const c of next.layout.cells) if ((prev.totals[c.key] ?? "") !== (next.totals[c.key] ?? "")) changed.add(c.key);
  const blocks = changed.size > 0 ? totalBlocks(next.layout, next.totals, changed) : [];
  if (JSON.stringify(prev.list.rows) !== JSON.stringify(next.list.rows)) blocks.push(explanationBlock(next.list, prev.list.rows.length));

  const before = new Map(prev.cellNotes.map((n) => [n.address, n]));
  const after = new Map(next.cellNotes.map((n) => [n.address, n]));
  const notes: NotePatch[] = [];
  for (const [address, n] of after) {
    const old = before.get(address);
    if (!old || old.text !== n.text || old.severity !== n.severity) notes.push({ address, text: n.text, severity: n.severity });
  }
  for (const address of before.keys()) if (!after.has(address)) notes.push({ address, text: null, severity: null });
  return { sheet: next.layout.sheet, blocks, notes, reapplyFilter: false, stampAddress: consolidatedStampAddress(next.layout) };
}

/** The consolidated sheet's 最后更新 line sits right under the form's subtitle (row 3 is blank in every layout). */
export function consolidatedStampAddress(_layout: SheetLayout): string {
  return "A3";
}

/**
 * From two plans of the officer's sheets to the writes of a live refresh:
 * changed cells in blocks, notes to set or remove, and which sheets changed
 * shape and must be drawn again. Pure: the result is handed to an
 * `OfficerWorkbook`, which sends a refresh in a single round trip.
 */
import { parseRange, rangeAddress } from "../../../schemas/layout/address";
import type { MarkSeverity } from "../../../schemas/layout/form/marks";
import {
  consolidatedStampAddress,
  EXPLANATION_ROOM,
  explanationBlock,
  totalBlocks,
  type ConsolidatedSheet,
} from "../../../schemas/layout/officer/consolidated-sheet";
import { rosterGrid, rowsLeft } from "../../../schemas/layout/officer/consolidated-roster";
import type { MatrixLayout } from "../../../schemas/layout/officer/matrix-sheet";
import type { OfficerPlan } from "../../../schemas/layout/officer/plan";
import type { StatusLayout } from "../../../schemas/layout/officer/status-sheet";
import { diffGrid, type GridCell, type GridDiff, type WriteBlock } from "./grid-diff";
import type { RowOrder } from "./row-order";

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
  /** Rows the officer may have sorted: the blocks are placed in drawn order, the adapter moves them (row-order.ts). */
  order?: RowOrder;
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
    patches.push({
      sheet: next.status.sheet,
      blocks: status.blocks,
      notes: [],
      reapplyFilter: status.changed > 0,
      stampAddress: next.status.stampAddress,
      ...(status.changed > 0 ? { order: statusOrder(next.status) } : {}),
    });
    written += status.written;
  }

  const matrix = diffMatrix(prev.matrix, next.matrix);
  if (!matrix) rerender.push("matrix");
  else {
    patches.push({
      sheet: next.matrix.sheet,
      blocks: matrix.blocks,
      notes: [],
      reapplyFilter: false,
      stampAddress: next.matrix.stampAddress,
    });
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

/**
 * The writes of a refresh of the consolidated sheet: changed totals, changed
 * roster cells, the 上报说明 list and notes. Undefined when the shape changed
 * (another template, a roster gained or lost rows, which moves everything
 * below it, or the list outgrew its room): draw it again.
 */
export function diffConsolidated(prev: ConsolidatedSheet, next: ConsolidatedSheet): SheetPatch | undefined {
  if (
    prev.layout.sheet !== next.layout.sheet ||
    prev.layout.templateId !== next.layout.templateId ||
    prev.layout.templateVersion !== next.layout.templateVersion ||
    prev.layout.rows !== next.layout.rows ||
    // The list below the form is drawn with room for this many lines; a longer one is drawn again.
    next.list.rows.length - 2 > Math.max(EXPLANATION_ROOM, prev.list.rows.length - 2) ||
    prev.layout.rosters.some((r, i) => r.rowCount !== next.layout.rosters[i]?.rowCount)
  ) {
    return undefined;
  }
  const changed = new Set<string>();
  for (const c of next.layout.cells) if ((prev.totals[c.key] ?? "") !== (next.totals[c.key] ?? "")) changed.add(c.key);
  const blocks = changed.size > 0 ? totalBlocks(next.layout, next.totals, changed) : [];
  for (const r of next.layout.rosters) {
    const rows = (sheet: ConsolidatedSheet) => sheet.rosters.find((x) => x.key === r.key)?.rows ?? [];
    const [before, after] = [rosterGrid(r, rows(prev)), rosterGrid(r, rows(next))];
    // An empty roster is one blank row on the sheet.
    const blank = () => [r.columns.map((): GridCell => null)];
    const diff = diffGrid(before.length > 0 ? before : blank(), after.length > 0 ? after : blank(), {
      top: r.firstRow,
      left: rowsLeft(r),
    });
    blocks.push(...diff.blocks);
  }
  if (JSON.stringify(prev.list.rows) !== JSON.stringify(next.list.rows))
    blocks.push(explanationBlock(next.list, prev.list.rows.length));

  const before = new Map(prev.cellNotes.map((n) => [n.address, n]));
  const after = new Map(next.cellNotes.map((n) => [n.address, n]));
  const notes: NotePatch[] = [];
  for (const [address, n] of after) {
    const old = before.get(address);
    if (!old || old.text !== n.text || old.severity !== n.severity)
      notes.push({ address, text: n.text, severity: n.severity });
  }
  for (const address of before.keys()) if (!after.has(address)) notes.push({ address, text: null, severity: null });
  return {
    sheet: next.layout.sheet,
    blocks,
    notes,
    reapplyFilter: false,
    stampAddress: consolidatedStampAddress(next.layout),
  };
}

/** The status sheet's rows are units, sortable: each is found by its code in the hidden key column. */
export function statusOrder(layout: StatusLayout): RowOrder {
  const keys = layout.units.map((u) => u.code);
  const pos = { top: layout.firstRow, bottom: layout.firstRow + keys.length - 1, left: 1, right: layout.keyColumn };
  return {
    firstRow: layout.firstRow,
    keyColumn: layout.keyColumn,
    keys,
    body: {
      ...pos,
      address: rangeAddress(pos),
      values: layout.values.map((row, i) => [...row.map((v) => v ?? ""), keys[i] as string]),
    },
  };
}

/**
 * The writes a refresh of the status sheet needs: changed rows, and the
 * summary line when the counts moved. Undefined when the unit list changed
 * (added, removed or reordered units): re-render instead.
 */
export function diffStatus(prev: StatusLayout, next: StatusLayout): GridDiff | undefined {
  if (prev.units.length !== next.units.length || prev.units.some((u, i) => u.code !== next.units[i]?.code))
    return undefined;
  if (next.units.length === 0) return { blocks: [], changed: 0, written: 0, plan: "none" };
  const diff = diffGrid(prev.values, next.values, { top: next.firstRow, left: 1 });
  if (prev.summary !== next.summary) {
    diff.blocks.push({ ...parseRange(next.summaryAddress), address: next.summaryAddress, values: [[next.summary]] });
    diff.written++;
  }
  return diff;
}

/**
 * What a refresh writes on the matrix: the changed unit cells, in blocks.
 * Undefined when rows or units differ (a unit joined, a template changed): re-render.
 */
export function diffMatrix(previous: MatrixLayout, next: MatrixLayout): GridDiff | undefined {
  const sameUnits =
    previous.units.length === next.units.length && previous.units.every((u, i) => u.code === next.units[i]?.code);
  const sameRows =
    previous.rows.length === next.rows.length && previous.rows.every((r, i) => r.cell === next.rows[i]?.cell);
  if (!sameUnits || !sameRows || previous.shareCol !== next.shareCol) return undefined;
  if (next.units.length === 0 || next.rows.length === 0) return { blocks: [], changed: 0, written: 0, plan: "none" };
  return diffGrid(previous.values, next.values, { top: next.firstRow, left: next.firstUnitCol });
}

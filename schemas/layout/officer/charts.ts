/**
 * Chart specs (pure): which range a chart reads, its type and its zh-CN title.
 * Charts read the sheets' own ranges, so Excel redraws them when a refresh
 * writes new values; they are re-created only when the layout changes.
 */
import { a1, parseCell, rangeAddress } from "../address";
import type { SheetLayout } from "../form/layout-types";
import type { Template } from "../../template";
import type { MatrixLayout } from "./matrix-sheet";

/** The Excel.ChartType / Excel.ChartSeriesBy values used (string forms, so no Office global is needed at run time). */
export type ChartKind = "BarClustered" | "ColumnClustered" | "Pie";

export interface ChartSpec {
  /** Our charts are named `HB_…` so a re-render replaces only them. */
  name: string;
  sheet: string;
  type: ChartKind;
  title: string;
  /** The values. */
  source: string;
  seriesBy: "Rows" | "Columns";
  /** Category labels when they are not next to the values (set with `setXAxisValues`). */
  categories?: string;
  seriesName: string;
  /** Top-left and bottom-right cells the chart covers. */
  from: string;
  to: string;
}

/** Our charts' names: a re-render replaces these and leaves the officer's own charts alone. */
export const UNIT_BAR_CHART = "HB_unit_bar";
export const STAGE_CHART = "HB_stage";

/** A clustered bar per unit of one matrix item: the row of unit values, unit names as categories. */
export function unitBarChart(layout: MatrixLayout, cell: string): ChartSpec | undefined {
  const index = layout.rows.findIndex((r) => r.cell === cell);
  const row = layout.rows[index];
  if (!row || layout.units.length === 0) return undefined;
  const r = layout.firstRow + index;
  const left = layout.firstUnitCol;
  const right = layout.totalCol - 1;
  const top = layout.lastRow + 3;
  // One bar is ~16 px high: size the chart by the unit count, within reason.
  const height = Math.min(60, Math.max(16, Math.ceil(layout.units.length * 0.8) + 4));
  return {
    name: UNIT_BAR_CHART,
    sheet: layout.sheet,
    type: "BarClustered",
    title: `各单位「${shortLabel(row.label)}」（${row.unit}）`,
    source: rangeAddress({ top: r, bottom: r, left, right }),
    seriesBy: "Rows",
    categories: rangeAddress({ top: layout.headerRow, bottom: layout.headerRow, left, right }),
    seriesName: `${shortLabel(row.label)}（${row.unit}）`,
    from: a1(top, 2),
    to: a1(top + height, Math.min(layout.columns, 9)),
  };
}

/**
 * The stage breakdown of the node's totals: the parts of a 其中 breakdown
 * (items), or a grid row's columns other than 合计. `total` picks it; by
 * default the first breakdown with three or more parts, else the first grid row.
 * Undefined when the parts are not one contiguous row or column of the sheet.
 */
export function stageChart(
  template: Template,
  layout: SheetLayout,
  options: { total?: string; nodeName?: string; kind?: ChartKind } = {},
): ChartSpec | undefined {
  const parts = stageParts(template, options.total);
  if (!parts) return undefined;
  const cells = parts.parts.map((k) => layout.cells.find((c) => c.key === k));
  if (cells.some((c) => !c)) return undefined;
  const pos = cells.map((c) => parseCell(c?.address as string));
  const vertical = pos.every((p, i) => p.col === pos[0]?.col && p.row === (pos[0]?.row ?? 0) + i);
  const horizontal = pos.every((p, i) => p.row === pos[0]?.row && p.col === (pos[0]?.col ?? 0) + i);
  if (!vertical && !horizontal) return undefined;
  const first = pos[0] as { row: number; col: number };
  const last = pos[pos.length - 1] as { row: number; col: number };
  const source = rangeAddress({ top: first.row, left: first.col, bottom: last.row, right: last.col });
  let categories: string;
  if (vertical) {
    // Labels sit in 项目 (column B) on the same rows.
    categories = rangeAddress({ top: first.row, bottom: last.row, left: 2, right: 2 });
  } else {
    // Labels are the grid's column headers: the nearest header row above.
    const headerRow = Math.max(
      ...layout.texts
        .filter(
          (t) =>
            t.style === "columnHeader" &&
            parseCell(t.address).col === first.col &&
            parseCell(t.address).row < first.row,
        )
        .map((t) => parseCell(t.address).row),
    );
    if (!Number.isFinite(headerRow)) return undefined;
    categories = rangeAddress({ top: headerRow, bottom: headerRow, left: first.col, right: last.col });
  }
  const right = layout.columns + 2;
  return {
    name: STAGE_CHART,
    sheet: layout.sheet,
    type: options.kind ?? "Pie",
    title: `${options.nodeName ? `${options.nodeName}：` : ""}${shortLabel(parts.label)}构成`,
    source,
    seriesBy: vertical ? "Columns" : "Rows",
    categories,
    seriesName: shortLabel(parts.label),
    from: a1(4, right),
    to: a1(22, right + 6),
  };
}

function stageParts(template: Template, total?: string): { label: string; parts: string[] } | undefined {
  const labelOf = (key: string): string => {
    for (const s of template.sections) {
      if (s.kind === "items") {
        const item = s.items.find((i) => i.key === key);
        if (item) return item.label;
      } else if (s.kind === "grid") {
        const [rowKey, colKey] = key.split(".");
        const row = s.rows.find((r) => r.key === rowKey);
        const col = s.columns.find((c) => c.key === colKey);
        if (row) return col && colKey !== s.total ? `${row.label}（${col.label}）` : row.label;
      }
    }
    return key;
  };
  const breakdown = template.breakdowns.find((b) => (total ? b.total === total : b.parts.length >= 3));
  if (breakdown) return { label: labelOf(breakdown.total), parts: breakdown.parts };
  for (const s of template.sections) {
    if (s.kind !== "grid" || !s.total) continue;
    const row = total ? s.rows.find((r) => r.key === total || `${r.key}.${s.total}` === total) : s.rows[0];
    if (!row) continue;
    return { label: row.label, parts: s.columns.filter((c) => c.key !== s.total).map((c) => `${row.key}.${c.key}`) };
  }
  return undefined;
}

/** Chart titles stay short: drop the printed 其中： prefix and the year. */
function shortLabel(label: string): string {
  return label
    .replace(/^其中：/, "")
    .replace(/^\d{4}\s*年/, "")
    .trim();
}

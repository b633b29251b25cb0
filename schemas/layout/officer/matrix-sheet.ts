/**
 * The matrix sheet (分单位明细): the form's numeric cells as rows, one column
 * per unit, then 合计 and an optional 占比 block, so one district's outlier
 * stands out at a glance.
 *
 *   A 序号 | B 项目 | C 单位 | D… one column per unit | 合计 | (gap) | 占比 per unit
 *
 * Only the unit block holds values. 合计 and 占比 are R1C1 formulas written once
 * at render, and outliers are a conditional format, so a refresh writes the
 * changed unit cells and Excel recomputes the rest.
 */
import { a1, columnLetter, rangeAddress } from "../address";
import type { Template } from "../../template";
import type { GridCell } from "../write-block";
import { OFFICER_COLORS, type ConditionalRule } from "./status-sheet";

export const MATRIX_SHEET = "分单位明细";

export interface MatrixRow {
  cell: string;
  /** 序号 as printed, once per number. */
  no: string;
  label: string;
  unit: string;
  numberFormat: string;
  indent: number;
}

export interface MatrixUnit {
  code: string;
  name: string;
}

export interface MatrixLayout {
  sheet: string;
  title: string;
  stampAddress: string;
  /** Row 3: 各单位数值 / 占比 band over the header. */
  bandRow: number;
  headerRow: number;
  firstRow: number;
  lastRow: number;
  rows: MatrixRow[];
  units: MatrixUnit[];
  firstUnitCol: number;
  /** 合计 column (right after the last unit). */
  totalCol: number;
  /** First 占比 column, when the share block is on. */
  shareCol?: number;
  columns: number;
  columnWidths: number[];
  /** rows × units, as written (numbers, null = blank). */
  values: GridCell[][];
  /** The unit block, e.g. D5:T64. */
  unitRange: string;
  totalFormulaR1C1: string;
  shareFormulaR1C1?: string;
  conditionalFormats: ConditionalRule[];
}

export interface MatrixOptions {
  sheetName?: string;
  /** Adds the 占比 block (each unit's share of 合计). */
  share?: boolean;
  /** Whose units these are, for the title: 上海市总工会. */
  nodeName?: string;
}

/** How far from the row mean (in standard deviations) a unit must be to be flagged. */
export const OUTLIER_SIGMA = 2.5;
/** Fewer units than this: no spread to speak of, nothing is flagged. */
export const OUTLIER_MIN_UNITS = 5;

const numberFormat = (type: "integer" | "decimal", scale: number) =>
  type === "decimal" && scale > 0 ? `0.${"0".repeat(scale)}` : "0";

/** The numeric cells of a template in form order (items, then grid cells row by row); rosters and headers excluded. */
export function numericCells(template: Template): MatrixRow[] {
  const out: MatrixRow[] = [];
  for (const s of template.sections) {
    if (s.kind === "items") {
      let printed = "";
      for (const item of s.items) {
        out.push({
          cell: item.key,
          no: item.no && item.no !== printed ? item.no : "",
          label: item.label,
          unit: item.unit,
          numberFormat: numberFormat(item.type, item.scale),
          indent: item.indent,
        });
        if (item.no) printed = item.no;
      }
    } else if (s.kind === "grid") {
      for (const r of s.rows) {
        s.columns.forEach((c, i) =>
          out.push({
            cell: `${r.key}.${c.key}`,
            no: i === 0 ? r.no : "",
            label: `${r.label}（${c.label}）`,
            unit: r.unit,
            numberFormat: numberFormat(r.type, r.scale),
            indent: i === 0 ? r.indent : r.indent + 1,
          }),
        );
      }
    }
  }
  return out;
}

export function matrixLayout(
  template: Template,
  units: readonly MatrixUnit[],
  matrix: { cells: readonly string[]; values: Readonly<Record<string, Readonly<Record<string, string>>>> },
  options: MatrixOptions = {},
): MatrixLayout {
  const wanted = new Set(matrix.cells);
  const rows = numericCells(template).filter((r) => wanted.size === 0 || wanted.has(r.cell));
  const bandRow = 3;
  const headerRow = 4;
  const firstRow = 5;
  const lastRow = Math.max(firstRow, firstRow + rows.length - 1);
  const firstUnitCol = 4;
  const totalCol = firstUnitCol + units.length;
  const shareCol = options.share ? totalCol + 2 : undefined;
  const columns = shareCol !== undefined ? shareCol + units.length - 1 : totalCol;
  const widths = [6, 40, 6, ...units.map((u) => unitWidth(u.name)), 12];
  if (shareCol !== undefined) widths.push(2, ...units.map((u) => unitWidth(u.name)));

  const lastUnit = columnLetter(Math.max(firstUnitCol, totalCol - 1));
  const first = columnLetter(firstUnitCol);
  const unitRange = rangeAddress({
    top: firstRow,
    left: firstUnitCol,
    bottom: lastRow,
    right: Math.max(firstUnitCol, totalCol - 1),
  });
  const row = `$${first}${firstRow}:$${lastUnit}${firstRow}`;
  const here = a1(firstRow, firstUnitCol);
  return {
    sheet: options.sheetName ?? MATRIX_SHEET,
    title: `${template.title}　分单位明细${options.nodeName ? `（${options.nodeName}）` : ""}`,
    stampAddress: "A2",
    bandRow,
    headerRow,
    firstRow,
    lastRow,
    rows,
    units: units.map((u) => ({ code: u.code, name: u.name })),
    firstUnitCol,
    totalCol,
    shareCol,
    columns,
    columnWidths: widths,
    values: rows.map((r) => units.map((u) => numeric(matrix.values[u.code]?.[r.cell]))),
    unitRange,
    totalFormulaR1C1: `=SUM(RC${firstUnitCol}:RC[-1])`,
    shareFormulaR1C1:
      shareCol !== undefined ? `=IF(RC${totalCol}=0,"",RC[${firstUnitCol - shareCol}]/RC${totalCol})` : undefined,
    conditionalFormats:
      units.length >= OUTLIER_MIN_UNITS
        ? [
            {
              id: "outlier",
              range: unitRange,
              formula:
                `=AND(ISNUMBER(${here}),COUNT(${row})>=${OUTLIER_MIN_UNITS},` +
                `ABS(${here}-AVERAGE(${row}))>${OUTLIER_SIGMA}*STDEVP(${row}))`,
              fillColor: OFFICER_COLORS.outlier,
              priority: 0,
              meaning: `与同项各单位平均值相差 ${OUTLIER_SIGMA} 倍标准差以上`,
            },
          ]
        : [],
  };
}

function unitWidth(name: string): number {
  return Math.min(16, Math.max(10, Array.from(name).length * 2));
}

function numeric(text: string | undefined): number | null {
  if (text === undefined || text === "") return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** The header row as written: 序号 项目 单位, unit names, 合计, (gap), 占比 unit names. */
export function matrixHeader(layout: MatrixLayout): string[] {
  const head = ["序号", "项目", "单位", ...layout.units.map((u) => u.name), "合计"];
  if (layout.shareCol !== undefined) head.push("", ...layout.units.map((u) => u.name));
  return head;
}

/** Cells the outlier format colours, computed as Excel would (for the preview and tests). */
export function matrixOutliers(layout: MatrixLayout): { row: number; unit: number }[] {
  const out: { row: number; unit: number }[] = [];
  if (layout.units.length < OUTLIER_MIN_UNITS) return out;
  layout.values.forEach((line, r) => {
    const xs = line.filter((v): v is number => typeof v === "number");
    if (xs.length < OUTLIER_MIN_UNITS) return;
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    line.forEach((v, u) => {
      if (typeof v === "number" && Math.abs(v - mean) > OUTLIER_SIGMA * sd) out.push({ row: r, unit: u });
    });
  });
  return out;
}

/**
 * The status sheet (填报情况): one row per unit — who submitted, who is late,
 * how many problems and 上报说明 — as plain data both workbooks render.
 *
 *   A 单位 | B 状态 | C 提交时间 | D 是否逾期 | E 错误数 | F 警告数 | G 上报说明数
 *
 * Colours are conditional formats keyed on the cell text, so a refresh that
 * rewrites a row recolours it without touching any format.
 */
import { countStatuses, STATUS_LABEL, summaryText } from "../../status";
import { chinaDateTime, instantToSerial } from "../../time";
import { a1, columnLetter, rangeAddress } from "../address";
import { COLORS } from "../colors";
import type { GridCell } from "../write-block";
import type { OfficerUnit } from "./view";

export const STATUS_SHEET = "填报情况";

export const STATUS_COLUMNS = [
  { header: "单位", width: 28, numberFormat: "@" },
  { header: "状态", width: 10, numberFormat: "@" },
  { header: "提交时间", width: 18, numberFormat: "yyyy-mm-dd hh:mm" },
  { header: "是否逾期", width: 10, numberFormat: "@" },
  { header: "错误数", width: 8, numberFormat: "0" },
  { header: "警告数", width: 8, numberFormat: "0" },
  { header: "上报说明数", width: 12, numberFormat: "0" },
] as const;

/** A conditional format: `formula` is written for the top-left cell of `range`, relative to it. */
export interface ConditionalRule {
  id: "late" | "draft" | "returned" | "outlier";
  range: string;
  formula: string;
  fontColor?: string;
  fillColor?: string;
  /** 0 = checked first; a late 未上报 unit is red, not grey. */
  priority: number;
  /** What the colour means, for the legend and the preview. */
  meaning: string;
}

export interface StatusLayout {
  sheet: string;
  title: string;
  /** A2: 最后更新：… */
  stampAddress: string;
  /** A3: counts by status. */
  summaryAddress: string;
  summary: string;
  headerRow: number;
  firstRow: number;
  units: OfficerUnit[];
  /** Rows × 7, as written: text, numbers, date serials, null for blank. */
  values: GridCell[][];
  /**
   * A hidden column right of the seven holding each row's unit code: the rows
   * are sortable, so a refresh finds a unit's row by its code, not its place.
   */
  keyColumn: number;
  /** Header and data with the key column, for the AutoFilter (a sort moves whole rows of it). */
  tableRange: string;
  dataRange: string;
  conditionalFormats: ConditionalRule[];
}

export const OFFICER_COLORS = {
  late: "#C00000",
  draft: "#808080",
  returned: COLORS.warning,
  outlier: "#F8CBAD",
} as const;

export interface StatusOptions {
  sheetName?: string;
  /** e.g. 2014年上海工会金秋助学情况统计表 */
  title?: string;
}

export function statusLayout(units: readonly OfficerUnit[], options: StatusOptions = {}): StatusLayout {
  const headerRow = 4;
  const firstRow = headerRow + 1;
  const last = STATUS_COLUMNS.length;
  const bottom = Math.max(firstRow, firstRow + units.length - 1);
  const data = rangeAddress({ top: firstRow, left: 1, bottom, right: last });
  const status = columnLetter(2);
  const late = columnLetter(4);
  return {
    sheet: options.sheetName ?? STATUS_SHEET,
    title: `${options.title ?? ""}填报情况`.trim(),
    stampAddress: "A2",
    summaryAddress: "A3",
    summary: summaryText(countStatuses(units)),
    headerRow,
    firstRow,
    units: [...units],
    values: units.map(statusRow),
    keyColumn: last + 1,
    tableRange: rangeAddress({ top: headerRow, left: 1, bottom, right: last + 1 }),
    dataRange: data,
    conditionalFormats: [
      {
        id: "late",
        range: data,
        formula: `=$${late}${firstRow}="是"`,
        fontColor: OFFICER_COLORS.late,
        priority: 0,
        meaning: "逾期",
      },
      {
        id: "returned",
        range: data,
        formula: `=$${status}${firstRow}="${STATUS_LABEL.returned}"`,
        fillColor: OFFICER_COLORS.returned,
        priority: 1,
        meaning: STATUS_LABEL.returned,
      },
      {
        id: "draft",
        range: data,
        formula: `=$${status}${firstRow}="${STATUS_LABEL.draft}"`,
        fontColor: OFFICER_COLORS.draft,
        priority: 2,
        meaning: STATUS_LABEL.draft,
      },
    ],
  };
}

export function statusRow(u: OfficerUnit): GridCell[] {
  return [
    u.name,
    STATUS_LABEL[u.status],
    u.submittedAt ? instantToSerial(u.submittedAt) : null,
    u.late ? "是" : "否",
    u.errors,
    u.warnings,
    u.notes,
  ];
}

/** The 最后更新 line every officer sheet carries (China time). */
export function stampText(at: Date): string {
  return `最后更新：${chinaDateTime(at)}`;
}

/** The header cells of the status sheet, by address. */
export function statusHeaders(layout: StatusLayout): { address: string; text: string }[] {
  return STATUS_COLUMNS.map((c, i) => ({ address: a1(layout.headerRow, i + 1), text: c.header }));
}

/**
 * How the officer's sheets are protected, and why a refresh never touches the
 * protection.
 *
 * The sheets are read-only reports drawn from the server: protection keeps
 * their labels, formulas and shape as drawn (no inserted or deleted rows), so
 * a refresh that writes cells by address writes the right cells. Each sheet is
 * protected once, when it is drawn. A refresh (every few seconds while units
 * report) calls no `protect`/`unprotect`: both clear the user's undo stack
 * ("Undo support with the Excel JavaScript API", excel-add-ins-undo-capabilities.md:
 * WorksheetProtection.protect/unprotect have no undo support). So the cells a
 * refresh writes are unlocked ("read-only by look": bold, no input shading,
 * no validation), and the allowances cover what else it changes: fills of the
 * marks (allowFormatCells), notes and charts (allowEditObjects), re-applying
 * the AutoFilter (allowAutoFilter). A render still replaces the sheet
 * (Worksheet.delete and .name clear the undo stack too): that happens only
 * when the shape changes — a unit joins, a roster gains rows, the 上报说明
 * list grows — or the officer asks for it.
 *
 * Sorting: Excel sorts nothing over a locked cell of a protected sheet,
 * whatever `allowSort` says (Microsoft, "Protect a worksheet": "Users can't
 * sort ranges that contain locked cells on a protected worksheet, regardless
 * of this setting"). The status sheet's rows are units: its data rows are
 * unlocked and `allowSort` is on, so the officer can sort by 状态, 提交时间 or
 * 错误数; each row carries its unit code in a hidden column so a refresh
 * finds the unit's row wherever the sort put it (../sheet/officer/row-order.ts).
 * The matrix and the consolidated form are not sortable: their rows are the
 * form's items in printed order (其中 lines under their totals), the unit bar
 * chart reads one item's row by address, and items of different measures
 * (万元, 人, 个) have no order between them.
 */
import { rangeAddress } from "../../schemas/layout/address";
import { PROTECTION } from "./office-host";
import { explanationArea, totalBlocks, type ConsolidatedSheet } from "../../schemas/layout/officer/consolidated-sheet";
import { consolidatedStampAddress } from "../../schemas/layout/officer/consolidated-sheet";
import type { MatrixLayout } from "../../schemas/layout/officer/matrix-sheet";
import type { StatusLayout } from "../../schemas/layout/officer/status-sheet";

/** The form's protection, plus the mark fills a refresh sets on its (read-only by look) cells. */
export const OFFICER_PROTECTION: Excel.WorksheetProtectionOptions = { ...PROTECTION, allowFormatCells: true };

/** The status sheet: rows are units, sortable over the unlocked data rows. */
export const STATUS_PROTECTION: Excel.WorksheetProtectionOptions = { ...OFFICER_PROTECTION, allowSort: true };

/** What a refresh of the status sheet writes: 最后更新, the summary line, the data rows with their keys. */
export function statusWritable(layout: StatusLayout): string[] {
  const bottom = layout.firstRow + Math.max(1, layout.units.length) - 1;
  return [
    layout.stampAddress,
    layout.summaryAddress,
    rangeAddress({ top: layout.firstRow, bottom, left: 1, right: layout.keyColumn }),
  ];
}

/** What a refresh of the matrix writes: 最后更新 and the unit values (合计 and 占比 are formulas Excel keeps current). */
export function matrixWritable(layout: MatrixLayout): string[] {
  return layout.units.length > 0 && layout.rows.length > 0
    ? [layout.stampAddress, layout.unitRange]
    : [layout.stampAddress];
}

/**
 * What a refresh of the consolidated form writes: 最后更新, every total, the
 * 上报说明 list with its room to grow (rosters are unlocked by the form's drawing).
 */
export function consolidatedWritable(sheet: ConsolidatedSheet): string[] {
  return [
    consolidatedStampAddress(sheet.layout),
    ...totalBlocks(sheet.layout, {}).map((b) => b.address),
    explanationArea(sheet.list),
  ];
}

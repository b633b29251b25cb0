/**
 * The 序号 column of a roster (名册), as the notices print their tables:
 * filled rows numbered 1, 2, 3…, blank rows skipped. A formula numbers them,
 * so the number is never typed, never stored, and is no part of a row's
 * identity (that is its position, the row id).
 */
import type { SerialColumn } from "./layout-types";

export const SERIAL_HEADER = "序号";

/**
 * Each row adds one to the count of the row above when it has a value, and
 * carries the count on as a negative number when it is blank; `0;;;` shows
 * positive numbers only. One formula for every row, whose work does not grow
 * with the roster (a MAX over the rows above would, on 20,000 rows), and that
 * new rows take as they are. N() reads the header above the first row as 0.
 */
export function serialColumn(col: number, lastDataCol: number): SerialColumn {
  const previous = "N(R[-1]C)";
  return {
    col,
    formulaR1C1: `=IF(COUNTA(RC${col + 1}:RC${lastDataCol})=0,-ABS(${previous}),ABS(${previous})+1)`,
    numberFormat: "0;;;",
  };
}

/** The 序号 of each row as the formula computes them (blank rows: null), for the in-memory workbook. */
export function serialNumbers(filled: readonly boolean[]): (number | null)[] {
  let n = 0;
  return filled.map((f) => (f ? ++n : null));
}

/**
 * Roster rows share their formulas: a cell of the checks may stand for a
 * whole column of rows (`L10:L59`), its formula written for the top row.
 * Every reference that changes from row to row is written `$L10` (column
 * fixed, row relative) and every fixed one `$J$5`, so the rows below are the
 * same text with the relative rows moved — what a spreadsheet does with a
 * shared formula (OOXML `<f t="shared">`), and what `expandRows` does for a
 * writer that writes each cell.
 */
import { parseRange, rangeAddress } from "../../address";
import type { CheckCell } from "./check-types";

const RELATIVE_ROW = /(\$[A-Z]{1,3})(\d+)(?![\d$])/g;

/** `formula` moved down by `rows`: relative rows shift, fixed ones and text in quotes stay. */
export function shiftRows(formula: string, rows: number): string {
  if (rows === 0) return formula;
  // Outside string literals only: parts at even indexes (a doubled quote splits into an empty part).
  return formula
    .split('"')
    .map((part, i) =>
      i % 2 === 1 ? part : part.replace(RELATIVE_ROW, (_, col: string, row: string) => `${col}${Number(row) + rows}`),
    )
    .join('"');
}

/** The cells a (possibly range) cell stands for, one per row. */
export function expandRows(cell: CheckCell): CheckCell[] {
  if (!cell.address.includes(":")) return [cell];
  const r = parseRange(cell.address);
  const out: CheckCell[] = [];
  for (let row = r.top; row <= r.bottom; row++) {
    for (let col = r.left; col <= r.right; col++) {
      const address = rangeAddress({ top: row, bottom: row, left: col, right: col });
      out.push(
        cell.formula === undefined
          ? { ...cell, address }
          : { ...cell, address, formula: shiftRows(cell.formula, row - r.top) },
      );
    }
  }
  return out;
}

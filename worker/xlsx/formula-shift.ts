import { MAX_COL, MAX_ROW, columnLetter, columnNumber } from "../../schemas/layout/address";

/**
 * A shared formula (`<f t="shared" si="0">`, ECMA-376 Part 1 §18.3.1.40) is
 * written once, in the first cell of its range; the other cells carry only
 * the index, and their formula is the master's with its relative references
 * moved by the cell's offset from the master (as filling down or right does).
 * Cell references only: whole rows or columns (`1:1`, `A:A`) are left as
 * written, and a reference moved off the sheet becomes `#REF!` as in Excel.
 */
const REFERENCE = /(?<![A-Za-z0-9_.$])(\$?)([A-Za-z]{1,3})(\$?)([0-9]{1,7})(?![A-Za-z0-9_(!.])/g;

export function shiftFormula(formula: string, rows: number, cols: number): string {
  if (rows === 0 && cols === 0) return formula;
  let out = "";
  let at = 0;
  // Outside "strings", 'sheet names' and [structured references] only. A bracket holds no `[`
  // (`T[[#This Row],[A]]` is two), so a run of unclosed `[` is not rescanned from each one.
  const literal = /"(?:[^"]|"")*"|'(?:[^']|'')*'|\[[^[\]]*\]/g;
  for (const m of formula.matchAll(literal)) {
    out += shiftReferences(formula.slice(at, m.index), rows, cols) + m[0];
    at = (m.index as number) + m[0].length;
  }
  return out + shiftReferences(formula.slice(at), rows, cols);
}

function shiftReferences(text: string, rows: number, cols: number): string {
  return text.replace(REFERENCE, (whole, colFixed: string, letters: string, rowFixed: string, digits: string) => {
    let col = columnNumber(letters.toUpperCase());
    let row = Number(digits);
    if (col > MAX_COL || row < 1) return whole; // not a reference after all (a name like ABCD1 is excluded above)
    if (!colFixed) col += cols;
    if (!rowFixed) row += rows;
    if (col < 1 || col > MAX_COL || row < 1 || row > MAX_ROW) return "#REF!";
    return `${colFixed}${columnLetter(col)}${rowFixed}${row}`;
  });
}

import { columnLetter } from "../../schemas/layout/address";

/**
 * An R1C1 formula (the layout's 序号 column, serial.ts) in A1 style for the
 * cell at `row`, `col`: the file format stores A1 only (ECMA-376 Part 1
 * §18.17.2), where Office.js takes R1C1 for a whole column at once. `R[-1]C`
 * is the cell above, `RC5` column E of the same row; an absolute part gets `$`.
 * Text in double quotes is left alone, and so are names that merely contain
 * R or C (a reference is never preceded or followed by a letter, digit or "(").
 */
const REF = /(?<![A-Za-z0-9_.$])R(\[-?\d+\]|\d+)?C(\[-?\d+\]|\d+)?(?![A-Za-z0-9_(])/g;

export function r1c1ToA1(formula: string, row: number, col: number): string {
  const body = formula.startsWith("=") ? formula.slice(1) : formula;
  return body
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(REF, (_m, r: string | undefined, c: string | undefined) => {
            const [rowAbs, rowAt] = at(r, row);
            const [colAbs, colAt] = at(c, col);
            return `${colAbs}${columnLetter(colAt)}${rowAbs}${rowAt}`;
          }),
    )
    .join("");
}

/** `[k]`: relative to `here`; `n`: absolute; nothing: `here`, relative. */
function at(part: string | undefined, here: number): [string, number] {
  if (part === undefined) return ["", here];
  if (part.startsWith("[")) return ["", here + Number(part.slice(1, -1))];
  return ["$", Number(part)];
}

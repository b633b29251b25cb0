/**
 * The colour a cell shows: its own fill, unless a conditional format over it
 * is true — the rule with the lowest priority number wins. The fake evaluates
 * only comparisons of one cell reference with a literal (`='汇表标记'!C5=2`,
 * `=$D$7<>""`) and a 其中 rule's exhaustive formula, relative references shifting from the rule's top-left cell as
 * Excel shifts them; any other formula is not evaluated (reads as false).
 * Conditional-format formulas may reference other sheets since Excel 2010.
 */
import { columnNumber, parseAreas } from "../../../../schemas/layout/address";
import { cellAt, findSheet, type SheetState, type WorkbookState, type Scalar } from "./state";

const SIMPLE = /^=\s*(?:('(?:[^']|'')+'|[^!'=<>]+)!)?(\$?)([A-Z]{1,3})(\$?)(\d+)\s*(=|<>|>=|<=|>|<)\s*(.+)$/;

export function evaluable(formula: string): boolean {
  return SIMPLE.test(formula);
}

export function conditionTrue(
  book: WorkbookState,
  sheet: SheetState,
  formula: string,
  anchor: { row: number; col: number },
  at: { row: number; col: number },
): boolean {
  const sum = SUM_RULE.exec(formula);
  if (sum) return sumRuleBroken(sheet, sum[1] as string, sum[2] as string, Number(sum[3]), sum[4] as string);
  const m = SIMPLE.exec(formula);
  if (!m) return false;
  const [, sheetPart, colAbs, colText, rowAbs, rowText, op, literalText] = m;
  const on = sheetPart ? findSheet(book, sheetPart.replace(/^'|'$/g, "").replace(/''/g, "'")) : sheet;
  if (!on) return false;
  const row = Number(rowText) + (rowAbs ? 0 : at.row - anchor.row);
  const col = columnNumber(colText as string) + (colAbs ? 0 : at.col - anchor.col);
  const value = cellAt(on, row, col).value;
  return compare(value, op as string, literal((literalText as string).trim()));
}

/** A 其中 rule's exhaustive form (schemas/layout/form/sum-rules.ts), absolute references on the rule's sheet. */
const SUM_RULE =
  /^=AND\(ISNUMBER\(([$A-Z0-9]+)\),COUNT\(([$A-Z0-9:,]+)\)=(\d+),ROUND\(SUM\(([$A-Z0-9:,]+)\)-\1,6\)<>0\)$/;

function sumRuleBroken(sheet: SheetState, total: string, counted: string, count: number, summed: string): boolean {
  const numbers = (areas: string) =>
    parseAreas(areas.replace(/\$/g, "")).flatMap((r) => {
      const out: Scalar[] = [];
      for (let row = r.top; row <= r.bottom; row++)
        for (let col = r.left; col <= r.right; col++) out.push(cellAt(sheet, row, col).value);
      return out.filter((v): v is number => typeof v === "number");
    });
  const t = numbers(total)[0];
  if (t === undefined || numbers(counted).length !== count) return false;
  const sum = (numbers(summed) as number[]).reduce((x, y) => x + y, 0);
  return Math.round((sum - t) * 1e6) !== 0;
}

function literal(text: string): Scalar {
  if (/^".*"$/.test(text)) return text.slice(1, -1).replace(/""/g, '"');
  const n = Number(text);
  return Number.isFinite(n) ? n : text;
}

function compare(a: Scalar, op: string, b: Scalar): boolean {
  const x = typeof b === "number" && typeof a !== "number" ? (a === "" ? 0 : NaN) : a;
  switch (op) {
    case "=":
      return x === b;
    case "<>":
      return x !== b;
    case ">":
      return x > b;
    case "<":
      return x < b;
    case ">=":
      return x >= b;
    default:
      return x <= b;
  }
}

/** The fill a cell shows (undefined: none). */
export function shownFill(book: WorkbookState, sheet: SheetState, row: number, col: number): string | undefined {
  const rules = [...sheet.conditionalFormats].sort((a, b) => a.priority - b.priority);
  for (const cf of rules) {
    if (!cf.formula || !cf.fill) continue;
    const first = cf.boxes[0];
    if (!first || !cf.boxes.some((b) => row >= b.top && row <= b.bottom && col >= b.left && col <= b.right)) continue;
    if (conditionTrue(book, sheet, cf.formula, cf.anchor ?? { row: first.top, col: first.left }, { row, col }))
      return cf.fill;
  }
  return cellAt(sheet, row, col).fill;
}

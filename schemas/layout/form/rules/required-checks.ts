/**
 * Required cells (the engine's `required:` problems, schemas/validate.ts): a
 * required cell is missing while it is blank — empty, or text of spaces only,
 * which the engine trims away (other space characters make the reading
 * inexact, as everywhere: cell-reads.ts). Template cells get one flag each on
 * the 校验结果 sheet and one line for all; roster rows count theirs in the
 * row's block (roster-checks.ts), only on rows with data, as the engine does.
 */
import type { CompiledTemplate, RosterInfo } from "../../../compile";
import { columnLetter } from "../../address";
import type { RosterLayout, SheetLayout } from "../layout-types";
import type { CheckCell } from "./check-types";
import { quote, sheetPrefix } from "./excel-text";

/** 1 while the cell is blank for the engine. */
export function blankFlag(cell: string): string {
  return `IF(OR(ISBLANK(${cell}),AND(ISTEXT(${cell}),TRIM(${cell})="")),1,0)`;
}

export interface RequiredLine {
  id: string;
  /** 1 nothing missing, 0 something is. */
  state: string;
  /** The line's text while something is missing. */
  missing: string;
}

/** The flags of the template's required cells from `firstRow` in `labelColumn`/`flagColumn`, and their line. */
export function requiredCells(
  compiled: CompiledTemplate,
  layout: SheetLayout,
  labelColumn: string,
  flagColumn: string,
  firstRow: number,
): { cells: CheckCell[]; line?: RequiredLine } {
  const form = sheetPrefix(layout.sheet);
  const placed = new Map(layout.cells.map((c) => [c.key, c]));
  const required = compiled.cells.filter((c) => c.required && !c.computed && placed.get(c.key)?.locked === false);
  if (required.length === 0) return { cells: [] };
  const cells: CheckCell[] = [
    { address: `${labelColumn}${firstRow}`, text: "必填项", style: "columnHeader" },
    { address: `${flagColumn}${firstRow}`, text: "未填", style: "columnHeader" },
  ];
  required.forEach((c, i) => {
    const row = firstRow + 1 + i;
    const address = placed.get(c.key)?.address as string;
    const [, col, r] = /^([A-Z]+)(\d+)$/.exec(address) as RegExpExecArray;
    cells.push({ address: `${labelColumn}${row}`, text: c.where, style: "label" });
    cells.push({ address: `${flagColumn}${row}`, formula: blankFlag(`${form}$${col}$${r}`), style: "label" });
  });
  const last = firstRow + required.length;
  const flags = `$${flagColumn}$${firstRow + 1}:$${flagColumn}$${last}`;
  const wheres = `$${labelColumn}$${firstRow + 1}:$${labelColumn}$${last}`;
  return {
    cells,
    line: {
      id: "required",
      state: `IF(SUM(${flags})>0,0,1)`,
      missing: `SUM(${flags})&" 项必填未填，第一处："&INDEX(${wheres},MATCH(1,${flags},0))&"为必填项"`,
    },
  };
}

/** Per roster row: how many required cells are blank, and their names for the row's 校验结果. */
export function requiredInRow(
  roster: RosterInfo,
  table: RosterLayout,
  form: string,
  row: string,
): { count: string; names: string } | undefined {
  const columns = roster.columns.filter((c) => c.required);
  if (columns.length === 0) return undefined;
  const cellOf = (key: string) => {
    const col = table.columns.find((c) => c.key === key)?.col as number;
    return `${form}$${columnLetter(col)}${row}`;
  };
  return {
    count: columns.map((c) => blankFlag(cellOf(c.key))).join("+"),
    names: columns.map((c) => `IF(${blankFlag(cellOf(c.key))}=1,${quote(`「${c.label}」`)},"")`).join("&"),
  };
}

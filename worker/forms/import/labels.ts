/**
 * Step 2 of an upload: the printed labels must still be where the layout puts
 * them. The sheet is protected without a password (a unit must be able to get
 * out of a jam), so a clerk can insert or delete rows and columns; a value
 * read at the layout's address would then be another item's. Refusing with the
 * first label out of place tells the clerk what to undo.
 *
 * Roster column headers are not held to their places: rosters are read by
 * their header names (roster-extent.ts), in whatever order the clerk left them.
 */
import { a1, columnLetter, parseCell } from "../../../schemas/layout/address";
import type { RosterLayout, SheetLayout, TextCell } from "../../../schemas/layout/form/layout-types";
import type { ReadSheet } from "../../xlsx/workbook";
import { cellText, sameLabel } from "./cell-text";

export interface LabelMismatch {
  address: string;
  expected: string;
  found: string;
  message: string;
}

/** Titles do not locate anything; a clerk who retypes one misreads nothing. */
const UNCHECKED = new Set<TextCell["style"]>(["title", "subtitle"]);

export function firstMismatch(sheet: ReadSheet, layout: SheetLayout): LabelMismatch | null {
  const checked = layout.texts
    .filter((t) => !UNCHECKED.has(t.style) && !isRosterHeader(t, layout.rosters))
    .map((t) => ({ ...t, ...parseCell(t.address) }))
    .sort((a, b) => a.row - b.row || rank(a) - rank(b) || a.col - b.col);
  for (const t of checked) {
    const found = cellText(sheet.cells.get(t.address)?.value).trim();
    if (sameLabel(found, t.text)) continue;
    return { address: t.address, expected: t.text, found, message: mismatchMessage(sheet, t, found) };
  }
  return null;
}

/** Within a row, the item's own label names the place best (a 序号 or unit is less telling). */
function rank(t: TextCell): number {
  return t.style === "label" || t.style === "fieldLabel" ? 0 : 1;
}

function isRosterHeader(t: TextCell, rosters: readonly RosterLayout[]): boolean {
  const { row } = parseCell(t.address);
  return t.style === "columnHeader" && rosters.some((r) => r.headerRow === row);
}

/**
 * A label found elsewhere in its own row means a column moved it; anything
 * else (found a row above or below, or not at all) is told as rows, the common case.
 */
function mismatchMessage(sheet: ReadSheet, t: TextCell & { row: number; col: number }, found: string): string {
  const shown = found === "" ? "空白" : `「${found}」`;
  if (inRowElsewhere(sheet, t)) {
    return `第 ${t.row} 行 ${columnLetter(t.col)} 列应为「${t.text}」，文件中为${shown}：请勿插入或删除列`;
  }
  return `第 ${t.row} 行应为「${t.text}」，文件中为${shown}：请勿插入或删除行`;
}

function inRowElsewhere(sheet: ReadSheet, t: { row: number; col: number; text: string }): boolean {
  for (let col = Math.max(1, t.col - 5); col <= t.col + 5; col++) {
    if (col === t.col) continue;
    if (sameLabel(cellText(sheet.cells.get(a1(t.row, col))?.value), t.text)) return true;
  }
  return false;
}

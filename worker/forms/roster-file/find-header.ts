/**
 * Which sheet of an upload holds the roster, and where its header is: the
 * named sheet, or the first visible one whose top rows name the columns. A
 * file where none does is refused with the columns it lacks, so the clerk
 * knows what to rename.
 */
import { a1 } from "../../../schemas/layout/address";
import { findRosterHeader, HEADER_SEARCH_ROWS, type HeaderMatch } from "../../../schemas/roster-header";
import type { Column } from "../../../schemas/template";
import { ApiError } from "../../errors";
import type { ReadSheet } from "../../xlsx/workbook";
import { headerRows, sheetGrid, type SheetGrid } from "./sheet-grid";

export interface FoundHeader {
  sheet: ReadSheet;
  grid: SheetGrid;
  match: Extract<HeaderMatch, { ok: true }>;
}

type Miss = { sheet: ReadSheet; match: Exclude<HeaderMatch, { ok: true }> };

export function findHeader(
  sheets: readonly ReadSheet[],
  columns: readonly Column[],
  title: string,
  sheetName?: string,
): FoundHeader {
  let candidates = sheets.filter((s) => s.state === "visible");
  if (sheetName !== undefined) {
    candidates = sheets.filter((s) => s.name === sheetName);
    if (candidates.length === 0) {
      throw new ApiError("roster_header_not_found", `文件中没有名为「${sheetName}」的工作表`, {
        sheets: sheets.map((s) => s.name),
      });
    }
  }
  const misses: Miss[] = [];
  for (const sheet of candidates) {
    const grid = sheetGrid(sheet);
    const match = findRosterHeader(headerRows(grid), columns);
    if (match.ok) return { sheet, grid, match };
    misses.push({ sheet, match });
  }
  throw headerError(misses, columns, title);
}

function headerError(misses: readonly Miss[], columns: readonly Column[], title: string): ApiError {
  const duplicate = misses.find((m) => m.match.reason === "duplicate");
  if (duplicate && duplicate.match.reason === "duplicate") {
    const { row, label, cols } = duplicate.match;
    const sheet = duplicate.sheet.name;
    const addresses = cols.map((c) => a1(row + 1, c + 1));
    return new ApiError(
      "roster_header_not_found",
      `「${sheet}」第 ${row + 1} 行有 ${cols.length} 列都是「${label}」（${addresses.join("、")}）：请删除或改名多余的列后重新上传`,
      addresses.map((address) => ({ sheet, address, column: label, message: `${address} 与其他列同名「${label}」` })),
    );
  }
  // The sheet that came closest: fewest required columns missing.
  const closest = [...misses].sort((a, b) => missing(a).length - missing(b).length)[0];
  const lacking = closest ? missing(closest) : columns.filter((c) => c.required).map((c) => c.label);
  const row = closest?.match.reason === "missing" ? closest.match.row : undefined;
  const where =
    closest && row !== undefined
      ? `「${closest.sheet.name}」第 ${row + 1} 行最像表头，但缺少列：${lacking.join("、")}`
      : `前 ${HEADER_SEARCH_ROWS} 行中没有一行包含${title}的列名（${lacking.join("、")}）`;
  return new ApiError(
    "roster_header_not_found",
    `找不到${title}的表头：${where}。请把表头的列名改成与名册一致（${columns.map((c) => c.label).join("、")}）后重新上传`,
    lacking.map((column) => ({
      ...(closest ? { sheet: closest.sheet.name } : {}),
      ...(row !== undefined ? { row: row + 1 } : {}),
      column,
      message: `缺少列「${column}」`,
    })),
  );
}

function missing(m: Miss): string[] {
  return m.match.reason === "missing" ? m.match.missing : [];
}

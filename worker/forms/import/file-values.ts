/**
 * Step 3 of an upload: every value the clerk could type, read from the file
 * and made canonical by the same parser as the pane (`parseCellInput`): the
 * form's value cells (not the locked ones, 填报单位 comes from the token, nor
 * computed items, the engine derives them) and every row of every roster.
 * Every unreadable cell is listed by its Excel address; nothing is saved then.
 */
import { a1 } from "../../../schemas/layout/address";
import { rosterRowId } from "../../../schemas/layout/form/layout";
import { parseCellInput } from "../../../schemas/cells";
import type { Template } from "../../../schemas/template";
import { ApiError } from "../../errors";
import { maskValueOf } from "../../pii/report-crypto";
import { sensitiveCell } from "../../pii/sensitive-cells";
import type { Fields } from "../../reports/merge";
import type { ReadCell } from "../../xlsx/workbook";
import { excelValue } from "./cell-text";
import type { FileLayout } from "./form-layout";

export interface BadCell {
  address: string;
  key: string;
  message: string;
}

/** Canonical value (null = blank) of every cell the file speaks for. */
export type FileValues = Map<string, string | null>;

/** At most this many bad cells are listed: enough to fix a file, small enough to read. */
const MAX_LISTED = 200;

/**
 * `drawn`: the values at the version the file was drawn from. A sensitive cell
 * that still holds the mask of its drawn value was not touched (a reviewer's
 * download carries masks): it counts as its drawn value, never stored over the real one.
 */
export function readFileValues(template: Template, file: FileLayout, date1904: boolean, drawn: Fields): FileValues {
  const out: FileValues = new Map();
  const bad: BadCell[] = [];
  const read = (key: string, address: string, date: boolean) => {
    const cell = file.sheet.cells.get(address);
    if (isDrawnMask(template, key, cell, drawn[key])) {
      out.set(key, drawn[key] ?? null); // as drawn: unchanged
      return;
    }
    const parsed = parseCellInput(template, key, excelValue(cell, date, date1904));
    if (parsed.ok) out.set(key, parsed.value);
    else bad.push({ address, key, message: parsed.message });
  };
  for (const c of file.layout.cells) {
    if (c.locked || c.computed) continue;
    read(c.key, c.address, c.valueType === "date");
  }
  for (const roster of file.layout.rosters) {
    const cols = file.rosterColumns[roster.key] ?? {};
    for (let i = 0; i < roster.rowCount; i++) {
      for (const column of roster.columns) {
        const col = cols[column.key] ?? column.col;
        read(
          `${roster.key}.${rosterRowId(i)}.${column.key}`,
          a1(roster.firstRow + i, col),
          column.valueType === "date",
        );
      }
    }
  }
  if (bad.length > 0) throw invalidValues(bad);
  return out;
}

function isDrawnMask(template: Template, key: string, cell: ReadCell | undefined, drawn: string | undefined): boolean {
  if (drawn === undefined || cell?.value.kind !== "string" || !sensitiveCell(template, key)) return false;
  return cell.value.value.trim() === maskValueOf(template, key, drawn);
}

function invalidValues(bad: BadCell[]): ApiError {
  const listed = bad.slice(0, MAX_LISTED).map((b) => ({ ...b, message: `${b.address} ${b.message}` }));
  const first = listed.slice(0, 3).map((b) => b.message);
  const more = bad.length > first.length ? ` 等 ${bad.length} 处` : "";
  return new ApiError(
    "invalid_values",
    `文件中有 ${bad.length} 个单元格的内容不符合要求，未保存：${first.join("；")}${more}`,
    listed,
  );
}

import { a1, parseCell } from "../../schemas/layout/address";
import {
  CHOICES,
  SHEETS,
  type DefinitionBook,
  type DefinitionCell,
  type SheetKey,
} from "../../schemas/definition/sheets";
import { ApiError } from "../errors";
import { apiErrorOf, XlsxError } from "../xlsx/errors";
import { readXlsx } from "../xlsx/read";
import type { DataValidation, Sheet, SheetCell } from "../xlsx/sheet";
import type { ReadSheet } from "../xlsx/workbook";
import { toXlsx } from "../xlsx/write";
import { textWidth } from "../xlsx/worksheet";

/** Rows offered a dropdown below the headings: room for a long form and its rosters. */
const CHOICE_ROWS = 1000;

/**
 * A definition workbook (schemas/definition) as the xlsx an officer opens:
 * bold headings, columns as wide as their longest text, frozen nowhere (Excel
 * 2010 opens it as is), and a dropdown on every column with fixed words.
 */
export async function definitionXlsx(book: DefinitionBook): Promise<Uint8Array> {
  const key = (name: string) => (Object.keys(SHEETS) as SheetKey[]).find((k) => SHEETS[k] === name);
  const sheets: Sheet[] = book.sheets.map((s) => {
    const headings = (s.rows[0] ?? []).map(String);
    const choices = CHOICES[key(s.name) as SheetKey] ?? {};
    const validations: DataValidation[] = Object.entries(choices).flatMap(([heading, words]) => {
      const col = headings.indexOf(heading) + 1;
      if (col === 0) return [];
      return [
        {
          sqref: `${a1(2, col)}:${a1(CHOICE_ROWS, col)}`,
          type: "list" as const,
          formula1: `"${words.join(",")}"`,
          allowBlank: true,
          error: { title: heading, message: `请从下拉列表中选择：${words.join("、")}` },
        },
      ];
    });
    return {
      name: s.name,
      rows: s.rows.map((row, r) => row.map((cell) => sheetCell(cell, r === 0))),
      // As wide as the longest text, but at most 60: a long 提示 must not make a 200-character column.
      widths: headings.map(
        (_, c) => Math.min(60, Math.max(6, ...s.rows.map((row) => textWidth(sheetCell(row[c] ?? null, false))))) + 2,
      ),
      validations,
    };
  });
  return toXlsx(sheets);
}

function sheetCell(cell: DefinitionCell, heading: boolean): SheetCell {
  if (cell === null) return null;
  if (heading) return { text: String(cell), look: "bold" };
  if (typeof cell === "number") return { number: String(cell), format: "General" };
  // Text stays text: a 序号 "1" or a date "2014-09-01" must not become a number in Excel.
  return { text: typeof cell === "boolean" ? (cell ? "是" : "否") : cell, format: "@" };
}

/** An uploaded definition workbook as plain rows; a file that is no workbook is a 4xx in zh-CN. */
export async function readDefinitionFile(bytes: Uint8Array): Promise<DefinitionBook> {
  try {
    const book = await readXlsx(bytes);
    return { sheets: book.sheets.map((s) => ({ name: s.name, rows: rowsOf(s) })) };
  } catch (e) {
    if (e instanceof XlsxError) throw new ApiError(apiErrorOf(e.code), e.message, { reason: e.code });
    throw e;
  }
}

function rowsOf(sheet: ReadSheet): DefinitionCell[][] {
  const rows: DefinitionCell[][] = [];
  for (const [address, cell] of sheet.cells) {
    const { row, col } = parseCell(address);
    const line = (rows[row - 1] ??= []);
    line[col - 1] = cell.value.value;
  }
  // Sparse rows and cells become blank ones, as the reader expects.
  return Array.from(rows, (r) => Array.from(r ?? [], (c) => c ?? null));
}

import { a1, parseCell } from "../layout/address";
import type { SheetLayout, TextCell, ValidationBlock, ValueCell } from "../layout/form/layout-types";
import { textOf } from "./cell-values";
import type { DefinitionIssue } from "./locations";
import {
  CHOICES,
  FORM_FIELDS,
  HEADINGS,
  SHEETS,
  type DefinitionBook,
  type DefinitionCell,
  type SheetKey,
} from "./sheets";

/**
 * The definition sheets drawn in the officer's workbook (the task pane's 新建表单)
 * as form layouts: headings printed and locked, every cell below them an input
 * with its dropdown where the column has fixed words, so Excel and the preview
 * draw, protect, read, mark and select them with the code that draws a form. A
 * cell's key is its A1 address; the 表单 sheet prints its 名称 column and takes
 * only 内容.
 */
export const DEFINITION_LAYOUT_ID = "definition";

/** Rows below the headings: room for the longest official form and what an officer adds. */
export function rowsFor(book: DefinitionBook, key: SheetKey): number {
  const used = (book.sheets.find((s) => s.name === SHEETS[key])?.rows.length ?? 1) - 1;
  return Math.max(200, Math.ceil((used + 50) / 100) * 100);
}

export function definitionLayouts(
  book: DefinitionBook,
  rows: (key: SheetKey) => number = (k) => rowsFor(book, k),
): SheetLayout[] {
  return (Object.keys(SHEETS) as SheetKey[]).map((key) => {
    const sheet = book.sheets.find((s) => s.name === SHEETS[key]);
    const value = (r: number, c: number): string | null => cellText(sheet?.rows[r]?.[c] ?? null);
    return key === "form" ? formLayout(value) : listLayout(key, rows(key), value);
  });
}

function cellText(cell: DefinitionCell): string | null {
  return cell === null ? null : typeof cell === "boolean" ? (cell ? "是" : "否") : String(cell);
}

function base(key: SheetKey, columns: number, rows: number): SheetLayout {
  return {
    sheet: SHEETS[key],
    templateId: DEFINITION_LAYOUT_ID,
    templateVersion: 0,
    title: SHEETS[key],
    rows,
    columns,
    columnWidths: HEADINGS[key].map((h) =>
      h === "内容" || h === "项目名称" || h === "公式" || h === "提示" ? 48 : 12,
    ),
    texts: HEADINGS[key].map((text, i) => ({ address: a1(1, i + 1), text, style: "columnHeader", indent: 0 })),
    merges: [],
    cells: [],
    rosters: [],
    validations: [],
    sumRules: [],
    hiddenSources: [],
  };
}

function input(sheet: string, address: string, initial: string | null): ValueCell {
  return {
    key: address,
    address,
    kind: "item",
    valueType: "text",
    numberFormat: "@",
    where: `「${sheet}」${address}`,
    locked: false,
    initial,
  };
}

function formLayout(value: (r: number, c: number) => string | null): SheetLayout {
  const layout = base("form", 2, FORM_FIELDS.length + 1);
  FORM_FIELDS.forEach(([name], i) => {
    const label: TextCell = { address: a1(i + 2, 1), text: name, style: "fieldLabel", indent: 0 };
    layout.texts.push(label);
    layout.cells.push(input(SHEETS.form, a1(i + 2, 2), value(i + 1, 1)));
  });
  return layout;
}

function listLayout(key: SheetKey, dataRows: number, value: (r: number, c: number) => string | null): SheetLayout {
  const headings = HEADINGS[key];
  const layout = base(key, headings.length, dataRows + 1);
  for (let r = 1; r <= dataRows; r++) {
    headings.forEach((_, c) => layout.cells.push(input(SHEETS[key], a1(r + 1, c + 1), value(r, c))));
  }
  for (const [heading, words] of Object.entries(CHOICES[key] ?? {})) {
    const col = (headings as readonly string[]).indexOf(heading) + 1;
    const options = [...words];
    const block: ValidationBlock = {
      range: `${a1(2, col)}:${a1(dataRows + 1, col)}`,
      rule: { type: "list", options, source: options.join(",") },
      sumRuleIds: [],
      prompt: { title: heading, message: `从下拉列表中选择：${options.join("、")}` },
      alert: { title: heading, message: `请从下拉列表中选择：${options.join("、")}` },
    };
    layout.validations.push(block);
  }
  return layout;
}

/** What the definition sheets hold (cell values by key, per sheet) as the book the reader reads. */
export function bookOf(
  layouts: readonly SheetLayout[],
  values: (sheet: string) => Record<string, string | number | null>,
): DefinitionBook {
  return {
    sheets: layouts.map((layout) => {
      const key = (Object.keys(SHEETS) as SheetKey[]).find((k) => SHEETS[k] === layout.sheet) as SheetKey;
      const rows: DefinitionCell[][] = [[...HEADINGS[key]]];
      const held = values(layout.sheet);
      if (key === "form") FORM_FIELDS.forEach(([name]) => rows.push([name, null]));
      for (const cell of layout.cells) {
        const v = held[cell.key] ?? null;
        if (v === null || (typeof v === "string" && textOf(v) === undefined)) continue;
        const { row, col } = parseCell(cell.address);
        const line = (rows[row - 1] ??= []);
        line[col - 1] = v;
      }
      return { name: layout.sheet, rows: Array.from(rows, (r) => Array.from(r ?? [], (c) => c ?? null)) };
    }),
  };
}

/** The cell an issue or a guess points at, as its sheet and key; none when it names no row or column. */
export function issueCell(
  issue: Pick<DefinitionIssue, "sheet" | "row" | "column">,
): { sheet: string; key: string } | undefined {
  const key = (Object.keys(SHEETS) as SheetKey[]).find((k) => SHEETS[k] === issue.sheet);
  if (!key || issue.row === undefined) return undefined;
  const col = issue.column === undefined ? 1 : (HEADINGS[key] as readonly string[]).indexOf(issue.column) + 1;
  if (col === 0) return undefined;
  return { sheet: issue.sheet, key: a1(issue.row, key === "form" ? 2 : col) };
}

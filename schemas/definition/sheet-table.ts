import { textOf, type CellRead } from "./cell-values";
import { definitionIssue, type DefinitionIssue } from "./locations";
import { HEADINGS, SHEETS, type DefinitionBook, type DefinitionCell, type SheetKey } from "./sheets";

/** One data row of a definition sheet: its Excel row and its cells by heading. */
export interface DefinitionRow {
  row: number;
  get(heading: string): DefinitionCell;
}

/**
 * A definition sheet read by its headings: the first non-blank row names the
 * columns (in any order; columns an officer added are ignored), every later
 * non-blank row is one entry. A missing sheet is an empty one.
 */
export function sheetRows(book: DefinitionBook, key: SheetKey): DefinitionRow[] {
  const sheet = book.sheets.find((s) => s.name === SHEETS[key]);
  if (!sheet) return [];
  const blank = (r: DefinitionCell[]) => r.every((c) => textOf(c) === undefined);
  const head = sheet.rows.findIndex((r) => !blank(r));
  if (head < 0) return [];
  const index = new Map<string, number>();
  sheet.rows[head]?.forEach((c, i) => {
    const h = textOf(c);
    if (h !== undefined && !index.has(h)) index.set(h, i);
  });
  const out: DefinitionRow[] = [];
  for (let r = head + 1; r < sheet.rows.length; r++) {
    const cells = sheet.rows[r] ?? [];
    if (blank(cells)) continue;
    out.push({ row: r + 1, get: (h) => cells[index.get(h) ?? -1] ?? null });
  }
  return out;
}

/** The headings a sheet must have for its rows to be read, checked once per sheet. */
export function missingHeadings(book: DefinitionBook, key: SheetKey, needed: readonly string[]): DefinitionIssue[] {
  const sheet = book.sheets.find((s) => s.name === SHEETS[key]);
  const head = sheet?.rows.find((r) => r.some((c) => textOf(c) !== undefined));
  if (!sheet || !head || sheet.rows.indexOf(head) === sheet.rows.length - 1) return [];
  const have = new Set(head.map(textOf));
  const row = sheet.rows.indexOf(head) + 1;
  return needed
    .filter((h) => !have.has(h))
    .map((h) => definitionIssue({ sheet: SHEETS[key], row }, `缺少「${h}」列（应有：${HEADINGS[key].join("、")}）`));
}

/** Reads cells of one sheet, collecting each unreadable one as an issue at its cell. */
export class CellReader {
  constructor(
    private readonly sheet: SheetKey,
    readonly issues: DefinitionIssue[],
  ) {}

  read<T>(row: DefinitionRow, heading: string, reader: (c: DefinitionCell) => CellRead<T>): T | undefined {
    const result = reader(row.get(heading));
    if (result.ok) return result.value;
    this.issues.push(definitionIssue({ sheet: SHEETS[this.sheet], row: row.row, column: heading }, result.reason));
    return undefined;
  }

  text(row: DefinitionRow, heading: string): string | undefined {
    return textOf(row.get(heading));
  }

  fail(row: DefinitionRow, heading: string | undefined, reason: string): void {
    this.issues.push(definitionIssue({ sheet: SHEETS[this.sheet], row: row.row, column: heading }, reason));
  }
}

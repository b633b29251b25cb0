import type { DraftGuess } from "./draft";
import { textOf } from "./cell-values";
import { FORM_FIELDS, HEADER_ROSTER, HEADINGS, SHEETS, type DefinitionBook, type SheetKey } from "./sheets";

/** The column a guess about an item, grid row or roster column concerns. */
const FIELD_COLUMN: Record<string, string> = {
  type: "类型",
  scale: "小数位",
  unit: "单位",
  no: "序号",
  part: "所属合计",
  column: "类型",
};
const LABEL_COLUMN: Partial<Record<SheetKey, string>> = { items: "项目名称", grids: "名称", columns: "列名" };

/**
 * Where a drafted guess sits in the definition sheets (sheet, Excel row, heading),
 * for the pane to mark it amber until the officer confirms it. A guess about
 * the form as a whole (field "") sits nowhere: the pane lists it only.
 */
export function guessPlace(
  book: DefinitionBook,
  guess: DraftGuess,
): { sheet: string; row: number; column: string } | undefined {
  if (guess.key === "") {
    if (guess.field === "header") return findRow(book, "columns", (get) => get("名册") === HEADER_ROSTER, "名册");
    const name = FORM_FIELDS.find(([, field]) => field === guess.field)?.[0];
    return name === undefined ? undefined : findRow(book, "form", (get) => get("名称") === name, "内容");
  }
  if (guess.field === "mode") {
    // A breakdown's mode is typed on its parts' rows (所属合计 = the total), or in the 其中 sheet.
    return (
      findRow(book, "items", (get) => get("所属合计") === guess.key, "其中方式") ??
      findRow(book, "breakdowns", (get) => get("合计") === guess.key, "方式")
    );
  }
  const [first, second] = guess.key.split(".");
  const candidates: [SheetKey, (get: (h: string) => string | undefined) => boolean][] = [
    ["items", (get) => get("键") === guess.key],
    ["grids", (get) => get("键") === guess.key && get("行列") === "行"],
    ["columns", (get) => get("名册") === first && get("键") === second],
  ];
  for (const [sheet, match] of candidates) {
    const column = guess.field === "label" ? LABEL_COLUMN[sheet] : FIELD_COLUMN[guess.field];
    if (column === undefined) continue;
    const place = findRow(book, sheet, match, column);
    if (place) return place;
  }
  return undefined;
}

function findRow(
  book: DefinitionBook,
  key: SheetKey,
  match: (get: (heading: string) => string | undefined) => boolean,
  column: string,
): { sheet: string; row: number; column: string } | undefined {
  const sheet = book.sheets.find((s) => s.name === SHEETS[key]);
  const headings = (sheet?.rows[0] ?? HEADINGS[key]).map((h) => textOf(h ?? null));
  const index = (h: string) => headings.indexOf(h);
  for (const [i, row] of (sheet?.rows ?? []).entries()) {
    if (i === 0) continue;
    if (match((h) => textOf(row[index(h)] ?? null))) return { sheet: SHEETS[key], row: i + 1, column };
  }
  return undefined;
}

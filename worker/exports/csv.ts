import { CANONICAL_NUMBER, isFormulaLike, type Sheet, type SheetCell } from "./sheet";

/**
 * CSV for Excel: UTF-8 with a BOM (without it Excel reads Chinese as GBK),
 * CRLF line ends, RFC 4180 quoting. Text that could start a formula gets a
 * leading apostrophe. Sheets follow one another, each after a blank line and a
 * 【name】 heading (the first sheet needs none).
 */
export const CSV_BOM = "\uFEFF";

function field(cell: SheetCell): string {
  if (cell === null) return "";
  let text: string;
  if (typeof cell === "string") text = cell;
  else if ("number" in cell) {
    if (CANONICAL_NUMBER.test(cell.number)) return cell.number; // digits, ".", "-": a number, not a formula
    text = cell.number;
  } else text = cell.text;
  if (isFormulaLike(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(sheets: Sheet[]): string {
  const lines: string[] = [];
  sheets.forEach((sheet, i) => {
    if (i > 0) lines.push("", field(`【${sheet.name}】`));
    for (const row of sheet.rows) lines.push(row.map(field).join(","));
  });
  return CSV_BOM + lines.join("\r\n") + "\r\n";
}

/**
 * Text in spreadsheet formulas: string literals (Excel refuses one longer
 * than 255 characters, so long messages are joined from pieces) and the
 * canonical text of a number, as the rule engine prints it in messages
 * (schemas/expr/value.ts formatValue: no trailing zeros, no thousands
 * separators, "-" for negatives).
 */

/** Excel's limit on one string literal in a formula. */
const LITERAL_MAX = 255;

/** `"…"` with quotes doubled; pieces joined with & when the text is long. */
export function quote(text: string): string {
  const chars = Array.from(text);
  if (chars.length === 0) return '""';
  const pieces: string[] = [];
  // Doubled quotes count twice towards the limit.
  let piece = "";
  let size = 0;
  for (const ch of chars) {
    const add = ch === '"' ? 2 : ch.length;
    if (size + add > LITERAL_MAX - 5) {
      pieces.push(piece);
      piece = "";
      size = 0;
    }
    piece += ch === '"' ? '""' : ch;
    size += add;
  }
  pieces.push(piece);
  return pieces.map((p) => `"${p}"`).join("&");
}

/**
 * The canonical text of `value`, a formula whose result is an exact decimal
 * with at most `scale` digits after the point (already rounded to them).
 * FIXED(…, n, TRUE) prints n decimals without separators in Excel, WPS and
 * LibreOffice alike; n is the number of digits the value really has: each
 * ROUND to fewer digits that changes it adds one. (TEXT with "0.###" would
 * leave a trailing point in Excel.)
 */
export function canonicalText(value: string, scale: number): string {
  if (scale <= 0) return `FIXED(${value},0,TRUE)`;
  const digits = Array.from({ length: scale }, (_, k) => `(ROUND(${value},${k})<>${value})`).join("+");
  return `FIXED(${value},${digits},TRUE)`;
}

/** `'Sheet name'!` for references from another sheet. */
export function sheetPrefix(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'!`;
}

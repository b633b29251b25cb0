/**
 * Which report a file posted to /fill/upload goes to when the form left round
 * and unit blank (a clerk without script cannot pick them from a list): the
 * file's own hidden 汇表标识 sheet says. The import reads that sheet again and
 * refuses a file that is not this unit's form, so nothing here is trusted for
 * access — it only names the report the import then checks.
 */
import { IDENTITY_SHEET, parseIdentity } from "../../schemas/layout/form/identity";
import { readXlsx } from "../xlsx/read";
import type { CellValue } from "../xlsx/workbook";

export interface FormTarget {
  round: string;
  unit: string;
  unitName: string;
}

const text = (v: CellValue | undefined): string => (v === undefined ? "" : String(v.value));

/** The round and unit the file names, or null when it names none (not a form, unreadable). */
export async function formTarget(bytes: Uint8Array): Promise<FormTarget | null> {
  try {
    const book = await readXlsx(bytes);
    const sheet = book.sheets.find((s) => s.name === IDENTITY_SHEET);
    if (!sheet) return null;
    // Key in column A, value in column B (identityRows).
    const pairs = new Map<string, string>();
    for (const [address, cell] of sheet.cells) {
      const row = /^A(\d+)$/.exec(address)?.[1];
      if (row) pairs.set(text(cell.value).trim(), text(sheet.cells.get(`B${row}`)?.value).trim());
    }
    const parsed = parseIdentity(pairs);
    if (!parsed.ok) return null;
    const { round, unit, unitName } = parsed.identity;
    return { round: String(round), unit, unitName };
  } catch {
    // The import says what is wrong with the file; here it only names no report.
    return null;
  }
}

/**
 * Which report a file posted to /fill/upload goes to when the form left round
 * and unit blank (a clerk without script cannot pick them from a list): the
 * file's own hidden 汇表标识 sheet says. The import reads that sheet again and
 * refuses a file that is not this unit's form, so nothing here is trusted for
 * access — it only names the report the import then checks.
 */
import { IDENTITY_SHEET } from "../../schemas/layout/form/identity";
import { readIdentity } from "../forms/import/identity";
import { readXlsx } from "../xlsx/read";

export interface FormTarget {
  round: string;
  unit: string;
  unitName: string;
}

/** The round and unit the file names, or null when it names none (not a form, unreadable). */
export async function formTarget(bytes: Uint8Array): Promise<FormTarget | null> {
  try {
    // Only the identity sheet is read: this runs before the import checks the caller's access.
    const book = await readXlsx(bytes, {}, { skipSheet: (name) => name !== IDENTITY_SHEET });
    const id = readIdentity(book);
    if (!id.ok) return null;
    const { round, unit, unitName } = id.identity;
    return { round: String(round), unit, unitName };
  } catch {
    // The import says what is wrong with the file; here it only names no report.
    return null;
  }
}

/** What a changed cell means for the sheet and the outbox, once the Validator has read it. */
import type { CellValue } from "../../sheet/form-workbook";

/**
 * The sheet should show the canonical value when the clerk's text differs from
 * it (full-width digits, thousands separators, stray spaces: ８２．５ → 82.5).
 * Numbers Excel already stored as numbers are left alone.
 */
export function needsWriteBack(raw: CellValue, canonical: string | null): boolean {
  if (canonical === null || raw === null || typeof raw === "number") return false;
  return raw !== canonical;
}

/** A blank cell: null, or text of nothing but spaces (incl. U+3000 and NBSP). */
export function isBlank(raw: CellValue | undefined): boolean {
  return raw === null || raw === undefined || (typeof raw === "string" && raw.replace(/[\s\u3000\u00a0]/g, "") === "");
}

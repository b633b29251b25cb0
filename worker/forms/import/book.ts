/**
 * An uploaded file as a workbook, for both uploads (a form, a roster): a ZIP
 * (an xlsx), or the OLE box of an .xls or of a password-protected xlsx (the
 * reader names which), through readXlsx; for a roster, anything else is CSV
 * text, one sheet, through readCsv. The reader's refusals become API errors
 * with its zh-CN message (415 not a workbook, 413 too large, 400 damaged).
 */
import { CHECK_SHEET } from "../../../schemas/layout/form/rule-checks";
import { ApiError } from "../../errors";
import { readCsv } from "../../xlsx/csv-read";
import { apiErrorOf, XlsxError } from "../../xlsx/errors";
import { readXlsx } from "../../xlsx/read";
import type { ReadWorkbook } from "../../xlsx/workbook";

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/**
 * `csv`: a file that is not a ZIP or OLE box is read as CSV (a roster list)
 * rather than refused by the xlsx reader (a form). A downloaded form's
 * 校验结果 sheet is never read: it holds only the checks' formulas.
 */
export async function readBook(bytes: Uint8Array, { csv }: { csv: boolean }): Promise<ReadWorkbook> {
  try {
    if (csv && !startsWith(bytes, ZIP) && !startsWith(bytes, OLE)) return { sheets: [readCsv(bytes)], date1904: false };
    return await readXlsx(bytes, {}, { skipSheet: (name) => name === CHECK_SHEET });
  } catch (e) {
    if (e instanceof XlsxError) throw new ApiError(apiErrorOf(e.code), e.message, { reason: e.code });
    throw e;
  }
}

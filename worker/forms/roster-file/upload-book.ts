/**
 * An upload as a workbook: a ZIP (an xlsx), or the OLE box of an .xls or of a
 * password-protected xlsx (the reader names which), through readXlsx; anything
 * else is CSV text, one sheet, through readCsv. The reader's refusals become
 * API errors with its zh-CN message (415 not a workbook, 413 too large, 400 damaged).
 */
import { ApiError } from "../../errors";
import { apiErrorOf, XlsxError } from "../../xlsx/errors";
import { readCsv } from "../../xlsx/csv-read";
import { readXlsx } from "../../xlsx/read";
import type { ReadWorkbook } from "../../xlsx/workbook";

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

export async function readUpload(bytes: Uint8Array): Promise<ReadWorkbook> {
  try {
    if (startsWith(bytes, ZIP) || startsWith(bytes, OLE)) return await readXlsx(bytes);
    return { sheets: [readCsv(bytes)], date1904: false };
  } catch (e) {
    if (e instanceof XlsxError) throw new ApiError(apiErrorOf(e.code), e.message, { reason: e.code });
    throw e;
  }
}

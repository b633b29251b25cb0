import { readCsv } from "./csv-read";
import type { ReadLimits } from "./limits";
import { readXlsx } from "./read";
import type { ReadWorkbook } from "./workbook";

/**
 * An uploaded file as a workbook, whatever it is: a ZIP (PK) or an OLE file
 * (.xls, or an xlsx with a password to open) goes to the xlsx reader, which
 * reads or names what it is; anything else is read as CSV, one sheet named
 * after the file. By content, not by the name or Content-Type a browser
 * guessed.
 */
export async function readUpload(
  bytes: Uint8Array,
  options: { name?: string; limits?: Partial<ReadLimits> } = {},
): Promise<ReadWorkbook> {
  // "PK\3\4" (a local header) or "PK\5\6" (an empty archive); a CSV may well start with "PK".
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5);
  const zipOrOle = zip || (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0);
  if (zipOrOle) return readXlsx(bytes, options.limits);
  const sheet = readCsv(bytes, {
    name: (options.name ?? "CSV").replace(/\.(csv|txt)$/i, ""),
    maxBytes: options.limits?.maxCompressedBytes,
    maxCells: options.limits?.maxCells,
  });
  return { sheets: [sheet], date1904: false };
}

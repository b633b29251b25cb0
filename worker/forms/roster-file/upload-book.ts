/**
 * An upload as a workbook: an xlsx (a ZIP, or the OLE box of an .xls or a
 * password-protected file, which the reader names) through readXlsx, anything
 * else as CSV text through readCsv, which is one sheet.
 */
import { ApiError } from "../../errors";
import type { ReadWorkbook } from "../../xlsx/workbook";

export async function readUpload(bytes: Uint8Array): Promise<ReadWorkbook> {
  void bytes;
  // Until the reader (worker/xlsx/read.ts, csv-read.ts) is merged.
  throw new ApiError("unsupported_media_type", "暂不能读取上传的文件");
}

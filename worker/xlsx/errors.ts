import type { ErrorCode } from "../../schemas/api/common";

/**
 * Why a file could not be read as a workbook. The reader refuses a file with
 * one of these codes and a zh-CN message a clerk can act on; the import routes
 * turn them into API errors with `apiErrorOf` (HTTP status by the API code).
 */
export type XlsxErrorCode =
  /** Not a ZIP archive at all (a picture, a PDF, a renamed text file). */
  | "not_zip"
  /** An OLE compound file: Excel 97-2003 (.xls), or an .xlsx with a password to open (Excel encrypts it into OLE). */
  | "xls"
  /** A ZIP whose entries are encrypted (ZIP password). */
  | "encrypted"
  /** A ZIP feature the reader does not handle (ZIP64, split archives, compression other than deflate). */
  | "unsupported"
  /** Larger than the limits (compressed, uncompressed or number of cells). */
  | "too_large"
  | "too_many_entries"
  /** An entry inflates far beyond its size, or beyond what it declared. */
  | "zip_bomb"
  /** Truncated, damaged (CRC), or XML that does not parse. */
  | "corrupt"
  /** A valid ZIP that is not a spreadsheet (a .docx, a .zip of files). */
  | "not_xlsx"
  /** CSV text in an encoding the runtime cannot decode. */
  | "bad_encoding";

const MESSAGES: Record<XlsxErrorCode, string> = {
  not_zip: "文件不是 Excel 工作簿（.xlsx），无法读取：请上传用 Excel、WPS 或 LibreOffice 保存的 .xlsx 文件",
  xls: "文件是 Excel 97-2003 格式（.xls）或设置了打开密码的工作簿：请取消打开密码，另存为 .xlsx 后再上传",
  encrypted: "文件已加密，无法读取：请取消密码后另存为 .xlsx 再上传",
  unsupported: "文件使用了不支持的压缩方式，无法读取：请在 Excel 或 WPS 中打开后另存为 .xlsx 再上传",
  too_large: "文件过大，无法读取：请删除多余的工作表或空行后再上传",
  too_many_entries: "文件包含的部件过多，不像正常的工作簿，已拒绝",
  zip_bomb: "文件解压后过大，可能是恶意构造的压缩包，已拒绝",
  corrupt: "文件已损坏或不完整，无法读取：请在 Excel 或 WPS 中打开确认后重新保存再上传",
  not_xlsx: "文件不是 Excel 工作簿（.xlsx）：压缩包中没有工作表。请上传 .xlsx 文件",
  bad_encoding: "无法识别文件的文字编码：请另存为“CSV UTF-8（逗号分隔）”或 .xlsx 后再上传",
};

export class XlsxError extends Error {
  constructor(
    readonly code: XlsxErrorCode,
    /** For logs and tests, never shown to the clerk (it may name internal parts). */
    readonly detail = "",
  ) {
    super(MESSAGES[code]);
    this.name = "XlsxError";
  }
}

/** The API error (and so the HTTP status) a refusal becomes: 413 for sizes, 415 for what is not a workbook, 400 for damage. */
const API_ERRORS: Record<XlsxErrorCode, ErrorCode> = {
  not_zip: "unsupported_media_type",
  xls: "unsupported_media_type",
  encrypted: "unsupported_media_type",
  unsupported: "unsupported_media_type",
  not_xlsx: "unsupported_media_type",
  bad_encoding: "unsupported_media_type",
  too_large: "payload_too_large",
  too_many_entries: "payload_too_large",
  zip_bomb: "payload_too_large",
  corrupt: "invalid_request",
};

export function apiErrorOf(code: XlsxErrorCode): ErrorCode {
  return API_ERRORS[code];
}

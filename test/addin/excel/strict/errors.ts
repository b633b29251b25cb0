/**
 * The errors the strict fake Excel fails a `context.sync()` with, shaped like
 * Office.js's `OfficeExtension.Error`: a non-localized `code` from Microsoft's
 * list ("Error handling with the Excel JavaScript API", docs/excel/excel-add-ins-error-handling.md),
 * a message, and `debugInfo.errorLocation` naming the API that failed.
 */

export type OfficeErrorCode =
  | "AccessDenied"
  | "GeneralException"
  | "ApiNotFound"
  | "InvalidArgument"
  | "InvalidOperation"
  | "InvalidOperationInCellEditMode"
  | "ItemAlreadyExists"
  | "ItemNotFound"
  | "PropertyNotLoaded"
  | "RangeExceedsLimit"
  | "RequestPayloadSizeLimitExceeded"
  | "ResponsePayloadSizeLimitExceeded"
  | "InvalidReference"
  | "MergedRangeConflict"
  | "InvalidSelection";

export class OfficeJsError extends Error {
  readonly debugInfo: { code: OfficeErrorCode; message: string; errorLocation?: string };

  constructor(
    readonly code: OfficeErrorCode,
    message: string,
    errorLocation?: string,
  ) {
    super(`${code}: ${message}`);
    this.name = "RichApi.Error";
    this.debugInfo = { code, message, ...(errorLocation ? { errorLocation } : {}) };
  }
}

export function officeError(code: OfficeErrorCode, message: string, errorLocation?: string): OfficeJsError {
  return new OfficeJsError(code, message, errorLocation);
}

/** What real Excel says on a protected sheet ("The cell or chart you're trying to change is on a protected sheet"). */
export function protectedSheet(sheet: string, api: string): OfficeJsError {
  return officeError("AccessDenied", `The sheet "${sheet}" is protected: ${api} is not allowed`, api);
}

/**
 * The answers of the form-workbook routes (issue 13, schemas/api/forms.ts): an
 * upload's verdict, each problem placed by its Excel address, and the cells of
 * a 409 conflict. Hand-written like api-guards.ts, so the pane and /fill.html
 * ship no zod; test/addin/sync/api-guards.test.ts holds them against the schemas.
 */
import type { FileConflict, FileProblem as ApiFileProblem, ImportResponse } from "../../schemas/api/forms";
import { isReportStatus } from "./api-guards";
import { array, int, nullable, object, optional, str, type Guard } from "./guards";

export type { FileConflict };

/**
 * One finding on the uploaded values, placed in the file. `id`, the problem id a
 * 上报说明 is kept under, is read when a server sends it (a roster row's warning
 * is `rule@row`); without it the page keys a note by the rule id.
 */
export type FileProblem = ApiFileProblem & { id?: string };

export type ImportAnswer = Omit<ImportResponse, "problems"> & {
  problems: { errors: FileProblem[]; warnings: FileProblem[] };
};

export const isFileProblem: Guard<FileProblem> = object({
  address: str,
  sheet: str,
  key: str,
  where: str,
  message: str,
  ruleId: optional(str),
  id: optional(str),
});

export const isImportAnswer: Guard<ImportAnswer> = object({
  report: object({ version: int, status: isReportStatus }),
  changed: int,
  merged: int,
  problems: object({ errors: array(isFileProblem), warnings: array(isFileProblem) }),
});

export const isFileConflict: Guard<FileConflict> = object({
  address: str,
  key: str,
  where: str,
  mine: nullable(str),
  theirs: nullable(str),
});

/**
 * The answers of the form-workbook routes (issue 13; contract in docs/api.md
 * "Form workbooks"): an upload's verdict, each problem placed by its Excel
 * address, and the cells of a 409 conflict. Hand-written like api-guards.ts,
 * so the pane and /fill.html ship no zod.
 */
import type { ReportStatus } from "../../schemas/api/reports";
import { isReportStatus } from "./api-guards";
import { array, int, nullable, object, optional, str, type Guard } from "./guards";

/** One finding of the engine on the uploaded values, placed in the file. */
export interface FileProblem {
  /** `C12`; empty when the problem has no cell. */
  address: string;
  sheet: string;
  /** The cell key (`raised`, `roster.r0003.idcard`). */
  key: string;
  /** How the form names the cell: 第 1 项「共筹集资金」. */
  where: string;
  message: string;
  ruleId?: string;
  /** The problem id a 上报说明 is kept under (rule id, `@row` for a roster row); absent in older answers. */
  id?: string;
}

export interface ImportAnswer {
  report: { version: number; status: ReportStatus };
  /** Cells the file changed. */
  changed: number;
  /** Cells others changed since the file was downloaded, kept beside the file's changes. */
  merged: number;
  problems: { errors: FileProblem[]; warnings: FileProblem[] };
}

/** A cell the file and someone else changed differently since the download (409 `conflict`). */
export interface FileConflict {
  address: string;
  key: string;
  where: string;
  mine: string | null;
  theirs: string | null;
}

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

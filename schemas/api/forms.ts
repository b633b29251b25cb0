import { z } from "zod";
import { ReportStatus } from "./reports";

/**
 * The form as a workbook (issue 13): the answer of an upload
 * (`POST /rounds/{id}/reports/{unit}/import`). Every problem names its cell
 * by Excel address, so a clerk can fix the file and upload it again.
 */

/** One finding of the engine on the uploaded values, placed in the file. */
export const FileProblem = z.object({
  /** `C12`; empty when the problem has no cell (none of the official forms has such a rule). */
  address: z.string(),
  sheet: z.string(),
  /** The cell key (`total`, `roster.r0003.idcard`). */
  key: z.string(),
  /** How the form names the cell: 第 1 项「共筹集资金」, 名册「身份证号」. */
  where: z.string(),
  message: z.string(),
  ruleId: z.string().optional(),
});
export type FileProblem = z.infer<typeof FileProblem>;

export const ImportResponse = z.object({
  report: z.object({ version: z.number().int(), status: ReportStatus }),
  /** Cells the file changed (0 when the same file is uploaded again). */
  changed: z.number().int(),
  /** Cells others changed since the file was downloaded, kept beside the file's changes. */
  merged: z.number().int(),
  problems: z.object({ errors: z.array(FileProblem), warnings: z.array(FileProblem) }),
});
export type ImportResponse = z.infer<typeof ImportResponse>;

/** details of a 409 conflict of an upload: a cell the file and someone else changed differently since the download. */
export const FileConflict = z.object({
  address: z.string(),
  key: z.string(),
  where: z.string(),
  mine: z.string().nullable(),
  theirs: z.string().nullable(),
});
export type FileConflict = z.infer<typeof FileConflict>;

import { z } from "zod";
import { FileProblem } from "./forms";
import { ReportStatus } from "./reports";

/**
 * `POST /rounds/{id}/reports/{unit}/rosters/{roster}/import`: a roster (名册)
 * from any xlsx or csv whose header row names the roster's columns.
 */

export const RosterImportQuery = z.object({
  /** replace (default): the roster becomes the file's rows; append: the file's rows go after the last one. */
  mode: z.enum(["replace", "append"]).default("replace"),
  /** The sheet to read (xlsx); default: the first visible sheet whose header names the columns. */
  sheet: z.string().min(1).max(31).optional(),
});

/** A roster column and where the file has it: `{column: "身份证号", key: "idno", from: "D", header: "身份证号"}`. */
export const RosterColumnMapping = z.object({
  column: z.string(),
  key: z.string(),
  /** Column letter in the file. */
  from: z.string(),
  /** The file's header cell as written. */
  header: z.string(),
});

/**
 * A problem the engine finds after the import, placed in the uploaded file as
 * the form import places its own (FileProblem): `address` (D5) when the cell is
 * one of the file's, "" otherwise; `row` (5) when its row is the file's, even
 * where the column is not (a column the file lacks).
 */
export const RosterFileProblem = FileProblem.extend({ row: z.number().int().optional() });
export type RosterFileProblem = z.infer<typeof RosterFileProblem>;

export const RosterImportResponse = z.object({
  sheet: z.string(),
  /** 1-based row of the header in the file. */
  headerRow: z.number().int(),
  mode: z.enum(["replace", "append"]),
  mapping: z.array(RosterColumnMapping),
  /** File columns with a header that names no roster column. */
  ignored: z.array(z.object({ from: z.string(), header: z.string() })),
  /** Roster columns the file does not have: left blank in the rows it brings. */
  absent: z.array(z.object({ column: z.string(), key: z.string() })),
  /** The rows taken (rows with nothing in the mapped columns are skipped). */
  rows: z.object({ count: z.number().int(), first: z.number().int(), last: z.number().int() }),
  report: z.object({ version: z.number().int(), status: ReportStatus }),
  /** Cells written (filled, changed or emptied). */
  changed: z.number().int(),
  problems: z.object({ errors: z.array(RosterFileProblem), warnings: z.array(RosterFileProblem) }),
});
export type RosterImportResponse = z.infer<typeof RosterImportResponse>;

/** details of 422 invalid_cells on an import: every unreadable cell by its address in the file. */
export const RosterBadCell = z.object({
  address: z.string(),
  /** The roster column's label. */
  column: z.string(),
  message: z.string(),
});
export type RosterBadCell = z.infer<typeof RosterBadCell>;

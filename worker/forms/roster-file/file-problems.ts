/**
 * The engine's problems of one roster, placed in the uploaded file: a clerk
 * fixes the file, not the form, so each problem is named by the file's address
 * (`D5 受助学生名册「身份证号」…`) instead of a row id.
 */
import type { RosterFileProblem } from "../../../schemas/api/roster-file";
import { compiledOf, describeCell, locateCell } from "../../../schemas/cells";
import { columnLetter } from "../../../schemas/layout/address";
import type { Problem } from "../../../schemas/problem";
import type { Template } from "../../../schemas/template";
import { maskValueOf } from "../../pii/report-crypto";
import type { Fields } from "../../reports/merge";

export interface FilePlaces {
  sheet: string;
  roster: string;
  /** Row id → 1-based sheet row, for the rows the file brought. */
  rows: Map<string, number>;
  /** Column key → 1-based file column, for the mapped columns. */
  columns: Map<string, number>;
}

export interface FileProblems {
  errors: RosterFileProblem[];
  warnings: RosterFileProblem[];
}

/**
 * `values`: the report's plain values after the import. `inFull`: whether the
 * caller may read them unmasked; otherwise a sensitive value a message quotes
 * (a duplicate 身份证号) is masked there, as every answer masks it.
 */
export function fileProblems(
  template: Template,
  problems: readonly Problem[],
  places: FilePlaces,
  values: Fields,
  inFull: boolean,
): FileProblems {
  const compiled = compiledOf(template);
  const prefix = `${places.roster}.`;
  const out: FileProblems = { errors: [], warnings: [] };
  for (const p of problems) {
    const cells = p.cells.filter((c) => c.startsWith(prefix));
    if (cells.length === 0 && p.id !== `rows:${places.roster}`) continue;
    const placed = cells.map((key) => ({ key, ...placeOf(key, places) }));
    // The first cell the file has; else the first of its rows; else the problem's first cell.
    const at = placed.find((c) => c.address) ?? placed.find((c) => c.row) ?? placed[0];
    const located = at && locateCell(compiled, at.key);
    const item: RosterFileProblem = {
      address: at?.address ?? "",
      ...(at?.row ? { row: at.row } : {}),
      sheet: places.sheet,
      key: at?.key ?? "",
      where: located ? describeCell(located) : (compiled.rosterByKey.get(places.roster)?.title ?? places.roster),
      message: inFull ? p.message : masked(template, p.message, cells, values),
      ...(p.ruleId ? { ruleId: p.ruleId } : {}),
    };
    (p.severity === "error" ? out.errors : out.warnings).push(item);
  }
  return out;
}

/** Where a roster cell key is in the file: its address, or only its row (a column the file lacks), or nowhere. */
export function placeOf(key: string, places: FilePlaces): { address?: string; row?: number } {
  const rest = key.slice(places.roster.length + 1);
  const dot = rest.lastIndexOf(".");
  const row = places.rows.get(rest.slice(0, dot));
  if (row === undefined) return {};
  const col = places.columns.get(rest.slice(dot + 1));
  return col === undefined ? { row } : { address: `${columnLetter(col)}${row}`, row };
}

function masked(template: Template, message: string, cells: readonly string[], values: Fields): string {
  let out = message;
  for (const cell of cells) {
    const plain = values[cell];
    const mask = plain === undefined ? null : maskValueOf(template, cell, plain);
    if (plain !== undefined && mask !== null && mask !== plain) out = out.split(plain).join(mask);
  }
  return out;
}

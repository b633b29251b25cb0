/**
 * POST …/rosters/{roster}/import: a roster from any spreadsheet whose header
 * names its columns, saved as one cell-level patch from the report's current
 * version through the PATCH route's save (worker/reports/save.ts): the same
 * merge, audit, encryption of sensitive values and erasure of emptied rows.
 *
 * Everything that can refuse the file runs before the save — the header, every
 * cell's type, the row limit — so a refused file writes nothing.
 */
import type { RosterImportResponse } from "../../../schemas/api/roster-file";
import { compiledOf } from "../../../schemas/cells";
import { columnLetter } from "../../../schemas/layout/address";
import type { RosterSection } from "../../../schemas/template";
import { Validator } from "../../../schemas/validate";
import { canEdit } from "../../auth/scope";
import { fieldsOf, splitFields } from "../../db/reports";
import type { Caller } from "../../env";
import { ApiError } from "../../errors";
import type { PiiSecret } from "../../pii/report-crypto";
import { seesInFull } from "../../pii/who-sees";
import { assertOpen, isEditableStatus, reportTemplate, visibleReport, wrongStatus } from "../../reports/access";
import { fieldsAt, type Fields } from "../../reports/merge";
import { saveReport } from "../../reports/save";
import type { ReadWorkbook } from "../../xlsx/workbook";
import { conflictOnFile } from "./file-conflicts";
import { fileProblems } from "./file-problems";
import { readFileRows, rowsEnd, type BadCell } from "./file-rows";
import { findHeader } from "./find-header";
import { rosterPatch, type ImportMode } from "./roster-patch";
import { previousOf } from "../../reports/previous";

export interface RosterImportRequest {
  round: string;
  unit: string;
  roster: string;
  mode: ImportMode;
  sheet?: string | undefined;
  /** Read only once the caller may import here: nobody makes the Worker inflate a file for a report it cannot edit. */
  workbook: () => Promise<ReadWorkbook>;
  /** PII_INDEX_KEY, for the blind index of sensitive values. */
  indexKey?: string | undefined;
}

/** Bad cells listed in a refusal: enough to fix a column at a time, not a 20,000-line answer. */
const MAX_LISTED_CELLS = 500;

export async function importRoster(
  pii: PiiSecret,
  caller: Caller,
  req: RosterImportRequest,
): Promise<RosterImportResponse> {
  // The PATCH route's order: 404, 403, round and status, then the content.
  const s = await visibleReport(pii, caller, req.round, req.unit);
  if (!canEdit(caller, s.row.unit_path)) throw new ApiError("forbidden", "您的账号不能修改该单位的报表");
  assertOpen(s);
  if (!isEditableStatus(s)) throw wrongStatus(s, "该报表已上报或已审核，不能修改；如需修改请联系审核人员退回");
  const template = await reportTemplate(pii.db, s);
  const section = template.sections.find((x): x is RosterSection => x.kind === "roster" && x.key === req.roster);
  const roster = compiledOf(template).rosterByKey.get(req.roster);
  if (!section || !roster) throw new ApiError("not_found", `该报表没有名册 ${req.roster}`, { roster: req.roster });

  const workbook = await req.workbook();
  const found = findHeader(workbook.sheets, section.columns, roster.title, req.sheet);
  const headerRow = found.match.row + 1;
  const end = rowsEnd(found.sheet, headerRow);
  const { rows, invalid } = readFileRows(found.grid, headerRow, found.match.columns, roster, workbook.date1904, end);
  if (invalid.length > 0) throw badCells(invalid);
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (!first || !last) {
    throw new ApiError("roster_file_empty", `「${found.sheet.name}」第 ${headerRow} 行的表头下没有数据，未导入`, {
      sheet: found.sheet.name,
      headerRow,
    });
  }

  const current = fieldsOf(s);
  const patch = rosterPatch(current, roster, rows, req.mode);
  if (patch.reach > roster.maxRows) {
    const kept = patch.reach - rows.length;
    throw new ApiError(
      "roster_too_many_rows",
      `${roster.title}最多 ${roster.maxRows} 行，` +
        (kept > 0 ? `已有 ${kept} 行，加上文件中的 ${rows.length} 行超出上限` : `文件中有 ${rows.length} 行`),
      { maxRows: roster.maxRows, rows: rows.length, kept },
    );
  }
  const columns = new Map(found.match.columns.map((m) => [m.key, m.col + 1]));
  const places = {
    sheet: found.sheet.name,
    roster: roster.key,
    rows: new Map(patch.rowIds.map((id, i) => [id, (rows[i] as (typeof rows)[number]).sheetRow])),
    columns,
  };
  const saved = await saveReport(pii, caller, {
    round: req.round,
    unit: req.unit,
    ifMatch: s.row.version,
    idempotencyKey: null,
    indexKey: req.indexKey,
    body: { baseVersion: s.row.version, changes: patch.changes, explanations: {} },
  }).catch((e: unknown) => {
    throw e instanceof ApiError && e.code === "edit_conflict" ? conflictOnFile(template, e, places) : e;
  });

  // The values the saved version holds: ours on top of what we read, unless others' changes merged in.
  const after =
    saved.merged.length === 0
      ? applied(current, patch.changes)
      : await (async () => {
          const now = await visibleReport(pii, caller, req.round, req.unit, saved.version);
          return fieldsAt(fieldsOf(now), now.changes);
        })();
  const values = splitFields(after).values;
  return {
    sheet: found.sheet.name,
    headerRow,
    mode: req.mode,
    mapping: found.match.columns.map((m) => ({
      column: m.label,
      key: m.key,
      from: columnLetter(m.col + 1),
      header: m.header,
    })),
    ignored: found.match.ignored.map((c) => ({ from: columnLetter(c.col + 1), header: c.header })),
    absent: found.match.absent.map((c) => ({ column: c.label, key: c.key })),
    rows: { count: rows.length, first: first.sheetRow, last: last.sheetRow },
    report: { version: saved.version, status: saved.status },
    changed: saved.version > s.row.version ? patch.changes.length : 0,
    problems: fileProblems(
      template,
      new Validator(template, values, { previous: await previousOf(pii.db, s.row, template) }).problems(),
      places,
      values,
      seesInFull(caller, s.row.unit),
    ),
  };
}

function applied(current: Fields, changes: readonly { cell: string; value: string | null }[]): Fields {
  const out: Fields = { ...current };
  for (const c of changes) {
    if (c.value === null) delete out[c.cell];
    else out[c.cell] = c.value;
  }
  return out;
}

function badCells(invalid: readonly BadCell[]): ApiError {
  const first = invalid[0] as BadCell;
  const shown = `${first.address} ${first.message}`;
  const message =
    invalid.length === 1
      ? `未导入：${shown}`
      : `未导入：有 ${invalid.length} 个单元格的内容不符合要求（见 details），如 ${shown}`;
  return new ApiError("invalid_cells", message, invalid.slice(0, MAX_LISTED_CELLS));
}

/**
 * POST /rounds/:id/reports/:unit/import: a filled form workbook back into its
 * report, on the model the xlsx reader gives (worker/xlsx/workbook.ts). In
 * order, and writing nothing unless every check passes:
 *   1. which form it is (identity.ts): this unit's, this round's, this template's;
 *   2. the layout it was drawn with, fitted to the file (form-layout.ts);
 *   3. every value, read as the pane reads it (file-values.ts);
 *   4. saved as a cell patch from the version it was drawn from (patch.ts),
 *      through the PATCH route's own save: merge, conflicts, workflow, audit;
 *   5. the engine's problems placed in the file (problems.ts).
 */
import type { EditConflict } from "../../../schemas/api/reports";
import type { FileConflict, ImportResponse } from "../../../schemas/api/forms";
import { compiledOf, describeCell, locateCell } from "../../../schemas/cells";
import { CellIndex } from "../../../schemas/layout/form/cell-index";
import type { SheetLayout } from "../../../schemas/layout/form/layout-types";
import { canEdit, canSee } from "../../auth/scope";
import { fieldsOf, readReport, reportUnitPath, writersSince, type Writer } from "../../db/reports";
import type { Caller } from "../../env";
import { ApiError } from "../../errors";
import { openSnapshot, type PiiSecret } from "../../pii/report-crypto";
import { assertOpen, isEditableStatus, reportTemplate, wrongStatus } from "../../reports/access";
import { fieldsAt, type Fields } from "../../reports/merge";
import { saveReport } from "../../reports/save";
import type { Template } from "../../../schemas/template";
import type { ReadWorkbook } from "../../xlsx/workbook";
import { readFileValues } from "./file-values";
import { fileLayout } from "./form-layout";
import { assertSameReport, readIdentity } from "./identity";
import { patchFrom, type CellChange } from "./patch";
import { fileProblems } from "./problems";
import { previousOf } from "../../reports/previous";

export interface ImportRequest {
  round: string;
  unit: string;
  /** Read only once the caller may import here: nobody makes the Worker inflate a file for a report it cannot edit. */
  book: () => Promise<ReadWorkbook>;
  /** PII_INDEX_KEY, for the blind index of sensitive values the file changes. */
  indexKey?: string | undefined;
}

export async function importForm(pii: PiiSecret, caller: Caller, req: ImportRequest): Promise<ImportResponse> {
  // Access is answered before the file is read: a stranger learns nothing from its refusals.
  const path = await reportUnitPath(pii.db, req.round, req.unit);
  const notFound = () => new ApiError("not_found", "找不到该报表，或您无权查看", { round: req.round, unit: req.unit });
  if (path === null || !canSee(caller, path)) throw notFound();
  if (!canEdit(caller, path)) throw new ApiError("forbidden", "您的账号不能修改该单位的报表");
  const book = await req.book();
  const id = readIdentity(book);
  if (!id.ok) throw id.error;
  const stored = await readReport(pii.db, req.round, req.unit, id.identity.reportVersion);
  if (!stored) throw notFound();
  const identity = id.identity;
  assertSameReport(identity, stored.row);
  assertOpen(stored);
  if (!isEditableStatus(stored)) {
    throw wrongStatus(stored, "该报表已上报或已审核，不能导入；如需修改请联系审核人员退回");
  }

  const { snapshot: s } = await openSnapshot(pii, stored);
  const template = await reportTemplate(pii.db, s);
  const file = await fileLayout(template, identity, s.row.unit_name, book);
  const current = fieldsOf(s);
  // The file's changes are what it changed from the version it was drawn at (its masks are that
  // version's too); they are merged from past the caller's own imports that followed (ownBase).
  const drawn = fieldsAt(current, s.changes);
  const base = ownBase(
    identity.reportVersion,
    await writersSince(pii.db, req.round, req.unit, identity.reportVersion, s.row.version),
    caller.tokenId,
  );
  const values = readFileValues(template, file, book.date1904, drawn);
  const changes = patchFrom(values, drawn, file.layout);

  let saved;
  try {
    saved = await saveReport(pii, caller, {
      round: req.round,
      unit: req.unit,
      ifMatch: base,
      idempotencyKey: null,
      indexKey: req.indexKey,
      source: "import",
      body: { baseVersion: base, changes, explanations: {} },
    });
  } catch (err) {
    if (err instanceof ApiError && err.code === "edit_conflict") throw fileConflict(template, file.layout, err);
    throw err;
  }
  const { after, changed } = applied(current, changes);
  return {
    report: { version: saved.version, status: saved.status },
    changed,
    merged: saved.merged.length,
    problems: fileProblems(template, file.layout, file.sheet.name, after, await previousOf(pii.db, s.row, template)),
  };
}

/**
 * The version the file's patch is merged from: the one it was drawn at, moved
 * past the caller's own imports that followed. A clerk who fixes the file they
 * uploaded a moment ago and uploads it again is not in conflict with their own
 * first upload: each cell the newer file changed wins over it. Cells the file
 * left as drawn are not in the patch, so an earlier import of another copy
 * (clerks of one unit may share a token) keeps what it saved. Any other write
 * since — another token's, or the same token's typing in the pane — conflicts.
 */
export function ownBase(drawnAt: number, writers: readonly Writer[], tokenId: number): number {
  let base = drawnAt;
  for (const w of writers) {
    if (w.tokenId !== tokenId || !w.imported) break;
    base = w.version;
  }
  return base;
}

/** The values once the patch is in (what the save stored), and how many cells it changed. */
function applied(current: Fields, changes: readonly CellChange[]): { after: Fields; changed: number } {
  const after = { ...current };
  let changed = 0;
  for (const c of changes) {
    if ((current[c.cell] ?? null) === c.value) continue;
    changed++;
    if (c.value === null) delete after[c.cell];
    else after[c.cell] = c.value;
  }
  return { after, changed };
}

/** The save's 409, told by Excel address: the clerk compares the file with the report cell by cell. */
function fileConflict(template: Template, layout: SheetLayout, err: ApiError): ApiError {
  const { conflicts } = err.details as { conflicts: EditConflict[] };
  const index = new CellIndex(layout);
  const compiled = compiledOf(template);
  const listed: FileConflict[] = conflicts.map((c) => {
    const at = locateCell(compiled, c.cell);
    return {
      address: index.locate(c.cell)?.address ?? "",
      key: c.cell,
      where: at ? describeCell(at) : c.cell,
      mine: c.mine,
      theirs: c.theirs,
    };
  });
  const first = listed
    .slice(0, 3)
    .map((c) => `${c.address} ${c.where}`)
    .join("；");
  return new ApiError(
    "conflict",
    `下载填报表之后，报表已被他人修改，有 ${listed.length} 个单元格与文件中的修改冲突，未保存：${first}。请重新下载填报表，核对后再上传`,
    listed,
  );
}

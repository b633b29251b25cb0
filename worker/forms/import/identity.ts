/**
 * Step 1 of an upload: which form the file is. The hidden sheet 汇表标识
 * (schemas/layout/form/identity.ts) says which template version, round, unit
 * and report version it was drawn from; a file without it is not a Huibiao
 * form, and a form of another unit or round must never land in this report.
 */
import { FORM_FORMAT, IDENTITY_SHEET, parseIdentity, type FormIdentity } from "../../../schemas/layout/form/identity";
import type { ReportRow } from "../../db/reports";
import { ApiError } from "../../errors";
import type { ReadWorkbook } from "../../xlsx/workbook";
import { cellText } from "./cell-text";

export type IdentityRead = { ok: true; identity: FormIdentity } | { ok: false; error: ApiError };

const NOT_A_FORM =
  "不是汇表下载的填报表：文件中没有汇表的表单标识。请在汇表中下载本单位的填报表（form.xlsx），填写后再上传";

/** The identity, or why the file is not a form; answered as a value so the caller may check access first. */
export function readIdentity(book: ReadWorkbook): IdentityRead {
  const sheet = book.sheets.find((s) => s.name === IDENTITY_SHEET);
  if (!sheet) return { ok: false, error: new ApiError("not_a_form", NOT_A_FORM) };
  // Key in column A, value in column B, one row each.
  const pairs = new Map<string, string>();
  for (const [address, cell] of sheet.cells) {
    const m = /^A(\d+)$/.exec(address);
    if (!m) continue;
    pairs.set(cellText(cell.value).trim(), cellText(sheet.cells.get(`B${m[1]}`)?.value));
  }
  const parsed = parseIdentity(pairs);
  if (!parsed.ok) {
    return {
      ok: false,
      error: new ApiError("not_a_form", `${NOT_A_FORM}（表单标识不完整：${parsed.missing.join("、")}）`, {
        missing: parsed.missing,
      }),
    };
  }
  if (parsed.identity.format !== FORM_FORMAT) {
    return {
      ok: false,
      error: new ApiError("form_outdated", "该填报表的文件格式不受支持，请重新下载填报表后填写", {
        format: parsed.identity.format,
      }),
    };
  }
  return { ok: true, identity: parsed.identity };
}

/** The file must be this round's form of this unit, drawn from this round's template version. */
export function assertSameReport(identity: FormIdentity, row: ReportRow): void {
  if (identity.unit !== row.unit) {
    throw new ApiError(
      "wrong_form",
      `这是「${identity.unitName}」的填报表，不能上报到「${row.unit_name}」。请上传本单位的填报表`,
      { fileUnit: identity.unit, fileUnitName: identity.unitName, unit: row.unit, unitName: row.unit_name },
    );
  }
  if (identity.round !== row.round_id) {
    throw new ApiError(
      "wrong_form",
      `这是另一轮填报（${identity.round}）的填报表，不能上报到本轮（${row.round_id}）。请下载本轮的填报表后填写`,
      { fileRound: identity.round, round: row.round_id },
    );
  }
  if (identity.templateId !== row.template_id || identity.templateVersion !== row.template_version) {
    throw new ApiError("form_outdated", "填报表的表单版本与本轮不一致，请重新下载填报表后填写", {
      fileTemplate: `${identity.templateId}@${identity.templateVersion}`,
      template: `${row.template_id}@${row.template_version}`,
    });
  }
  if (identity.reportVersion > row.version) {
    throw new ApiError("wrong_form", "填报表所依据的报表版本不存在，请重新下载填报表后填写", {
      fileVersion: identity.reportVersion,
      version: row.version,
    });
  }
}

import type { CompiledTemplate } from "../../schemas/compile";
import type { Template } from "../../schemas/template";
import type { ReportSnapshot } from "../db/reports";
import type { Caller } from "../env";
import { safeName } from "../exports/respond";
import { maskFields } from "../pii/report-crypto";
import { seesInFull } from "../pii/who-sees";
import { formXlsx } from "./form-workbook";

/**
 * One unit's form.xlsx from its report as the caller may see it: the owning
 * unit's filler gets its own sensitive values in full (it checks them against
 * paper and uploads them back), everyone else masks (issue 12). A report not
 * saved yet (version 0, every unit of a round has one from the start) is a
 * blank form with only its header filled.
 */
export async function unitForm(
  caller: Caller,
  s: ReportSnapshot,
  template: Template,
  compiled?: CompiledTemplate,
): Promise<Uint8Array> {
  const values = seesInFull(caller, s.row.unit) ? s.values : maskFields(template, s.values);
  return formXlsx({
    template,
    round: s.row.round_id,
    unit: { code: s.row.unit, name: s.row.unit_name },
    reportVersion: s.row.version,
    values,
    ...(compiled ? { compiled } : {}),
  });
}

/** `<单位名>-<表名>.xlsx`, the name a clerk recognises in a folder of forms (no path separators). */
export function formFileName(unitName: string, template: Template): string {
  return `${safeName(`${unitName}-${template.title}`)}.xlsx`;
}

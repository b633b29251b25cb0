/**
 * Step 5 of an upload: the engine's problems with the values as saved, each
 * placed in the file (Excel address, sheet) and named as the form names it,
 * errors and warnings apart: a clerk fixes the file and uploads it again.
 */
import type { FileProblem } from "../../../schemas/api/forms";
import { compiledOf, describeCell, locateCell } from "../../../schemas/cells";
import { CellIndex } from "../../../schemas/layout/form/cell-index";
import type { SheetLayout } from "../../../schemas/layout/form/layout-types";
import type { Problem } from "../../../schemas/problem";
import { judgeProblems } from "../../../schemas/report-problems";
import type { Template } from "../../../schemas/template";
import { validate } from "../../../schemas/validate";
import { splitFields } from "../../db/reports";
import type { Fields } from "../../reports/merge";

export function fileProblems(
  template: Template,
  layout: SheetLayout,
  sheet: string,
  after: Fields,
  /** What prev() reads (worker/reports/previous.ts). */
  previous?: Readonly<Record<string, string>>,
): { errors: FileProblem[]; warnings: FileProblem[] } {
  const { values, notes } = splitFields(after);
  const { errors, warnings } = judgeProblems(validate(template, values, previous), notes);
  const index = new CellIndex(layout);
  const compiled = compiledOf(template);
  const place = (p: Problem): FileProblem => {
    const key = p.cells[0] ?? "";
    const at = key === "" ? undefined : locateCell(compiled, key);
    return {
      address: index.locate(key)?.address ?? "",
      sheet,
      key,
      where: at ? describeCell(at) : "",
      message: p.message,
      ruleId: p.ruleId,
    };
  };
  return { errors: errors.map(place), warnings: warnings.map(place) };
}

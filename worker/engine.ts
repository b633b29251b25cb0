import type { Problem } from "../schemas/problem";
import type { Template } from "../schemas/template";
import { validate as runRules } from "../schemas/validate";
/**
 * The one place the Worker reaches the template engine in schemas/: the same
 * cell parser, checker and rule engine the add-in runs.
 */
export { parseCellInput, type CellInputResult as ParseCellResult } from "../schemas/cells";
export { checkTemplate } from "../schemas/check";
export { validate } from "../schemas/validate";


/**
 * A report's problems as submit judges them: errors block, a warning needs a
 * 上报说明 under its problem id. Submit (workflow.ts) and the counts every save
 * stores for the status sheet (save.ts) both come from here, so they agree.
 */
export function reportProblems(
  template: Template,
  values: Record<string, string>,
  notes: Record<string, string>,
): { errors: Problem[]; warnings: Problem[]; unexplained: Problem[] } {
  const problems = runRules(template, values);
  const warnings = problems.filter((p) => p.severity === "warning");
  return {
    errors: problems.filter((p) => p.severity === "error"),
    warnings,
    unexplained: warnings.filter((p) => !(notes[p.id] ?? "").trim()),
  };
}

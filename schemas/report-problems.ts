import type { CompiledTemplate } from "./compile";
import type { Problem } from "./problem";
import type { Template } from "./template";
import { validate } from "./validate";

export { MAX_EXPLANATION_LENGTH } from "./explanation-limit";

/**
 * A report's problems as submit judges them: errors block, a warning needs a
 * 上报说明 under its problem id. The Worker's submit (worker/reports/workflow.ts)
 * and the counts every save stores for the status sheet (worker/reports/save.ts)
 * both come from here, so they agree.
 */
export function reportProblems(
  template: Template | CompiledTemplate,
  values: Record<string, string>,
  notes: Record<string, string>,
  /** What prev() reads: last round's approved values (schemas/validate.ts, ValidatorOptions). */
  previous?: Record<string, string> | null,
): { errors: Problem[]; warnings: Problem[]; unexplained: Problem[] } {
  return judgeProblems(validate(template, values, previous), notes);
}

/** `reportProblems` of problems already found (the Worker's save checks the values once for several uses). */
export function judgeProblems(
  problems: Problem[],
  notes: Record<string, string>,
): { errors: Problem[]; warnings: Problem[]; unexplained: Problem[] } {
  const warnings = problems.filter((p) => p.severity === "warning");
  return {
    errors: problems.filter((p) => p.severity === "error"),
    warnings,
    unexplained: warnings.filter((p) => !(notes[p.id] ?? "").trim()),
  };
}

/**
 * The checks a downloaded form (form.xlsx) carries for spreadsheets without
 * the add-in (WPS, Excel 2010–2019, LibreOffice): every rule that can be
 * written as a spreadsheet formula becomes conditional formatting on the form
 * (red for errors, amber for warnings) and a line of the 校验结果 sheet that
 * states the failing rule's message with its numbers; the others are listed
 * there as 上传后检查. Plain data: the Worker's xlsx writer renders it.
 *
 * Formulas are written without the leading "=", in A1 style with the form
 * sheet's addresses; `sheet` cells name the form sheet explicitly.
 */
import type { CompiledTemplate } from "../../compile";
import type { Severity } from "../../template";
import type { SheetLayout, TextStyle } from "./layout-types";

/** The sheet that lists the rules and their verdicts. */
export const CHECK_SHEET = "校验结果";

/** Words for a rule the spreadsheet cannot check by itself. */
export const CHECKED_ON_UPLOAD = "上传后检查";

/** A cell the checks add: a text, or a formula whose result is shown. */
export interface CheckCell {
  address: string;
  text?: string;
  /** Without the leading "=". */
  formula?: string;
  style: TextStyle;
}

/** Conditional formatting on the form sheet: `formula` is written for the top-left cell of `range`, relative to it. */
export interface CheckFormat {
  range: string;
  formula: string;
  severity: Severity;
}

export interface RuleVerdict {
  id: string;
  severity: Severity;
  /** True when the spreadsheet checks it; false: listed as 上传后检查 with `reason`. */
  compiled: boolean;
  reason?: string;
  /** The formula (no "=", form-sheet addresses) that is TRUE while the rule is broken, when compiled. */
  broken?: string;
}

export interface RuleChecks {
  formats: CheckFormat[];
  /** Cells added to the form sheet itself (e.g. a 校验结果 column beside a roster), right of the form. */
  formCells: CheckCell[];
  sheet: { name: string; cells: CheckCell[]; widths: number[]; merges: string[] };
  rules: RuleVerdict[];
}

/**
 * The checks of `compiled` drawn for `layout`. This first version compiles no
 * rule: every rule is listed as 上传后检查 (the rule compiler replaces it).
 */
export function ruleChecks(compiled: CompiledTemplate, layout: SheetLayout): RuleChecks {
  const all = [...compiled.rules, ...compiled.rosters.flatMap((r) => r.rowRules)];
  const cells: CheckCell[] = [
    { address: "A1", text: `${layout.title} 校验结果`, style: "title" },
    { address: "A2", text: "编号", style: "columnHeader" },
    { address: "B2", text: "级别", style: "columnHeader" },
    { address: "C2", text: "结果", style: "columnHeader" },
  ];
  const rules: RuleVerdict[] = [];
  all.forEach((r, i) => {
    const row = i + 3;
    cells.push({ address: `A${row}`, text: r.id, style: "label" });
    cells.push({ address: `B${row}`, text: r.severity === "error" ? "错误" : "警告", style: "label" });
    cells.push({ address: `C${row}`, text: `${CHECKED_ON_UPLOAD}：${r.message}`, style: "label" });
    rules.push({ id: r.id, severity: r.severity, compiled: false, reason: "not compiled yet" });
  });
  return { formats: [], formCells: [], sheet: { name: CHECK_SHEET, cells, widths: [16, 8, 80], merges: [] }, rules };
}

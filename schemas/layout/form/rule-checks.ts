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
import type { CompiledRule, CompiledTemplate } from "../../compile";
import { generatedRules } from "../../generated-rules";
import type { Severity } from "../../template";
import { compactAddresses } from "../address";
import type { SheetLayout } from "./layout-types";
import type { CheckCell, CheckFormat } from "./rules/check-types";
import { quote, sheetPrefix } from "./rules/excel-text";
import { NotCompiled, type FormulaEnv } from "./rules/operand";
import { rosterChecks, type RowRuleLine } from "./rules/roster-checks";
import { ruleFormulas } from "./rules/rule-formulas";
import { requiredCells, type RequiredLine } from "./rules/required-checks";
import { TemplateReads } from "./rules/template-reads";

/** The sheet that lists the rules and their verdicts. */
export const CHECK_SHEET = "校验结果";

/** Words for a rule the spreadsheet cannot check by itself. */
export const CHECKED_ON_UPLOAD = "上传后检查";

export type { CheckCell, CheckFormat };

export interface RuleVerdict {
  id: string;
  severity: Severity;
  /** True when the spreadsheet checks it; false: listed as 上传后检查 with `reason`. */
  compiled: boolean;
  reason?: string;
  /**
   * The formula (no "=", written on the form sheet) that is TRUE while the rule is broken, when
   * compiled: it reads the rule's state on the 校验结果 sheet (`'校验结果'!$D$5=0`), where the rule is
   * worked out once for its line, its conditional formats and its roster rows alike.
   */
  broken?: string;
}

export interface RuleChecks {
  formats: CheckFormat[];
  /** Cells added to the form sheet itself (e.g. a 校验结果 column beside a roster), right of the form. */
  formCells: CheckCell[];
  sheet: { name: string; cells: CheckCell[]; widths: number[]; merges: string[] };
  rules: RuleVerdict[];
}

export interface RuleCheckOptions {
  /**
   * Roster rows as shared formulas: a cell of `sheet.cells` or `formCells` may then be a column
   * range (`L10:L59`) whose formula is written for its top row and holds for every row below as a
   * shared formula does (rules/row-ranges.ts; `expandRows` gives the cells one by one). A 2,000-row
   * roster's checks are 21 MB of formula text one by one, a few KB shared.
   */
  sharedRows?: boolean;
}

export { expandRows } from "./rules/row-ranges";

/** Words for a line whose state cannot be decided: an input is invalid or not read exactly (rules/cell-reads.ts). */
export const UNDECIDED =
  "暂不能判断：相关单元格中有无效值，或有表格无法照系统规则读取的内容（如文本格式的数字），上传后检查";

/** The 校验结果 sheet: rule lines from row 4 in A–G, cell readings in I–J, roster rows' work from column L. */
const FIRST_LINE = 4;
const READS_LABEL = "I";
const READS_VALUE = "J";
const FIRST_ROSTER_COLUMN = 12;

/**
 * The checks of `compiled` drawn for `layout` (see rules/formula.ts for how a
 * rule becomes a formula and why each is exact). Every rule gets a line on the
 * 校验结果 sheet: 编号, 级别, 结果 (its message with the numbers while broken,
 * 通过 while it holds, or why it is checked on upload), and in D its state —
 * 1 holds, 0 broken, 0.5 cannot be decided — which the conditional formats on
 * the form and the counts at the top read. Required cells get lines of their
 * own (`required`, `required:<roster>`) after the rules.
 */
export function ruleChecks(
  compiled: CompiledTemplate,
  layout: SheetLayout,
  options: RuleCheckOptions = {},
): RuleChecks {
  const sources = ruleSources(compiled);
  const check = sheetPrefix(CHECK_SHEET);
  const reads = new TemplateReads(compiled, layout, FIRST_LINE, READS_LABEL, READS_VALUE);
  const addressOf = new Map(layout.cells.map((c) => [c.key, c.address]));
  const cells: CheckCell[] = [];
  const formats: CheckFormat[] = [];
  const rules: RuleVerdict[] = [];
  let row = FIRST_LINE;

  const line = (rule: CompiledRule, result: CheckCell, state: CheckCell) => {
    cells.push({ address: `A${row}`, text: rule.id, style: "label" });
    cells.push({ address: `B${row}`, text: rule.severity === "error" ? "错误" : "警告", style: "label" });
    cells.push(result, state);
  };
  const notCompiled = (rule: CompiledRule, reason: string) => {
    line(
      rule,
      { address: `C${row}`, text: `${CHECKED_ON_UPLOAD}：${reason}`, style: "label" },
      { address: `D${row}`, text: "—", style: "label" },
    );
    rules.push({ id: rule.id, severity: rule.severity, compiled: false, reason });
    row++;
  };
  const verdict = (state: string, broken: string) =>
    `IF(${state}=0,${broken},IF(${state}=1,"通过",${quote(UNDECIDED)}))`;

  for (const rule of compiled.rules) {
    const read = new Set<string>();
    const env: FormulaEnv = {
      ref: (path) => {
        const op = reads.operand(path);
        read.add(path.join("."));
        return op;
      },
      isRoster: (name) => compiled.rosterByKey.has(name),
      referenceDate: compiled.referenceDate,
    };
    try {
      const at = row;
      const f = ruleFormulas(
        sources.get(rule.id) as string,
        rule.message,
        env,
        { name: (name) => reads.shown(name.split(".")) },
        () => ({ left: `$E$${at}`, right: `$F$${at}`, diff: `$G$${at}` }),
      );
      line(
        rule,
        { address: `C${row}`, formula: verdict(`$D$${row}`, f.message), style: "label" },
        { address: `D${row}`, formula: f.state, style: "label" },
      );
      if (f.sides) {
        cells.push({ address: `E${row}`, formula: f.sides.left, style: "label" });
        cells.push({ address: `F${row}`, formula: f.sides.right, style: "label" });
        if (f.sides.diff) cells.push({ address: `G${row}`, formula: f.sides.diff, style: "label" });
      }
      const broken = `${check}$D$${row}=0`;
      const addresses = [...read].map((k) => addressOf.get(k) as string);
      for (const range of compactAddresses(addresses, false))
        formats.push({ range, formula: broken, severity: rule.severity });
      rules.push({ id: rule.id, severity: rule.severity, compiled: true, broken });
      row++;
    } catch (e) {
      if (!(e instanceof NotCompiled)) throw e;
      notCompiled(rule, e.message);
    }
  }

  const formCells: CheckCell[] = [];
  let column = FIRST_ROSTER_COLUMN;
  for (const roster of compiled.rosters) {
    const table = layout.rosters.find((t) => t.key === roster.key);
    if (!table) {
      for (const rule of roster.rowRules) notCompiled(rule, "名册不在表上");
      continue;
    }
    const r = rosterChecks(
      compiled,
      layout,
      roster,
      table,
      reads,
      sources,
      CHECK_SHEET,
      column,
      options.sharedRows ?? false,
    );
    column = r.next + 1;
    cells.push(...r.cells);
    formCells.push(...r.formCells);
    formats.push(...r.formats);
    for (const l of r.lines) rowRuleLine(l);
    if (r.required) {
      const { id, counts, states, firstRow } = r.required;
      const first = `(${firstRow}+MATCH(0,${states},0)-1)`;
      requiredLine({
        id,
        state: `IF(SUM(${counts})>0,0,1)`,
        missing: `SUM(${counts})&" 个必填单元格未填，第一处在第 "&${first}&" 行"`,
      });
    }
  }
  const required = requiredCells(compiled, layout, READS_LABEL, READS_VALUE, FIRST_LINE + reads.count + 1);
  if (required.line) requiredLine(required.line);

  /** Required cells have lines of their own, not rules: the engine reports them as `required:` problems. */
  function requiredLine(l: RequiredLine): void {
    cells.push({ address: `A${row}`, text: l.id, style: "label" });
    cells.push({ address: `B${row}`, text: "错误", style: "label" });
    cells.push({ address: `C${row}`, formula: verdict(`$D$${row}`, l.missing), style: "label" });
    cells.push({ address: `D${row}`, formula: l.state, style: "label" });
    row++;
  }

  function rowRuleLine(l: RowRuleLine): void {
    if (!l.compiled) return notCompiled(l.rule, l.reason);
    const { states, messages } = l;
    const state = `IF(COUNTIF(${states},0)>0,0,IF(COUNTIF(${states},0.5)>0,0.5,1))`;
    const firstBroken = `MATCH(0,${states},0)`;
    const broken = `COUNTIF(${states},0)&" 行不通过，第一处在第 "&(${l.firstRow}+${firstBroken}-1)&" 行："&INDEX(${messages},${firstBroken})`;
    line(
      l.rule,
      { address: `C${row}`, formula: verdict(`$D$${row}`, broken), style: "label" },
      { address: `D${row}`, formula: state, style: "label" },
    );
    rules.push({ id: l.rule.id, severity: l.rule.severity, compiled: true, broken: `${check}$D$${row}=0` });
    row++;
  }

  const last = Math.max(row - 1, FIRST_LINE);
  const count = (severity: string) =>
    `COUNTIFS($B$${FIRST_LINE}:$B$${last},"${severity}",$D$${FIRST_LINE}:$D$${last},0)`;
  const pending = `COUNTIF($D$${FIRST_LINE}:$D$${last},0.5)`;
  const uploadOnly = rules.filter((r) => !r.compiled).length;
  // Conditional formats: errors before warnings, so a cell broken both ways shows red.
  formats.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
  return {
    formats,
    formCells,
    sheet: {
      name: CHECK_SHEET,
      cells: [
        { address: "A1", text: `${layout.title} 校验结果`, style: "title" },
        {
          address: "A2",
          formula:
            `"未通过：错误 "&${count("错误")}&" 条，警告 "&${count("警告")}&" 条"` +
            `&IF(${pending}>0,"；暂不能判断 "&${pending}&" 条","")` +
            (uploadOnly > 0 ? `&"；另有 ${uploadOnly} 条上传后检查"` : ""),
          style: "subtitle",
        },
        { address: "A3", text: "编号", style: "columnHeader" },
        { address: "B3", text: "级别", style: "columnHeader" },
        { address: "C3", text: "结果", style: "columnHeader" },
        { address: "D3", text: "状态", style: "columnHeader" },
        { address: "E3", text: "左边", style: "columnHeader" },
        { address: "F3", text: "右边", style: "columnHeader" },
        { address: "G3", text: "相差", style: "columnHeader" },
        { address: `${READS_LABEL}3`, text: "单元格", style: "columnHeader" },
        { address: `${READS_VALUE}3`, text: "读数", style: "columnHeader" },
        ...cells,
        ...reads.cells,
        ...required.cells,
      ],
      widths: [18, 6, 90, 6, 10, 10, 10, 2, 30, 12],
      merges: [],
    },
    rules,
  };
}

/** The expression of every rule by id: generated (其中, grid totals), authored, and the rosters' row rules. */
function ruleSources(compiled: CompiledTemplate): Map<string, string> {
  const { template } = compiled;
  const out = new Map<string, string>();
  for (const { rule } of generatedRules(template, compiled.cellByKey, [])) out.set(rule.id, rule.expr);
  for (const rule of template.rules) out.set(rule.id, rule.expr);
  for (const s of template.sections)
    if (s.kind === "roster") for (const rule of s.rowRules) out.set(rule.id, rule.expr);
  return out;
}

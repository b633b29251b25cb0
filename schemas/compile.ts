import { compileCalcs, type CalcItem, type CalcSource } from "./calc";
import { compileExpression, type CellBinding, type CompiledExpr, type RosterBinding, type Scope } from "./expr/compile";
import type { ValueType } from "./expr/value";
import type { InputSpec } from "./input";
import { bindRoster, columnSpec, rosterInfo, typeOfColumn } from "./compile-roster";
import { generatedRules } from "./generated-rules";
import { previousEntryIssues } from "./previous-entries";
import { isSensitive, type GridSection, type Item, type Rule, type Severity, type Template } from "./template";
import { shortLabel } from "./text";

/** A template-level cell: an item, a grid cell or a header field. */
export interface CellInfo {
  index: number;
  key: string;
  kind: "item" | "grid" | "header";
  /** How messages name the cell: 第 1 项「共筹集资金」. */
  where: string;
  label: string;
  unit?: string;
  spec: InputSpec;
  type: ValueType;
  required: boolean;
  hint?: string;
  /** A computed item (`calc`): derived by the engine, never typed. */
  computed?: true;
  /** A header field holding personal information: encrypted at rest, masked (schemas/pii). */
  sensitive?: true;
}

export interface ColumnInfo {
  index: number;
  key: string;
  label: string;
  /** How messages name a cell of this column: 名册「身份证号」 (rows are not numbered: numbers shift). */
  where: string;
  spec: InputSpec;
  type: ValueType;
  required: boolean;
  /** Personal information: encrypted at rest and masked when it leaves the Worker (schemas/pii). */
  sensitive: boolean;
}

export interface CompiledRule {
  id: string;
  severity: Severity;
  message: string;
  expr: CompiledExpr;
  /** Set for a roster's row rules. */
  roster?: number;
}

export interface RosterInfo {
  index: number;
  key: string;
  title: string;
  columns: ColumnInfo[];
  columnByKey: Map<string, ColumnInfo>;
  /** Column index sets that must be unique together. */
  unique: number[][];
  rowRules: CompiledRule[];
  maxRows: number;
}

/**
 * A template prepared for checking: cells and rosters numbered, every rule
 * (authored and generated) parsed once, and the reverse dependencies known so a
 * one-cell edit re-checks only the rules that read that cell.
 */
export interface CompiledTemplate {
  template: Template;
  cells: CellInfo[];
  cellByKey: Map<string, CellInfo>;
  rosters: RosterInfo[];
  rosterByKey: Map<string, RosterInfo>;
  /** Template-level rules: breakdowns, grid totals, authored rules. */
  rules: CompiledRule[];
  /** cell index → indexes into `rules` of rules that read it. */
  rulesByCell: number[][];
  /** roster index → indexes into `rules` of rules that aggregate it. */
  rulesByRoster: number[][];
  /** cell index → row rules (any roster) that read it, so every row is re-checked. */
  rowRulesByCell: CompiledRule[][];
  /** Indexes into `rules` of the rules that read prev(): re-checked when last round's values arrive. */
  rulesByPrevious: number[];
  /** Row rules (any roster) that read prev(). */
  rowRulesByPrevious: CompiledRule[];
  /** Computed items, each after the computed items it reads. */
  calcs: CalcItem[];
  referenceDate: string;
}

export interface TemplateIssue {
  /** Where in the template definition: `rules[2].expr`, `sections[0].items[3].key`. */
  path: string;
  message: string;
  /** In an expression: the 1-based character, and the message without its "第 n 个字符" lead. */
  char?: number;
  reason?: string;
  /** A cycle's keys, in order: the definition workbook names their rows. */
  members?: string[];
}

/** The cells prev() may read and `previous` may map: items and grid cells (numbers), not header fields. */
export function isPreviousCell(cell: CellInfo): boolean {
  return cell.kind !== "header";
}

/** Whether any rule reads prev(): only then does a check need last round's values. */
export function readsPrevious(compiled: CompiledTemplate): boolean {
  return compiled.rulesByPrevious.length > 0 || compiled.rowRulesByPrevious.length > 0;
}

function numberSpec(f: Item | GridSection["rows"][number]): InputSpec {
  return { kind: f.type, scale: f.scale, unit: f.unit, min: f.min, max: f.max };
}

/** Prepares a parsed template; returns every problem found instead of throwing. */
export function compileTemplate(
  template: Template,
): { ok: true; compiled: CompiledTemplate } | { ok: false; issues: TemplateIssue[] } {
  const issues: TemplateIssue[] = [];
  const cells: CellInfo[] = [];
  const cellByKey = new Map<string, CellInfo>();
  const rosters: RosterInfo[] = [];
  const rosterByKey = new Map<string, RosterInfo>();
  const firstSegments = new Map<string, string>();
  const referenceDate = template.referenceDate ?? template.dueDate;

  /** First key segments (items, grid rows, rosters, "header") share one namespace. */
  const claim = (segment: string, path: string) => {
    const prior = firstSegments.get(segment);
    if (prior !== undefined) issues.push({ path, message: `键名 ${segment} 与 ${prior} 重复` });
    else firstSegments.set(segment, path);
  };
  const addCell = (info: Omit<CellInfo, "index">) => {
    const cell = { ...info, index: cells.length };
    cells.push(cell);
    cellByKey.set(cell.key, cell);
    return cell;
  };
  const calcSources: CalcSource[] = [];

  if (template.header.length > 0) firstSegments.set("header", "header");
  const headerKeys = new Set<string>();
  template.header.forEach((c, i) => {
    if (headerKeys.has(c.key)) issues.push({ path: `header[${i}].key`, message: `表头字段 ${c.key} 重复` });
    headerKeys.add(c.key);
    addCell({
      key: `header.${c.key}`,
      kind: "header",
      where: `「${c.label}」`,
      label: c.label,
      spec: columnSpec(c, referenceDate),
      type: typeOfColumn(c),
      required: c.required,
      hint: c.hint,
      ...(isSensitive(c) ? { sensitive: true as const } : {}),
    });
  });

  template.sections.forEach((section, s) => {
    const at = `sections[${s}]`;
    if (section.kind === "items") {
      let number = "";
      section.items.forEach((item, i) => {
        claim(item.key, `${at}.items[${i}].key`);
        if (item.no) number = item.no.replace(/[()（）]/g, "");
        const cell = addCell({
          key: item.key,
          kind: "item",
          where: number ? `第 ${number} 项「${shortLabel(item.label)}」` : `「${shortLabel(item.label)}」`,
          label: item.label,
          unit: item.unit,
          spec: numberSpec(item),
          type: "number",
          required: item.required && item.calc === undefined,
          hint: item.hint,
          ...(item.calc === undefined ? {} : { computed: true as const }),
        });
        if (item.calc === undefined) return;
        if (item.required) {
          issues.push({ path: `${at}.items[${i}].required`, message: `计算项${cell.where}由系统计算，不能设为必填` });
        }
        const path = `${at}.items[${i}].calc`;
        calcSources.push({ cell, calc: item.calc, scale: item.scale, path, sectionPath: `${at}.items` });
      });
    } else if (section.kind === "grid") {
      const colKeys = new Set(section.columns.map((c) => c.key));
      if (colKeys.size !== section.columns.length) issues.push({ path: `${at}.columns`, message: "列键名重复" });
      if (section.total && !colKeys.has(section.total)) {
        issues.push({ path: `${at}.total`, message: `合计列 ${section.total} 不在列中` });
      }
      section.rows.forEach((row, r) => {
        claim(row.key, `${at}.rows[${r}].key`);
        for (const col of section.columns) {
          addCell({
            key: `${row.key}.${col.key}`,
            kind: "grid",
            where: `「${shortLabel(row.label)}」${col.label}`,
            label: `${row.label} ${col.label}`,
            unit: row.unit,
            spec: numberSpec(row),
            type: "number",
            required: row.required,
            hint: row.hint,
          });
        }
      });
    } else {
      claim(section.key, `${at}.key`);
      rosters.push(rosterInfo(section, rosters.length, at, referenceDate, issues));
      rosterByKey.set(section.key, rosters[rosters.length - 1] as RosterInfo);
    }
  });

  const bindCell = (c: CellInfo | undefined): CellBinding | undefined =>
    c && { index: c.index, key: c.key, type: c.type };
  const scopeFor = (rowRoster?: RosterBinding): Scope => ({
    cell: (path) => bindCell(cellByKey.get(path.join("."))),
    roster: (name) => bindRoster(rosterByKey.get(name)),
    rowRoster,
    // prev() reads items and grid cells: what a previous round's report holds as numbers.
    previous: (path) => {
      const c = cellByKey.get(path.join("."));
      return c && isPreviousCell(c) ? bindCell(c) : undefined;
    },
  });
  const templateScope = scopeFor();

  // A computed item is stored with the report: it may not depend on another round.
  const calcs = compileCalcs(calcSources, { cell: templateScope.cell, roster: templateScope.roster }, issues);
  issues.push(
    ...previousEntryIssues(template, (key) => {
      const c = cellByKey.get(key);
      return c !== undefined && isPreviousCell(c);
    }),
  );

  const rules: CompiledRule[] = [];
  const compileRule = (rule: Rule, path: string, scope: Scope, roster?: number): CompiledRule | undefined => {
    const result = compileExpression(rule.expr, scope, "boolean");
    if (!result.ok) {
      issues.push({
        path,
        message: `规则 ${rule.id} 第 ${result.error.pos} 个字符：${result.error.message}`,
        char: result.error.pos,
        reason: result.error.message,
      });
      return undefined;
    }
    return { id: rule.id, severity: rule.severity, message: rule.message, expr: result.compiled, roster };
  };

  for (const { rule, path } of generatedRules(template, cellByKey, issues)) {
    const compiled = compileRule(rule, path, templateScope);
    if (compiled) rules.push(compiled);
  }
  const ruleIds = new Set(rules.map((r) => r.id));
  template.rules.forEach((rule, i) => {
    if (ruleIds.has(rule.id)) issues.push({ path: `rules[${i}].id`, message: `规则编号 ${rule.id} 重复` });
    ruleIds.add(rule.id);
    const compiled = compileRule(rule, `rules[${i}].expr`, templateScope);
    if (compiled) rules.push(compiled);
  });

  const rowRulesByCell: CompiledRule[][] = cells.map(() => []);
  template.sections.forEach((section, s) => {
    if (section.kind !== "roster") return;
    const roster = rosterByKey.get(section.key) as RosterInfo;
    const scope = scopeFor(bindRoster(roster));
    section.rowRules.forEach((rule, r) => {
      if (ruleIds.has(rule.id))
        issues.push({ path: `sections[${s}].rowRules[${r}].id`, message: `规则编号 ${rule.id} 重复` });
      ruleIds.add(rule.id);
      const compiled = compileRule(rule, `sections[${s}].rowRules[${r}].expr`, scope, roster.index);
      if (!compiled) return;
      roster.rowRules.push(compiled);
      for (const c of compiled.expr.cells) rowRulesByCell[c]?.push(compiled);
    });
  });

  if (issues.length > 0) return { ok: false, issues };

  const rulesByCell: number[][] = cells.map(() => []);
  const rulesByRoster: number[][] = rosters.map(() => []);
  const rulesByPrevious: number[] = [];
  rules.forEach((rule, r) => {
    for (const c of rule.expr.cells) rulesByCell[c]?.push(r);
    for (const l of rule.expr.rosters) rulesByRoster[l]?.push(r);
    if (rule.expr.previous.length > 0) rulesByPrevious.push(r);
  });
  const rowRulesByPrevious = rosters.flatMap((l) => l.rowRules.filter((r) => r.expr.previous.length > 0));
  return {
    ok: true,
    compiled: {
      template,
      cells,
      cellByKey,
      rosters,
      rosterByKey,
      rules,
      rulesByCell,
      rulesByRoster,
      rowRulesByCell,
      rulesByPrevious,
      rowRulesByPrevious,
      calcs,
      referenceDate,
    },
  };
}

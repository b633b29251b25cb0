import type { Breakdown, Column, GridRow, Item, Rule, Template } from "../template";
import { inlineBreakdowns } from "./inline-breakdowns";
import {
  COLUMN_TYPE_WORDS,
  FORM_FIELDS,
  GRID_PARTS,
  HEADER_ROSTER,
  HEADINGS,
  MODE_WORDS,
  NO,
  NUMBER_TYPES,
  SECTION_KINDS,
  SEVERITY_WORDS,
  SHEETS,
  YES,
  type DefinitionBook,
  type DefinitionCell,
  type SheetKey,
} from "./sheets";

type Row = Record<string, DefinitionCell | undefined>;

/**
 * A template as its definition workbook: every field of the template in a cell an
 * officer can read, so that reading the workbook back (read.ts) gives the same
 * template (tested on the official forms and on generated ones).
 */
export function templateToDefinition(t: Template): DefinitionBook {
  const rows: Record<SheetKey, Row[]> = {
    form: FORM_FIELDS.map(([name, field]) => ({ 名称: name, 内容: t[field] ?? null })),
    sections: [],
    items: [],
    grids: [],
    columns: [],
    lists: [],
    rules: [],
    breakdowns: [],
    previous: t.previous.map((p) => ({ 本版键: p.key, 上版取值: p.from })),
  };
  const { inline, listed } = inlineBreakdowns(t);
  const lists = new ListNames();

  t.header.forEach((c) => rows.columns.push(columnRow(HEADER_ROSTER, c, lists, [])));
  for (const s of t.sections) {
    rows.sections.push({
      分节键: s.key,
      类型: SECTION_KINDS[s.kind],
      标题: s.title,
      合计列: s.kind === "grid" ? s.total : undefined,
      合计方式: s.kind === "grid" ? MODE_WORDS[s.totalMode] : undefined,
      最多行数: s.kind === "roster" ? s.maxRows : undefined,
    });
    if (s.kind === "items") {
      for (const item of s.items) rows.items.push({ 分节: s.key, ...itemRow(item, inline.get(item.key)) });
    } else if (s.kind === "grid") {
      for (const c of s.columns) rows.grids.push({ 表格: s.key, 行列: GRID_PARTS.column, 键: c.key, 名称: c.label });
      for (const r of s.rows) rows.grids.push({ 表格: s.key, 行列: GRID_PARTS.row, ...gridRow(r) });
    } else {
      for (const c of s.columns) rows.columns.push(columnRow(s.key, c, lists, s.unique));
    }
  }
  for (const r of t.rules) rows.rules.push(ruleRow(r));
  for (const s of t.sections) if (s.kind === "roster") for (const r of s.rowRules) rows.rules.push(ruleRow(r, s.key));
  for (const b of listed) rows.breakdowns.push(breakdownRow(b));
  for (const [name, options] of lists.all()) for (const o of options) rows.lists.push({ 列表: name, 选项: o });

  return {
    sheets: (Object.keys(SHEETS) as SheetKey[]).map((k) => ({
      name: SHEETS[k],
      rows: [[...HEADINGS[k]], ...rows[k].map((r) => HEADINGS[k].map((h) => r[h] ?? null))],
    })),
  };
}

function numberCells(f: Item | GridRow): Row {
  return {
    序号: f.no || undefined,
    键: f.key,
    缩进: f.indent || undefined,
    单位: f.unit,
    类型: NUMBER_TYPES[f.type],
    小数位: f.type === "decimal" ? f.scale : undefined,
    最小值: f.min,
    最大值: f.max,
    必填: f.required ? YES : undefined,
    说明: f.hint,
  };
}

function itemRow(item: Item, part: Breakdown | undefined): Row {
  return {
    ...numberCells(item),
    项目名称: item.label,
    所属合计: part?.total,
    其中方式: part ? MODE_WORDS[part.mode] : undefined,
    计算公式: item.calc,
  };
}

function gridRow(r: GridRow): Row {
  return { ...numberCells(r), 名称: r.label };
}

function columnRow(roster: string, c: Column, lists: ListNames, unique: string[][]): Row {
  const sets = unique.flatMap((set, i) => (set.includes(c.key) ? [String(i + 1)] : []));
  return {
    名册: roster,
    键: c.key,
    列名: c.label,
    类型: COLUMN_TYPE_WORDS[c.type],
    选项来源: c.options ? lists.name(c.label, c.options) : undefined,
    必填: c.required ? YES : undefined,
    唯一: sets.length > 0 ? sets.join(",") : undefined,
    小数位: c.scale,
    单位: c.unit,
    最小值: c.min,
    最大值: c.max,
    最长: c.maxLength,
    敏感: c.sensitive === undefined ? undefined : c.sensitive ? YES : NO,
    说明: c.hint,
  };
}

function ruleRow(r: Rule, roster?: string): Row {
  return { 编号: r.id, 名册: roster, 公式: r.expr, 级别: SEVERITY_WORDS[r.severity], 提示: r.message };
}

function breakdownRow(b: Breakdown): Row {
  return { 合计: b.total, 其中项: b.parts.join("、"), 方式: MODE_WORDS[b.mode], 提示: b.message };
}

/**
 * Names the 选项 lists after the column that uses them (就读阶段); columns with the
 * same options share a list, a clash of names with different options gets a number.
 */
class ListNames {
  private readonly byName = new Map<string, string[]>();

  name(label: string, options: string[]): string {
    for (let n = 1; ; n++) {
      const name = n === 1 ? label : `${label}${n}`;
      const known = this.byName.get(name);
      if (!known) {
        this.byName.set(name, options);
        return name;
      }
      if (known.length === options.length && known.every((o, i) => o === options[i])) return name;
    }
  }

  all(): [string, string[]][] {
    return [...this.byName];
  }
}

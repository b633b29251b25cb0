import { checkTemplate, type TemplateIssue } from "../check";
import type { Template } from "../template";
import { dateOf, integerOf, listOf, textOf, wordOf } from "./cell-values";
import { definitionIssue, Locations, type DefinitionIssue } from "./locations";
import { readSections } from "./read-sections";
import {
  FIELD_HEADINGS,
  FORM_FIELDS,
  MODE_WORDS,
  SEVERITY_WORDS,
  SHEETS,
  type DefinitionBook,
  type SheetKey,
} from "./sheets";
import { CellReader, missingHeadings, sheetRows, type DefinitionRow } from "./sheet-table";

export type { DefinitionIssue };

export type DefinitionResult =
  /** `at`: where an issue found later (a check that needs the server, e.g. `previous` against the older version) sits. */
  | { ok: true; template: Template; at: (issue: TemplateIssue) => DefinitionIssue }
  | { ok: false; issues: DefinitionIssue[] };

const NEEDED: Record<SheetKey, readonly string[]> = {
  form: ["名称", "内容"],
  sections: ["分节键", "类型"],
  items: ["键", "项目名称"],
  grids: ["表格", "行列", "键", "名称"],
  columns: ["名册", "键", "列名", "类型"],
  lists: ["列表", "选项"],
  rules: ["编号", "公式", "级别", "提示"],
  breakdowns: ["合计", "其中项", "方式"],
  previous: ["本版键", "上版取值"],
};

/**
 * A definition workbook as the template it defines, checked as publishing checks
 * it (schemas/check.ts). Every issue names its sheet, row, column and, in a
 * formula, the character; unreadable cells are reported all at once before the
 * template is checked, so an officer fixes a batch per round, not one cell.
 */
export function readDefinition(book: DefinitionBook): DefinitionResult {
  if (!book.sheets.some((s) => s.name === SHEETS.form)) {
    return {
      ok: false,
      issues: [definitionIssue({ sheet: SHEETS.form }, `不是表单定义：缺少「${SHEETS.form}」工作表`)],
    };
  }
  const issues = (Object.keys(NEEDED) as SheetKey[]).flatMap((k) => missingHeadings(book, k, NEEDED[k]));
  if (issues.length > 0) return { ok: false, issues };

  const at = new Locations(SHEETS.form);
  const input: Record<string, unknown> = readForm(book, at, issues);
  const { sections, header, rosterRules, inline } = readSections(book, at, issues);
  input.header = header;
  input.sections = sections;
  input.rules = readRules(book, at, issues, rosterRules);
  input.breakdowns = [...inline, ...readBreakdowns(book, at, issues, inline.length)];
  input.previous = readPrevious(book, at, issues);
  if (issues.length > 0) return { ok: false, issues };

  const checked = checkTemplate(withoutBlanks(input));
  if (!checked.ok) return { ok: false, issues: checked.errors.map((e) => at.issue(e)) };
  return { ok: true, template: checked.template, at: (issue) => at.issue(issue) };
}

function readForm(book: DefinitionBook, at: Locations, issues: DefinitionIssue[]): Record<string, unknown> {
  const cells = new CellReader("form", issues);
  const out: Record<string, unknown> = {};
  for (const row of sheetRows(book, "form")) {
    const name = cells.text(row, "名称");
    const field = FORM_FIELDS.find(([n]) => n === name)?.[1];
    if (!field) {
      cells.fail(row, "名称", `不认识“${name ?? ""}”：应为${FORM_FIELDS.map(([n]) => n).join("、")}之一`);
      continue;
    }
    at.set(field, { sheet: SHEETS.form, row: row.row, column: "内容" });
    out[field] =
      field === "version"
        ? cells.read(row, "内容", integerOf)
        : field === "dueDate" || field === "referenceDate"
          ? cells.read(row, "内容", dateOf)
          : textOf(row.get("内容"));
  }
  return out;
}

function readRules(
  book: DefinitionBook,
  at: Locations,
  issues: DefinitionIssue[],
  rosterRules: Map<string, { path: string; rules: unknown[] }>,
): unknown[] {
  const cells = new CellReader("rules", issues);
  const rules: unknown[] = [];
  for (const row of sheetRows(book, "rules")) {
    const roster = cells.text(row, "名册");
    const target = roster === undefined ? { path: "rules", rules } : rosterRules.get(roster);
    if (!target) {
      cells.fail(row, "名册", `没有名为 ${roster ?? ""} 的名册：表单级规则请留空`);
      continue;
    }
    at.set(`${target.path}[${target.rules.length}]`, {
      sheet: SHEETS.rules,
      row: row.row,
      headings: FIELD_HEADINGS.rules,
    });
    target.rules.push({
      id: cells.text(row, "编号"),
      expr: cells.text(row, "公式"),
      severity: cells.read(row, "级别", (c) => wordOf(c, SEVERITY_WORDS)),
      message: cells.text(row, "提示"),
    });
  }
  return rules;
}

function readBreakdowns(book: DefinitionBook, at: Locations, issues: DefinitionIssue[], first: number): unknown[] {
  const cells = new CellReader("breakdowns", issues);
  return sheetRows(book, "breakdowns").map((row: DefinitionRow, i) => {
    at.set(`breakdowns[${first + i}]`, {
      sheet: SHEETS.breakdowns,
      row: row.row,
      headings: FIELD_HEADINGS.breakdowns,
    });
    return {
      total: cells.text(row, "合计"),
      parts: listOf(row.get("其中项")),
      mode: cells.read(row, "方式", (c) => wordOf(c, MODE_WORDS)),
      message: cells.text(row, "提示"),
    };
  });
}

function readPrevious(book: DefinitionBook, at: Locations, issues: DefinitionIssue[]): unknown[] {
  const cells = new CellReader("previous", issues);
  return sheetRows(book, "previous").map((row, i) => {
    at.set(`previous[${i}]`, { sheet: SHEETS.previous, row: row.row, headings: FIELD_HEADINGS.previous });
    return { key: cells.text(row, "本版键"), from: cells.text(row, "上版取值") };
  });
}

/** Blank cells are absent fields, so the template's defaults apply to them. */
function withoutBlanks(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutBlanks);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, withoutBlanks(v)]),
  );
}

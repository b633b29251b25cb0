import type { Section } from "../template";
import { integerOf, listOf, numberOf, textOf, wordOf, yesNoOf } from "./cell-values";
import { type DefinitionIssue, type Locations } from "./locations";
import {
  COLUMN_TYPE_WORDS,
  FIELD_HEADINGS,
  GRID_PARTS,
  HEADER_ROSTER,
  MODE_WORDS,
  NUMBER_TYPES,
  SECTION_KINDS,
  SHEETS,
  YES,
  type DefinitionBook,
  type DefinitionCell,
} from "./sheets";
import { CellReader, sheetRows, type DefinitionRow } from "./sheet-table";

type Kind = Section["kind"];
type Entry = Record<string, unknown>;

interface SectionDraft {
  entry: Entry;
  /** Items, grid rows or roster columns, in sheet order. */
  lines: Entry[];
  gridColumns: Entry[];
  unique: Map<string, string[]>;
  rowRules: unknown[];
  path: string;
}

/**
 * The 分节, 项目, 表格, 名册列 and 选项 sheets as the template's sections and header,
 * plus the breakdowns typed on item rows (所属合计 + 其中方式) and each roster's row
 * rules, which the 规则 sheet fills. Without a 分节 sheet the sections follow from
 * the other sheets (one 项目 section "main", then each 表格, then each 名册).
 */
export function readSections(
  book: DefinitionBook,
  at: Locations,
  issues: DefinitionIssue[],
): {
  sections: Entry[];
  header: Entry[];
  rosterRules: Map<string, { path: string; rules: unknown[] }>;
  inline: Entry[];
} {
  const drafts = new Map<string, SectionDraft>();
  const order: SectionDraft[] = [];
  const add = (key: string, kind: Kind, entry: Entry, place: { sheet: string; row: number }) => {
    const path = `sections[${order.length}]`;
    const d: SectionDraft = {
      entry: { kind, key, ...entry },
      lines: [],
      gridColumns: [],
      unique: new Map(),
      rowRules: [],
      path,
    };
    drafts.set(key, d);
    order.push(d);
    at.set(path, { ...place, headings: FIELD_HEADINGS.sections });
    return d;
  };

  const sectionCells = new CellReader("sections", issues);
  for (const row of sheetRows(book, "sections")) {
    const key = sectionCells.text(row, "分节键");
    const kind = sectionCells.read(row, "类型", (c) => wordOf(c, SECTION_KINDS));
    if (key === undefined || kind === undefined) {
      if (key === undefined) sectionCells.fail(row, "分节键", "请填写分节键");
      else if (textOf(row.get("类型")) === undefined) sectionCells.fail(row, "类型", "请填写类型：项目、表格或名册");
      continue;
    }
    if (drafts.has(key)) {
      sectionCells.fail(row, "分节键", `分节键 ${key} 重复`);
      continue;
    }
    add(key, kind, readSectionEntry(sectionCells, row, kind), { sheet: SHEETS.sections, row: row.row });
  }
  const listed = order.length > 0;

  /** The section a row belongs to: named, or the only one of its kind, or (no 分节 sheet) a new one. */
  const sectionOf = (cells: CellReader, row: DefinitionRow, heading: string, kind: Kind, sheet: string) => {
    const named = cells.text(row, heading) ?? (kind === "items" && !listed ? "main" : undefined);
    const ofKind = order.filter((d) => d.entry.kind === kind);
    const key = named ?? (ofKind.length === 1 ? (ofKind[0]?.entry.key as string) : undefined);
    if (key === undefined) {
      cells.fail(row, heading, `请填写所属${SECTION_KINDS[kind]}分节的键`);
      return undefined;
    }
    const d = drafts.get(key) ?? (listed ? undefined : add(key, kind, {}, { sheet, row: row.row }));
    if (!d) cells.fail(row, heading, `分节 ${key} 未在「${SHEETS.sections}」表中列出`);
    else if (d.entry.kind !== kind)
      cells.fail(row, heading, `分节 ${key} 是${SECTION_KINDS[d.entry.kind as Kind]}，不是${SECTION_KINDS[kind]}`);
    else return d;
    return undefined;
  };

  const inlineGroups = new Map<string, { total: string; mode: string; parts: string[] }>();
  const itemCells = new CellReader("items", issues);
  for (const row of sheetRows(book, "items")) {
    const d = sectionOf(itemCells, row, "分节", "items", SHEETS.items);
    if (!d) continue;
    const path = `${d.path}.items[${d.lines.length}]`;
    const key = itemCells.text(row, "键");
    at.set(path, { sheet: SHEETS.items, row: row.row, headings: FIELD_HEADINGS.items }, key);
    d.lines.push({
      ...numberFields(itemCells, row),
      label: itemCells.text(row, "项目名称"),
      calc: itemCells.text(row, "计算公式"),
    });
    const total = itemCells.text(row, "所属合计");
    const mode = itemCells.read(row, "其中方式", (c) => wordOf(c, MODE_WORDS)) ?? "exhaustive";
    if (total !== undefined && key !== undefined) {
      const group = `${mode}\u0000${total}`;
      const g = inlineGroups.get(group) ?? { total, mode, parts: [] };
      if (g.parts.length === 0) {
        at.set(`breakdowns[${inlineGroups.size}]`, {
          sheet: SHEETS.items,
          row: row.row,
          headings: FIELD_HEADINGS.inlineBreakdowns,
        });
      }
      inlineGroups.set(group, g);
      g.parts.push(key);
    }
  }

  const gridCells = new CellReader("grids", issues);
  for (const row of sheetRows(book, "grids")) {
    const d = sectionOf(gridCells, row, "表格", "grid", SHEETS.grids);
    const part = gridCells.read(row, "行列", (c) => wordOf(c, GRID_PARTS));
    if (!d) continue;
    if (part === undefined) {
      if (textOf(row.get("行列")) === undefined) gridCells.fail(row, "行列", "请填写“行”或“列”");
      continue;
    }
    const list = part === "column" ? d.gridColumns : d.lines;
    const key = gridCells.text(row, "键");
    const path = `${d.path}.${part === "column" ? "columns" : "rows"}[${list.length}]`;
    at.set(
      path,
      { sheet: SHEETS.grids, row: row.row, headings: FIELD_HEADINGS.grids },
      part === "row" ? key : undefined,
    );
    list.push(
      part === "column"
        ? { key, label: gridCells.text(row, "名称") }
        : { ...numberFields(gridCells, row), label: gridCells.text(row, "名称") },
    );
  }

  const lists = new Map<string, string[]>();
  for (const row of sheetRows(book, "lists")) {
    const name = textOf(row.get("列表"));
    const option = textOf(row.get("选项"));
    if (name !== undefined && option !== undefined) lists.set(name, [...(lists.get(name) ?? []), option]);
  }

  const header: Entry[] = [];
  const columnCells = new CellReader("columns", issues);
  for (const row of sheetRows(book, "columns")) {
    const isHeader = columnCells.text(row, "名册") === HEADER_ROSTER;
    const d = isHeader ? undefined : sectionOf(columnCells, row, "名册", "roster", SHEETS.columns);
    if (!isHeader && !d) continue;
    const list = d ? d.lines : header;
    const path = d ? `${d.path}.columns[${list.length}]` : `header[${list.length}]`;
    const key = columnCells.text(row, "键");
    at.set(path, { sheet: SHEETS.columns, row: row.row, headings: FIELD_HEADINGS.columns });
    list.push(readColumn(columnCells, row, lists));
    if (!d || key === undefined) continue;
    for (const label of uniqueLabels(row.get("唯一"), key)) {
      const set = d.unique.get(label) ?? [];
      if (set.length === 0) {
        at.set(`${d.path}.unique[${d.unique.size}]`, { sheet: SHEETS.columns, row: row.row, column: "唯一" });
      }
      d.unique.set(label, [...set, key]);
    }
  }

  const rosterRules = new Map<string, { path: string; rules: unknown[] }>();
  const sections = order.map((d) => {
    const kind = d.entry.kind as Kind;
    if (kind === "items") return { ...d.entry, items: d.lines };
    if (kind === "grid") return { ...d.entry, columns: d.gridColumns, rows: d.lines };
    rosterRules.set(d.entry.key as string, { path: `${d.path}.rowRules`, rules: d.rowRules });
    return { ...d.entry, columns: d.lines, unique: uniqueSets(d.unique), rowRules: d.rowRules };
  });
  const inline = [...inlineGroups.values()];
  return { sections, header: header, rosterRules, inline };
}

function readSectionEntry(cells: CellReader, row: DefinitionRow, kind: Kind): Entry {
  return {
    title: cells.text(row, "标题"),
    total: kind === "grid" ? cells.text(row, "合计列") : undefined,
    totalMode: kind === "grid" ? cells.read(row, "合计方式", (c) => wordOf(c, MODE_WORDS)) : undefined,
    maxRows: kind === "roster" ? cells.read(row, "最多行数", integerOf) : undefined,
  };
}

function numberFields(cells: CellReader, row: DefinitionRow): Entry {
  return {
    key: cells.text(row, "键"),
    no: cells.text(row, "序号"),
    indent: cells.read(row, "缩进", integerOf),
    unit: cells.text(row, "单位"),
    type: cells.read(row, "类型", (c) => wordOf(c, NUMBER_TYPES)),
    scale: cells.read(row, "小数位", integerOf),
    min: cells.read(row, "最小值", numberOf),
    max: cells.read(row, "最大值", numberOf),
    required: cells.read(row, "必填", yesNoOf) || undefined,
    hint: cells.text(row, "说明"),
  };
}

function readColumn(cells: CellReader, row: DefinitionRow, lists: Map<string, string[]>): Entry {
  const source = cells.text(row, "选项来源");
  let options: string[] | undefined;
  if (source !== undefined) {
    options = lists.get(source);
    if (!options) {
      const inline = listOf(source);
      if (inline.length > 1) options = inline;
      else cells.fail(row, "选项来源", `「${SHEETS.lists}」表中没有名为“${source}”的列表；也可直接写选项，用顿号分隔`);
    }
  }
  return {
    key: cells.text(row, "键"),
    label: cells.text(row, "列名"),
    type: cells.read(row, "类型", (c) => wordOf(c, COLUMN_TYPE_WORDS)),
    required: cells.read(row, "必填", yesNoOf) || undefined,
    options,
    scale: cells.read(row, "小数位", integerOf),
    unit: cells.text(row, "单位"),
    min: cells.read(row, "最小值", numberOf),
    max: cells.read(row, "最大值", numberOf),
    maxLength: cells.read(row, "最长", integerOf),
    sensitive: cells.read(row, "敏感", yesNoOf),
    hint: cells.text(row, "说明"),
  };
}

/**
 * 唯一: set numbers "1,2" shared by the columns of a set (or any name), or 是 for
 * this column alone; 否 or blank for none.
 */
function uniqueLabels(cell: DefinitionCell, key: string): string[] {
  return listOf(cell).flatMap((token) => {
    if (/^\d+$/.test(token)) return [token];
    const yes = yesNoOf(token);
    if (yes.ok) return yes.value ? [`${YES}\u0000${key}`] : [];
    return [token];
  });
}

/** Numbered sets first, by number (as written), then named and 是 sets in row order. */
function uniqueSets(sets: Map<string, string[]>): string[][] {
  const numbered = [...sets].filter(([l]) => /^\d+$/.test(l)).sort(([a], [b]) => Number(a) - Number(b));
  const own = [...sets].filter(([l]) => !/^\d+$/.test(l));
  return [...numbered, ...own].map(([, keys]) => keys);
}

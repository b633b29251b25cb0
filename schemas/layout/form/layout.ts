/**
 * Template → sheet layout (pure, no Office): where every cell key lives, the
 * static text around it, and the rules Excel enforces by itself.
 *
 *   A 序号 | B 项目 (label as printed, 其中 lines indented) | C 数值 | D 单位
 *
 * Grids put their columns in C…, rosters (名册) become an Excel table from
 * column A. Both `FormWorkbook` implementations render the same layout.
 */
import type { Column, GridSection, Item, ListSection, Template } from "../../template";
import { a1, columnLetter, rangeAddress } from "../address";
import {
  alertOf,
  inlineListSource,
  numberFormatOf,
  promptOf,
  ruleOf,
  shortLabel,
  valueTypeOf,
  type FieldSpec,
} from "./cell-rules";
import type {
  HiddenSource,
  ListLayout,
  SheetLayout,
  TextCell,
  TextStyle,
  ValidationBlock,
  ValueCell,
} from "./layout-types";
import { attachEntryChecks, compileSumRules } from "./sum-rules";

export * from "./layout-types";

export interface LayoutOptions {
  /** 填报单位, from the token; written into the locked header cell. */
  unitName?: string;
  sheetName?: string;
  /**
   * Rows prepared for each roster (one number for all, or by section key; 50
   * when not given). Excel cannot grow a table on a protected sheet by itself,
   * so the rows exist up front and the add-in adds more (list-rows.ts).
   */
  listRows?: number | Readonly<Record<string, number>>;
}

/** Prepared roster rows when nothing else is asked for. */
export const DEFAULT_LIST_ROWS = 50;

const WIDTH = { no: 6, label: 46, value: 14, unit: 8 } as const;

/** Excel sheet names: ≤ 31 characters, none of []:*?/\ . */
export function sheetNameOf(template: Template): string {
  const name = [template.attachment, template.title]
    .filter(Boolean)
    .join(" ")
    .replace(/[[\]:*?/\\]/g, "")
    .replace(/^'+|'+$/g, "")
    .trim();
  return Array.from(name).slice(0, 31).join("") || template.id.slice(0, 31);
}

/** Row ids of roster rows are their positions: `r0001` is the first data row. */
export function listRowId(index: number): string {
  return `r${String(index + 1).padStart(4, "0")}`;
}

const UNIT_HEADER = /填报单位/;

function columnField(c: Column, where: string): FieldSpec {
  return {
    label: c.label,
    where,
    kind: c.type,
    scale: c.type === "money" ? (c.scale ?? 2) : 0,
    unit: c.unit ?? (c.type === "money" ? "元" : undefined),
    min: c.min ?? (c.type === "money" ? 0 : undefined),
    max: c.max,
    maxLength: c.maxLength,
    options: c.options,
    hint: c.hint,
  };
}

function numberField(f: Item | GridSection["rows"][number], label: string, where: string): FieldSpec {
  return { label, where, kind: f.type, scale: f.scale, unit: f.unit, min: f.min, max: f.max, hint: f.hint };
}

function listColumnWidth(c: Column): number {
  const byType: Record<Column["type"], number> = {
    text: 14,
    enum: 12,
    date: 12,
    integer: 10,
    money: 12,
    idcard: 22,
    bankcard: 24,
    phone: 16,
  };
  return Math.max(byType[c.type], Array.from(c.label).length * 2 + 2);
}

function columnsNeeded(template: Template): number {
  let n = 4;
  for (const s of template.sections) {
    if (s.kind === "grid") n = Math.max(n, s.columns.length + 3);
    if (s.kind === "list") n = Math.max(n, s.columns.length);
  }
  return n;
}

export function buildLayout(template: Template, options: LayoutOptions = {}): SheetLayout {
  const columns = columnsNeeded(template);
  // The 序号 / 项目 columns are only wide when items or grids print labels in them; a
  // roster-only sheet sizes its columns by their content.
  const labelled = template.sections.some((s) => s.kind !== "list");
  const widths: number[] = labelled
    ? [WIDTH.no, WIDTH.label, ...Array.from({ length: columns - 2 }, () => WIDTH.value)]
    : Array.from({ length: columns }, () => 8);
  const widen = (col: number, w: number) => {
    widths[col - 1] = Math.max(widths[col - 1] ?? 0, w);
  };
  const texts: TextCell[] = [];
  const merges: string[] = [];
  const cells: ValueCell[] = [];
  const lists: ListLayout[] = [];
  const blocks: ValidationBlock[] = [];
  const hiddenSources: HiddenSource[] = [];
  /** Field specs by block range, to rebuild alerts once the sum rules are known. */
  const fieldOfBlock = new Map<ValidationBlock, FieldSpec>();
  const addressOf = new Map<string, string>();
  const specAt = new Map<string, FieldSpec>();

  const text = (row: number, col: number, value: string, style: TextStyle, indent = 0) => {
    texts.push({ address: a1(row, col), text: value, style, indent });
  };
  const fullWidth = (row: number, value: string, style: TextStyle) => {
    text(row, 1, value, style);
    merges.push(`${a1(row, 1)}:${a1(row, columns)}`);
  };
  const listSource = (opts: string[]): string => {
    const inline = inlineListSource(opts);
    if (inline !== undefined) return inline;
    const col = columns + 2 + hiddenSources.length;
    const letter = columnLetter(col);
    const range = `$${letter}$1:$${letter}$${opts.length}`;
    hiddenSources.push({ col, range, values: [...opts] });
    return `=${range}`;
  };
  const block = (range: string, field: FieldSpec): void => {
    const rule = ruleOf(field, listSource);
    if (!rule) return;
    const b: ValidationBlock = { range, rule, sumRuleIds: [], prompt: promptOf(field), alert: alertOf(field) };
    blocks.push(b);
    fieldOfBlock.set(b, field);
  };
  const valueCell = (
    key: string,
    row: number,
    col: number,
    kind: ValueCell["kind"],
    field: FieldSpec,
    locked = false,
    initial: string | null = null,
  ) => {
    const address = a1(row, col);
    cells.push({
      key,
      address,
      kind,
      valueType: valueTypeOf(field),
      numberFormat: numberFormatOf(field),
      where: field.where,
      locked,
      initial,
    });
    addressOf.set(key, address);
    specAt.set(address, field);
    if (!locked) block(address, field);
  };

  let row = 1;
  fullWidth(row++, template.title, "title");
  const period = `填报期间：${template.period}　报送截止：${template.dueDate}`;
  fullWidth(row++, [template.issuer, template.docNo, template.attachment, period].filter(Boolean).join("　"), "subtitle");
  row++;

  // Header fields (填报单位 / 填报人 / 联系电话), one per row as label : value.
  const unitField = template.header.find((c) => c.key === "unit" || UNIT_HEADER.test(c.label));
  if (!unitField) {
    // The unit is not a cell of the report: it comes from the token and keys the report.
    text(row, 2, "填报单位", "fieldLabel");
    text(row++, 3, options.unitName ?? "（登录后自动填写）", "label");
  }
  for (const c of template.header) {
    text(row, 2, c.label, "fieldLabel");
    const isUnit = c === unitField;
    valueCell(`header.${c.key}`, row, 3, "header", columnField(c, `「${c.label}」`), isUnit, isUnit ? (options.unitName ?? null) : null);
    row++;
  }

  for (const section of template.sections) {
    row++;
    if (section.kind === "items") {
      if (section.title) fullWidth(row++, section.title, "sectionTitle");
      ["序号", "项目", "数值", "单位"].forEach((h, i) => text(row, i + 1, h, "columnHeader"));
      row++;
      let number = "";
      let printed = "";
      for (const item of section.items) {
        if (item.no) number = item.no.replace(/[()（）]/g, "");
        const where = number ? `第 ${number} 项「${shortLabel(item.label)}」` : `「${shortLabel(item.label)}」`;
        // Two blanks on one printed line are two items with one number; print it once.
        if (item.no && item.no !== printed) text(row, 1, item.no, "number");
        if (item.no) printed = item.no;
        text(row, 2, item.label, "label", item.indent);
        valueCell(item.key, row, 3, "item", numberField(item, item.label, where));
        text(row, 4, item.unit, "unit");
        row++;
      }
    } else if (section.kind === "grid") {
      if (section.title) fullWidth(row++, section.title, "sectionTitle");
      const unitCol = section.columns.length + 3;
      ["序号", "项目"].forEach((h, i) => text(row, i + 1, h, "columnHeader"));
      section.columns.forEach((c, i) => {
        text(row, i + 3, c.label, "columnHeader");
        widen(i + 3, Math.min(20, Array.from(c.label).length * 2 + 2));
      });
      text(row, unitCol, "单位", "columnHeader");
      widen(unitCol, WIDTH.unit);
      row++;
      for (const r of section.rows) {
        if (r.no) text(row, 1, r.no, "number");
        text(row, 2, r.label, "label", r.indent);
        section.columns.forEach((c, i) => {
          const where = `「${shortLabel(r.label)}」${c.label}`;
          valueCell(`${r.key}.${c.key}`, row, i + 3, "grid", numberField(r, `${r.label}（${c.label}）`, where));
        });
        text(row, unitCol, r.unit, "unit");
        row++;
      }
    } else {
      row = placeList(section, row);
    }
  }

  function placeList(section: ListSection, start: number): number {
    let r = start;
    const title = section.title ?? "名册";
    fullWidth(r++, title, "sectionTitle");
    const headerRow = r++;
    const asked = typeof options.listRows === "number" ? options.listRows : options.listRows?.[section.key];
    const rowCount = Math.max(1, Math.min(section.maxRows, asked ?? DEFAULT_LIST_ROWS));
    const firstRow = headerRow + 1;
    const lastRow = firstRow + rowCount - 1;
    const layout: ListLayout = {
      key: section.key,
      title,
      tableName: `HB_${template.id.replace(/[^A-Za-z0-9]/g, "_")}_${section.key}`,
      headerRow,
      firstRow,
      rowCount,
      maxRows: section.maxRows,
      left: 1,
      right: section.columns.length,
      columns: [],
    };
    section.columns.forEach((c, i) => {
      const col = i + 1;
      const field = columnField(c, `${title}「${c.label}」`);
      text(headerRow, col, c.label, "columnHeader");
      widen(col, listColumnWidth(c));
      layout.columns.push({ key: c.key, label: c.label, col, valueType: valueTypeOf(field), numberFormat: numberFormatOf(field) });
      block(rangeAddress({ top: firstRow, bottom: lastRow, left: col, right: col }), field);
    });
    lists.push(layout);
    return lastRow + 1;
  }

  const sumRules = compileSumRules(template, addressOf, specAt);
  attachEntryChecks(sumRules, blocks, fieldOfBlock, specAt);

  return {
    sheet: options.sheetName ?? sheetNameOf(template),
    templateId: template.id,
    templateVersion: template.version,
    title: template.title,
    rows: row - 1,
    columns,
    columnWidths: widths,
    texts,
    merges,
    cells,
    lists,
    validations: blocks,
    sumRules,
    hiddenSources,
  };
}

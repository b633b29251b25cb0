/**
 * One printed table, from its header row to the row that ends it, as template
 * sections: an item table (序号 | 项目 | 单位 | 数值) as items, one with several
 * value columns as a grid, a 名册 as a roster. Rows that end a table: the header
 * of the next one, a 填报人/联系电话 line, or a note (注：…).
 */
import type { TemplateInput } from "../template";
import type { DraftGuess } from "./draft";
import { foldHeading, readHeader, tableKindOf, type TableKind } from "./table-headings";
import type { KeyPool } from "./table-keys";
import { readLines, type Line } from "./table-lines";
import { gridColumns, gridSections, mixedUnits, sharedUnit, splitSections } from "./table-grid";
import { rosterSection } from "./table-roster";
import type { SheetGrid } from "./table-sheet";
import { buildStructure, type Structure } from "./table-structure";
import { splitUnitSuffix, type UnitNote } from "./table-units";

type SectionInput = TemplateInput["sections"][number];
type BreakdownInput = NonNullable<TemplateInput["breakdowns"]>[number];

export interface TableContext {
  grid: SheetGrid;
  /** Item, grid row and roster keys (one namespace in a template). */
  keys: KeyPool;
  /** Section keys (their own namespace). */
  sectionKey: (base: string) => string;
  /** A 单位：万元 note printed above the table. */
  note: UnitNote;
  guesses: DraftGuess[];
}

export interface ReadTable {
  sections: SectionInput[];
  breakdowns: BreakdownInput[];
  /** The first row after the table. */
  end: number;
}

const FIELD =
  /^(填报单位|填表单位|报送单位|填报人|填表人|联系电话|联系人|填报日期|填表日期|报送日期|审核人|负责人|单位负责人|统计负责人)([(（][^)）]*[)）])?[:：]/;

/** 填报单位：… 填报人：… 联系电话：… (above the table, or under it). */
export function isFieldsRow(texts: string[]): boolean {
  return texts.some((t) => FIELD.test(t.normalize("NFKC").replace(/\s+/g, "")));
}

/** 注：… / 说明：… / 填表说明 under a table. */
export function isNoteRow(texts: string[]): boolean {
  return /^(注|说明|备注|填表说明|填报说明)\s*([:：]|[0-9０-９一]|$)/.test(texts[0]?.trim() ?? "");
}

function tableEnd(grid: SheetGrid, from: number): number {
  for (let r = from; r < grid.rowCount; r++) {
    if (grid.isBlank(r)) continue;
    const texts = grid.pieces(r).map((p) => p.cell.text);
    if (tableKindOf(grid, r) || isFieldsRow(texts) || isNoteRow(texts)) return r;
  }
  return grid.rowCount;
}

export function readTable(ctx: TableContext, top: number, kind: TableKind): ReadTable {
  const { grid } = ctx;
  const header = readHeader(grid, top);
  const end = tableEnd(grid, header.bottom + 1);
  if (kind === "roster") {
    const totalRow = Array.from({ length: end - header.bottom - 1 }, (_, i) => header.bottom + 1 + i).some((r) =>
      grid.pieces(r).some((p) => /^(合计|总计)$/.test(foldHeading(p.cell.text))),
    );
    const key = ctx.keys.take("roster");
    const roster = rosterSection(header.columns, key, totalRow, ctx.keys, ctx.guesses);
    const sections = [roster.section];
    if (roster.summary) sections.push({ ...roster.summary, key: ctx.sectionKey("summary") });
    return { sections, breakdowns: [], end };
  }
  const cols = header.columns;
  const labels = cols.filter((c) => c.role === "label").map((c) => c.col);
  const serial = cols.find((c) => c.role === "serial")?.col;
  const unit = cols.find((c) => c.role === "unit")?.col;
  const data = cols.filter((c) => c.role === "data");
  const width = Math.max(...cols.map((c) => c.col)) + 1;
  const lines = readLines(grid, header.bottom + 1, end, { serial, labels, unit }, width);
  // 数值（万元）: the unit of every line that prints none.
  const valueUnit = cols.filter((c) => c.role === "value").map((c) => splitUnitSuffix(c.label).unit?.unit)[0];
  const note: UnitNote = valueUnit ? { ...ctx.note, all: valueUnit } : ctx.note;
  if (data.length >= 2) {
    const columns = gridColumns(data);
    if (mixedUnits(columns)) {
      return { ...splitSections(structure(ctx, lines, note), columns, ctx.sectionKey, ctx.guesses), end };
    }
    const shared = sharedUnit(columns);
    const gridNote = shared ? { ...note, all: note.all ?? shared } : note;
    return { ...gridSections(structure(ctx, lines, gridNote), columns, ctx.sectionKey, ctx.guesses), end };
  }
  return { ...itemSections(ctx, structure(ctx, lines, note)), end };
}

function structure(ctx: TableContext, lines: Line[], note: UnitNote): Structure {
  return buildStructure(lines, ctx.keys, note, ctx.guesses);
}

export function itemSections(
  ctx: Pick<TableContext, "sectionKey">,
  s: Structure,
): { sections: SectionInput[]; breakdowns: BreakdownInput[] } {
  return {
    sections: s.blocks.map((b) => ({
      kind: "items",
      key: ctx.sectionKey("main"),
      ...(b.title ? { title: b.title } : {}),
      items: b.entries.map((e) => ({ ...e })),
    })),
    breakdowns: s.breakdowns.map((b) => ({ ...b, mode: "exhaustive" as const })),
  };
}

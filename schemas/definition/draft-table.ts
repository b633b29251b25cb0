/**
 * A template drafted from a printed table a clerk typed or pasted into a sheet,
 * the way federation forms are printed: a title above (2022年度黄山工会金秋助学
 * 汇总表), a 填报单位：… 填报人：… 联系电话：… line, then an item table, a grid
 * or a 名册, maybe notes under it. What the print does not say — whether 其中
 * parts add up, a money scale, a column's type, the notice's 文号 — is drafted
 * with the usual answer and listed as a guess for the officer to confirm.
 */
import { STANDARD_HEADER } from "../forms/header";
import type { TemplateInput } from "../template";
import { chinaToday } from "../time";
import type { Draft, DraftGuess, GuessField } from "./draft";
import { tableKindOf } from "./table-headings";
import { KeyPool } from "./table-keys";
import { readLine, type Line } from "./table-lines";
import { readSerial, splitNumber } from "./table-numbering";
import { isFieldsRow, isNoteRow, itemSections, readTable } from "./table-read";
import { SheetGrid, type PrintedSheet } from "./table-sheet";
import { buildStructure } from "./table-structure";
import { readUnit, readUnitNote, splitUnitSuffix, type UnitNote } from "./table-units";

export type { PrintedSheet } from "./table-sheet";

/** What the officer must fill in: nothing in a printed table says it. */
export const TO_FILL = "（请填写）";

/** What a form's name says it is. */
const TITLE_WORDS = /表|名册|清单|统计/;

const ATTACHMENT = /^附\s*件\s*([0-9０-９一二三四五六七八九十]+)\s*[:：]?\s*(.*)$/;

interface FormText {
  title?: string;
  attachment?: string;
  /** Subtitles, notes and other text outside the tables, for the description. */
  notes: string[];
  header: boolean;
}

export function draftFromTable(sheet: PrintedSheet): Draft {
  const grid = new SheetGrid(sheet);
  const guesses: DraftGuess[] = [];
  const keys = new KeyPool();
  const sectionKeys = new KeyPool([]);
  const sectionKey = (base: string) => sectionKeys.take(base);
  const form: FormText = { notes: [], header: false };
  const sections: TemplateInput["sections"] = [];
  const breakdowns: NonNullable<TemplateInput["breakdowns"]> = [];
  /** Numbered lines typed without a table header: an item table, if no table follows. */
  const loose: number[] = [];
  let note: UnitNote = {};
  let inNotes = false;

  for (let r = 0; r < grid.rowCount;) {
    if (grid.isBlank(r)) {
      r++;
      continue;
    }
    const kind = tableKindOf(grid, r);
    if (kind) {
      const table = readTable({ grid, keys, sectionKey, note, guesses }, r, kind);
      sections.push(...table.sections);
      breakdowns.push(...table.breakdowns);
      note = {};
      inNotes = false;
      r = table.end;
      continue;
    }
    readText(grid, r, form, loose, inNotes, (n) => (note = { ...note, ...n }));
    if (isNoteRow(grid.pieces(r).map((p) => p.cell.text))) inNotes = true;
    r++;
  }
  if (sections.length === 0 && loose.length > 0) {
    const lines = loose.map((r) => looseLine(grid, r)).filter((l): l is Line => l !== undefined);
    const drafted = itemSections({ sectionKey }, buildStructure(lines, keys, note, guesses));
    sections.push(...drafted.sections);
    breakdowns.push(...drafted.breakdowns);
  } else {
    for (const r of loose) form.notes.push(rowText(grid, r));
  }
  if (sections.length === 0) {
    sections.push({
      kind: "items",
      key: "main",
      items: [{ key: "item1", label: TO_FILL, unit: "个", type: "integer" }],
    });
    guesses.push({
      key: "item1",
      field: "label",
      message:
        "没有找到表格的表头（序号、项目、单位，或名册的姓名、身份证号等列），请补上表头后重新起草，或在此填写项目",
    });
  }
  return { template: formTemplate(form, sections, breakdowns, guesses), guesses };
}

function rowText(grid: SheetGrid, r: number): string {
  return grid
    .pieces(r)
    .map((p) => p.cell.text)
    .join(" ");
}

/** A text row outside any table: title, 附件, fields line, unit note, notes or a loose numbered line. */
function readText(
  grid: SheetGrid,
  r: number,
  form: FormText,
  loose: number[],
  inNotes: boolean,
  unitNote: (n: UnitNote) => void,
) {
  const texts = grid.pieces(r).map((p) => p.cell.text);
  const notes = texts.map(readUnitNote).filter((n): n is UnitNote => n !== undefined);
  notes.forEach(unitNote);
  if (isFieldsRow(texts)) {
    form.header = true;
    return;
  }
  if (notes.length > 0 && notes.length === texts.length) return;
  if (inNotes || isNoteRow(texts)) {
    form.notes.push(texts.join(" "));
    return;
  }
  const text = texts.join(" ");
  const attachment = ATTACHMENT.exec(text);
  if (attachment) {
    form.attachment = `附件${attachment[1]}`;
    if (attachment[2] && !form.title) form.title = attachment[2].trim();
    return;
  }
  const first = texts[0] ?? "";
  const numbered = splitNumber(first).no !== undefined || (texts.length > 1 && readSerial(first) !== undefined);
  if (form.title && (numbered || splitUnitSuffix(text).unit)) loose.push(r);
  else if (!form.title) form.title = text;
  else if (!TITLE_WORDS.test(form.title) && TITLE_WORDS.test(text)) {
    // 黄山市总工会 above 2022年度黄山工会金秋助学汇总表: the form's name is the title.
    form.notes.push(form.title);
    form.title = text;
  } else form.notes.push(text);
}

/** A line typed without a table: its number, its text, its unit, in whatever cells they landed. */
function looseLine(grid: SheetGrid, r: number): Line | undefined {
  const pieces = grid.pieces(r);
  const first = pieces[0];
  const serial = first && pieces.length > 1 && readSerial(first.cell.text) ? first.col : undefined;
  const last = pieces[pieces.length - 1];
  const unit = last && pieces.length > 1 && readUnit(last.cell.text) ? last.col : undefined;
  const label = pieces.find((p) => p.col !== serial && p.col !== unit);
  if (!label) return undefined;
  return readLine(grid, r, { serial, labels: [label.col], unit });
}

function formTemplate(
  form: FormText,
  sections: TemplateInput["sections"],
  breakdowns: NonNullable<TemplateInput["breakdowns"]>,
  guesses: DraftGuess[],
): TemplateInput {
  const ask = (field: GuessField, message: string) => guesses.push({ key: "", field, message });
  const title = form.title ?? TO_FILL;
  if (!form.title) ask("title", "表格上方没有标题，请填写表名（如“2022年黄山工会金秋助学汇总表”）");
  const year = /((?:19|20)\d{2})\s*年/.exec([title, ...form.notes].join(" "))?.[1];
  const period = year ?? chinaToday().slice(0, 4);
  if (!year) ask("period", `标题中没有年份，填报期间暂定为 ${period}，请确认`);
  const dueDate = `${period}-12-31`;
  ask("id", "模板编号暂填“new-form”，请改为本表的编号（小写字母、数字和连字符，如 hs-2023-roster）");
  ask("issuer", "发文单位无法从表格中得知，请填写（如 黄山市总工会）");
  ask("docNo", "文号无法从表格中得知，请填写（如 黄工办〔2022〕20号）");
  ask("dueDate", `报送截止日期暂定为 ${dueDate}，请改为通知规定的日期`);
  if (!form.header) ask("header", "表格上方没有“填报单位、填报人、联系电话”一行，未设填报人和联系电话，如需要请添加");
  return {
    id: "new-form",
    version: 1,
    title,
    issuer: TO_FILL,
    docNo: TO_FILL,
    ...(form.attachment ? { attachment: form.attachment } : {}),
    period,
    dueDate,
    description: [
      "【说明】本表由印制的表格自动起草：各项的类型、单位、其中关系和校验方式是按表中文字推测的，标出的推测项请逐一核对。",
      ...form.notes,
    ].join("\n"),
    header: form.header ? STANDARD_HEADER : [],
    sections,
    breakdowns,
    rules: [],
  };
}

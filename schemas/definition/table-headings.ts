/**
 * The header row of a printed table, and what each heading says a column
 * holds: 序号, the 项目 text, the 单位, a blank 数值 to fill, or a value column
 * of a grid or roster. A header may take two rows (学段 merged over its
 * columns, 项目 merged down beside it); each column is named by its lowest
 * heading, with the group above when two columns would otherwise share a name.
 */
import type { SheetGrid } from "./table-sheet";

export type HeadingRole = "serial" | "label" | "unit" | "value" | "remark" | "data";

export const foldHeading = (s: string) => s.normalize("NFKC").replace(/\s+/g, "").toLowerCase();

const SERIAL = /^(序号|序|编号|no\.?|#)$/;
/** 项目 / 指标 / 项目名称 …, or a split corner cell (项目＼学段); not a line's text such as 项目数. */
const LABEL = /^(统计)?(项目|指标)(名称|内容)?([\\/／＼|].*)?$|^(内容|名称|类别|分类)$/;
const UNIT = /^(计量)?单位$/;
/** The blank column an items table leaves to fill: 数值, 填报数 … (a unit may follow). */
const VALUE = /^(数值|数量|数据|数额|填报数|填报数值|填报值|本期数|本年数|实际数|完成数|统计数)(\(.*\))?$/;
const REMARK = /^(备注|说明)$/;

export function headingRole(text: string): HeadingRole | undefined {
  const t = foldHeading(text);
  if (t === "") return undefined;
  if (SERIAL.test(t)) return "serial";
  if (UNIT.test(t)) return "unit";
  if (VALUE.test(t)) return "value";
  if (REMARK.test(t)) return "remark";
  if (LABEL.test(t)) return "label";
  return "data";
}

/** Headings that only a 名册 of persons has: its rows are people, not 项目. */
const PERSONAL =
  /姓名|身份证|身份号码|银行卡|卡号|账号|手机|电话|性别|出生|民族|住址|学校|院校|家长|监护人|开户|工作单位|年级/;

export function isPersonalHeading(text: string): boolean {
  return PERSONAL.test(foldHeading(text));
}

export type TableKind = "items" | "roster";

/**
 * Whether `row` heads a table, and of which kind: a 项目/指标 heading makes an
 * item table (one with several value columns is a grid); personal headings
 * (two of them, or one beside a 序号, or a 姓名 column) make a roster.
 */
export function tableKindOf(grid: SheetGrid, row: number): TableKind | undefined {
  const texts = grid.pieces(row).map((p) => p.cell.text);
  if (texts.length < 2) return undefined;
  // A 填报人：… line is not a header, nor a line of data (its 序号 is a number).
  if (texts.some((t) => /[:：]/.test(t) || /^[0-9０-９.．]+$/.test(t))) return undefined;
  const roles = texts.map(headingRole);
  const personal = texts.filter(isPersonalHeading).length;
  if (personal >= 2) return "roster";
  if (roles.includes("label")) return "items";
  if (personal >= 1 && (roles.includes("serial") || texts.some((t) => /姓名/.test(t)))) return "roster";
  return undefined;
}

export interface HeaderColumn {
  col: number;
  /** The name printed for the column (its lowest heading). */
  label: string;
  role: HeadingRole;
  /** The heading merged over it and its neighbours (按就读阶段分, 家长信息), if any. */
  group?: string;
}

export interface TableHeader {
  /** First and last sheet row of the header. */
  top: number;
  bottom: number;
  columns: HeaderColumn[];
}

/** A second header row: a heading above is merged down into it, or spans columns it names one by one. */
function continues(grid: SheetGrid, top: number, row: number): boolean {
  if (row >= grid.rowCount || grid.isBlank(row)) return false;
  const below = grid.pieces(row);
  // A data row starts with a number or carries one: a header row never does.
  if (below.some((p) => /^[0-9０-９.．]+$/.test(p.cell.text))) return false;
  for (let c = 0; c < grid.colCount; c++) {
    const m = grid.cell(top, c).merge;
    if (!m || m.top !== top || grid.cell(top, c).copy) continue;
    if (m.bottom >= row) return true;
    // A group heading over value columns (学段, 家长信息); 项目 merged over two label columns is not one.
    const role = headingRole(grid.cell(top, c).text);
    if (role !== "data" && role !== "value") continue;
    const spanned = below.filter((p) => p.col >= m.left && p.col <= m.right);
    if (m.right > m.left && spanned.length >= 2) return true;
  }
  return false;
}

export function readHeader(grid: SheetGrid, top: number): TableHeader {
  let bottom = top;
  while (bottom - top < 2 && continues(grid, top, bottom + 1)) bottom++;
  const columns: HeaderColumn[] = [];
  for (let c = 0; c < grid.colCount; c++) {
    const stack: string[] = [];
    for (let r = top; r <= bottom; r++) {
      const text = grid.cell(r, c).text;
      if (text !== "" && stack[stack.length - 1] !== text) stack.push(text);
    }
    const label = stack[stack.length - 1];
    if (label === undefined) continue;
    const group = stack.length > 1 ? stack[stack.length - 2] : undefined;
    // The role comes from the top heading too: 项目 merged over two label columns.
    const role = headingRole(stack[0] as string) === "label" ? "label" : (headingRole(label) ?? "data");
    columns.push({ col: c, label, role, ...(group === undefined ? {} : { group }) });
  }
  // Two columns named alike (学生 姓名 and 家长 姓名): say which group each belongs to.
  const counts = new Map<string, number>();
  for (const h of columns) counts.set(h.label, (counts.get(h.label) ?? 0) + 1);
  for (const h of columns) {
    if (h.role === "label" || (counts.get(h.label) ?? 0) < 2 || h.group === undefined) continue;
    h.label = `${h.group.replace(/(信息|情况|基本情况)$/, "")}${h.label}`;
  }
  return { top, bottom, columns };
}

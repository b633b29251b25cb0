import type { TemplateIssue } from "../compile";

/**
 * Where in the definition workbook each part of the template came from, so a
 * publish issue (`rules[2].expr`, char 12) points at the cell an officer edits:
 * 「规则」第 4 行「公式」第 12 个字符：未知字段 funds.totl.
 */
export interface DefinitionIssue {
  sheet: string;
  /** The Excel row (1-based); absent when the issue is about the sheet as a whole. */
  row?: number;
  /** The column's heading (公式, 键 …). */
  column?: string;
  /** In an expression, the 1-based character. */
  char?: number;
  /** zh-CN, with its place: 「规则」第 4 行「公式」第 12 个字符：… */
  message: string;
}

export interface Place {
  sheet: string;
  row?: number;
  /** Template field → heading of the column holding it. */
  headings?: Record<string, string>;
  /** The column when the path names no field (a 唯一 set, a 表单 value). */
  column?: string;
}

export function placeText(p: { sheet: string; row?: number; column?: string; char?: number }): string {
  const row = p.row === undefined ? "" : `第 ${p.row} 行`;
  const column = p.column === undefined ? "" : `「${p.column}」`;
  const char = p.char === undefined ? "" : `第 ${p.char} 个字符`;
  return `「${p.sheet}」${row}${column}${char}`;
}

export function definitionIssue(place: Omit<DefinitionIssue, "message">, reason: string): DefinitionIssue {
  return { ...place, message: `${placeText(place)}：${reason}` };
}

export class Locations {
  private readonly byPath = new Map<string, Place>();
  /** Item, grid row and roster column keys → their row, for a cycle's members. */
  private readonly byKey = new Map<string, Place>();

  constructor(private readonly fallback: string) {}

  set(path: string, place: Place, key?: string): void {
    this.byPath.set(path, place);
    if (key !== undefined && !this.byKey.has(key)) this.byKey.set(key, place);
  }

  /** A template issue as the definition cell it concerns; a cycle points at its first member's row. */
  issue(i: TemplateIssue): DefinitionIssue {
    const members = (i.members ?? []).flatMap((k) => this.byKey.get(k.split(".")[0] as string) ?? []);
    const first = members[0];
    if (first) {
      const rows = [...new Set(members.map((m) => m.row))].join("、");
      return definitionIssue({ sheet: first.sheet, row: first.row }, `${i.message}（涉及第 ${rows} 行）`);
    }
    const { place, rest } = this.find(i.path);
    const field = /^\.?([A-Za-z]+)/.exec(rest)?.[1];
    const column = (field !== undefined ? place.headings?.[field] : undefined) ?? place.column;
    return definitionIssue(
      { sheet: place.sheet, row: place.row, column, char: i.char },
      i.char !== undefined && i.reason ? i.reason : i.message,
    );
  }

  private find(path: string): { place: Place; rest: string } {
    for (let end = path.length; end > 0; end--) {
      if (end < path.length && !/[.[]/.test(path[end] as string)) continue;
      const place = this.byPath.get(path.slice(0, end));
      if (place) return { place, rest: path.slice(end) };
    }
    return { place: { sheet: this.fallback }, rest: path };
  }
}

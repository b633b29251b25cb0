import { compileTemplate, type CellInfo, type ColumnInfo, type CompiledTemplate, type RosterInfo } from "./compile";
import { parseInput } from "./input";
import type { Template } from "./template";

const ROW_ID = /^[A-Za-z0-9_-]{1,32}$/;

export type CellLocation =
  { kind: "cell"; cell: CellInfo } | { kind: "row"; roster: RosterInfo; rowId: string; column: ColumnInfo };

/** Finds what a cell key addresses: a template cell or a roster cell `roster.rowId.col`. */
export function locateCell(compiled: CompiledTemplate, key: string): CellLocation | undefined {
  const cell = compiled.cellByKey.get(key);
  if (cell) return { kind: "cell", cell };
  const first = key.indexOf(".");
  const last = key.lastIndexOf(".");
  if (first < 0 || first === last) return undefined;
  const roster = compiled.rosterByKey.get(key.slice(0, first));
  const rowId = key.slice(first + 1, last);
  const column = roster?.columnByKey.get(key.slice(last + 1));
  if (!roster || !column || !ROW_ID.test(rowId)) return undefined;
  return { kind: "row", roster, rowId, column };
}

/** How a message names a cell. Roster rows are not numbered: numbers shift as rows are added. */
export function describeCell(at: CellLocation): string {
  return at.kind === "cell" ? at.cell.where : at.column.where;
}

const compiledCache = new WeakMap<Template, CompiledTemplate>();

/**
 * The compiled form of a published template, cached per template object.
 * Throws only for a template that never passed `checkTemplate` — a programming error.
 */
export function compiledOf(template: Template): CompiledTemplate {
  let compiled = compiledCache.get(template);
  if (!compiled) {
    const result = compileTemplate(template);
    if (!result.ok) {
      throw new Error(`模板 ${template.id} v${template.version} 未通过检查：${result.issues[0]?.message}`);
    }
    compiled = result.compiled;
    compiledCache.set(template, compiled);
  }
  return compiled;
}

export type CellInputResult =
  | { ok: true; value: string | null }
  | { ok: false; code: "unknown_cell" | "invalid_value" | "computed_cell"; message: string };

/** Checks one incoming cell value (a PATCH, a paste) and returns its canonical text. */
export function parseCellInput(template: Template, key: string, raw: unknown): CellInputResult {
  const at = locateCell(compiledOf(template), key);
  if (!at) return { ok: false, code: "unknown_cell", message: `表中没有单元格 ${key}` };
  // Nobody types a computed item: the engine derives it from the other values.
  if (at.kind === "cell" && at.cell.computed) {
    return { ok: false, code: "computed_cell", message: `${at.cell.where}由系统根据表中数据自动计算，不能填写` };
  }
  const spec = at.kind === "cell" ? at.cell.spec : at.column.spec;
  const result = parseInput(spec, raw, describeCell(at));
  return result.ok ? result : { ok: false, code: "invalid_value", message: result.message };
}

/**
 * Computed items (`calc` on an item): compiled once, in the order they can be
 * computed (an item that reads another computed item comes after it), and
 * evaluated into the canonical text a typed value would have.
 */
import type { CellInfo, TemplateIssue } from "./compile";
import { findCycle } from "./cycle";
import * as D from "./decimal";
import { compileExpression, type CompiledExpr, type Frame, type Scope } from "./expr/compile";
import { INVALID, type Value } from "./expr/value";

export interface CalcItem {
  cell: CellInfo;
  expr: CompiledExpr;
  /** Digits after the point of the item: the computed value is rounded to them, half away from zero. */
  scale: number;
  /** The expression as written, for the layout's Excel formula. */
  source: string;
}

/** A computed item as the template compiler found it. */
export interface CalcSource {
  cell: CellInfo;
  calc: string;
  scale: number;
  /** Where the expression is: `sections[1].items[0].calc`. */
  path: string;
  /** Where the items are, for a cycle: `sections[1].items`. */
  sectionPath: string;
}

/** Compiles every computed item; answers them in an order they can be computed in (none on an issue). */
export function compileCalcs(sources: readonly CalcSource[], scope: Scope, issues: TemplateIssue[]): CalcItem[] {
  const compiled: CalcItem[] = [];
  for (const s of sources) {
    const result = compileExpression(s.calc, scope, "number");
    if (!result.ok) {
      issues.push({
        path: s.path,
        message: `计算项${s.cell.where}第 ${result.error.pos} 个字符：${result.error.message}`,
        char: result.error.pos,
        reason: result.error.message,
      });
      continue;
    }
    compiled.push({ cell: s.cell, expr: result.compiled, scale: s.scale, source: s.calc });
  }
  if (compiled.length !== sources.length) return [];

  const byIndex = new Map(compiled.map((c) => [c.cell.index, c]));
  const reads = (c: CalcItem) => c.expr.cells.flatMap((i) => byIndex.get(i) ?? []);
  const cycle = findCycle(new Map(compiled.map((c) => [c.cell.key, reads(c).map((r) => r.cell.key)])));
  if (cycle) {
    const first = sources.find((s) => s.cell.key === cycle[0]);
    issues.push({
      path: first?.sectionPath ?? "sections",
      message: `计算项形成循环：${cycle.join(" → ")}`,
      members: cycle,
    });
    return [];
  }
  const ordered: CalcItem[] = [];
  const placed = new Set<CalcItem>();
  const place = (c: CalcItem) => {
    if (placed.has(c)) return;
    placed.add(c);
    reads(c).forEach(place);
    ordered.push(c);
  };
  compiled.forEach(place);
  return ordered;
}

/** The value of a computed item: rounded to its scale; blank while something it reads is unreadable. */
export function computeCalc(calc: CalcItem, frame: Frame): { value: Value; text: string | null } {
  const saved = frame.row;
  frame.row = null;
  let v: Value;
  try {
    v = calc.expr.run(frame);
  } catch {
    v = INVALID;
  } finally {
    frame.row = saved;
  }
  if (v === null) return { value: null, text: null };
  if (!D.isDecimal(v)) return { value: INVALID, text: null };
  const rounded = D.round(v, calc.scale);
  return { value: rounded, text: D.toText(rounded) };
}

/**
 * Recomputes the computed items that read a changed cell or roster (`all`:
 * every one), in order, so an item that reads another sees its new value.
 * Writes their values into `frame` and `text`; answers those that changed.
 */
export function recomputeCalcs(
  calcs: readonly CalcItem[],
  frame: Frame,
  text: (string | null)[],
  changedCells: Iterable<number>,
  changedRosters: ReadonlySet<number>,
  all: boolean,
): CalcItem[] {
  const changed: CalcItem[] = [];
  if (calcs.length === 0) return changed;
  const dirty = new Set(changedCells);
  for (const calc of calcs) {
    const i = calc.cell.index;
    if (!all && !calc.expr.cells.some((c) => dirty.has(c)) && !calc.expr.rosters.some((l) => changedRosters.has(l))) {
      continue;
    }
    const now = computeCalc(calc, frame);
    const was = frame.cells[i] ?? null;
    if (now.text === text[i] && (now.value === INVALID) === (was === INVALID)) continue;
    frame.cells[i] = now.value;
    text[i] = now.text;
    dirty.add(i);
    changed.push(calc);
  }
  return changed;
}

/**
 * Rosters (名册) that grow: the layout of a sheet after a roster gets more
 * prepared rows. Pure, shared by both `FormWorkbook` implementations.
 *
 * The new rows go right below the roster's table (Excel inserts cells there),
 * so everything under a roster moves down by the rows it gained, and every
 * reference in a formula follows the cell it points at, as Excel adjusts them.
 * The roster's own column validations stretch to its new last row. The result
 * equals `buildLayout()` run with the new row counts (the tests hold it to that),
 * so a layout can be grown without the template.
 */
import { a1, columnNumber, parseCell, parseRange, rangeAddress } from "../address";
import type { CellRule, RosterLayout, SheetLayout } from "./layout-types";

/** Where a cell of the old layout is in the new one: rows below a roster move by what it gained. */
export type RowMove = (row: number, col: number) => number;

/** What one roster gained, in the coordinates of the layout before. */
export interface RosterGrowth {
  roster: RosterLayout;
  added: number;
}

export function lastRow(roster: RosterLayout): number {
  return roster.firstRow + roster.rowCount - 1;
}

function clampRows(roster: RosterLayout, rows: number): number {
  return Math.max(1, Math.min(roster.maxRows, Math.floor(rows)));
}

/**
 * Hidden option columns (right of the form) are not moved: the insert spans
 * the form's columns only, so their list sources keep pointing at row 1….
 */
export function rowMove(before: SheetLayout, after: SheetLayout): RowMove {
  const shifts = before.rosters
    .map((l, i) => ({ end: lastRow(l), by: (after.rosters[i]?.rowCount ?? l.rowCount) - l.rowCount }))
    .filter((s) => s.by !== 0);
  return (row, col) => (col > before.columns ? row : shifts.reduce((r, s) => (row > s.end ? r + s.by : r), row));
}

/** A1 references outside string literals: `C5`, `$C$5`; not function names like `LOG10(`. */
const REF = /(?<![A-Za-z0-9_$])(\$?)([A-Z]{1,3})(\$?)(\d{1,7})(?![A-Za-z0-9_(])/g;

export function moveFormula(formula: string, move: RowMove): string {
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(REF, (_m, colAbs: string, col: string, rowAbs: string, row: string) => {
            return `${colAbs}${col}${rowAbs}${move(Number(row), columnNumber(col))}`;
          }),
    )
    .join("");
}

function moveCell(address: string, move: RowMove): string {
  const p = parseCell(address);
  return a1(move(p.row, p.col), p.col);
}

function moveRange(address: string, move: RowMove): string {
  const r = parseRange(address);
  return rangeAddress({ top: move(r.top, r.left), left: r.left, bottom: move(r.bottom, r.right), right: r.right });
}

function moveRule(rule: CellRule, move: RowMove): CellRule {
  return rule.type === "list" && rule.source.startsWith("=")
    ? { ...rule, source: moveFormula(rule.source, move) }
    : rule;
}

/**
 * The layout with rosters resized: `rows` maps a roster key to the rows it
 * should hold (1 … its maxRows). Returns `layout` itself when nothing changes.
 */
export function withRosterRows(layout: SheetLayout, rows: Readonly<Record<string, number>>): SheetLayout {
  const sized = layout.rosters.map((l) => {
    const wanted = rows[l.key];
    return wanted === undefined ? l : { ...l, rowCount: clampRows(l, wanted) };
  });
  if (sized.every((l, i) => l.rowCount === layout.rosters[i]?.rowCount)) return layout;
  const move = rowMove(layout, { ...layout, rosters: sized });

  // A roster column's validation stretches from its (moved) first row to its new last row.
  const stretched = new Map<string, string>();
  const rosters = layout.rosters.map((l, i) => {
    const rowCount = sized[i]?.rowCount ?? l.rowCount;
    const firstRow = move(l.firstRow, l.left);
    for (const c of l.columns) {
      const old = rangeAddress({ top: l.firstRow, bottom: lastRow(l), left: c.col, right: c.col });
      stretched.set(old, rangeAddress({ top: firstRow, bottom: firstRow + rowCount - 1, left: c.col, right: c.col }));
    }
    return { ...l, headerRow: move(l.headerRow, l.left), firstRow, rowCount };
  });
  const formula = (f: string) => moveFormula(f, move);
  const added = rosters.reduce((n, l, i) => n + l.rowCount - (layout.rosters[i]?.rowCount ?? l.rowCount), 0);

  return {
    ...layout,
    rows: layout.rows + added,
    texts: layout.texts.map((t) => ({ ...t, address: moveCell(t.address, move) })),
    merges: layout.merges.map((m) => moveRange(m, move)),
    cells: layout.cells.map((c) => ({ ...c, address: moveCell(c.address, move) })),
    rosters,
    validations: layout.validations.map((v) => ({
      ...v,
      range: stretched.get(v.range) ?? moveRange(v.range, move),
      rule: moveRule(v.rule, move),
      ...(v.formula === undefined ? {} : { formula: formula(v.formula) }),
    })),
    sumRules: layout.sumRules.map((r) => ({
      ...r,
      total: moveCell(r.total, move),
      parts: r.parts.map((p) => moveCell(p, move)),
      brokenFormula: formula(r.brokenFormula),
      withinFormula: formula(r.withinFormula),
    })),
  };
}

/** The rosters that gained rows from `before` to `after` (same template, grown with `withRosterRows`). */
export function growthOf(before: SheetLayout, after: SheetLayout): RosterGrowth[] {
  return before.rosters.flatMap((roster, i) => {
    const added = (after.rosters[i]?.rowCount ?? roster.rowCount) - roster.rowCount;
    return added > 0 ? [{ roster, added }] : [];
  });
}

/** Row counts that never shrink what `layout` already has (a sheet keeps the rows it has). */
export function atLeast(layout: SheetLayout, rows: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of layout.rosters) {
    const wanted = rows[l.key];
    if (wanted !== undefined && wanted > l.rowCount) out[l.key] = wanted;
  }
  return out;
}

/** The row counts of the rosters of a layout, by key. */
export function rosterRowCounts(layout: SheetLayout): Record<string, number> {
  return Object.fromEntries(layout.rosters.map((l) => [l.key, l.rowCount]));
}

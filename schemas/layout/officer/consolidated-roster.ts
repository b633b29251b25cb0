/**
 * The rosters (名册) on the consolidated sheet: every row the included reports
 * hold, one after another in unit (tree) then row order, each with the unit
 * that reported it in a 填报单位 column right of the roster's own columns.
 * The table has as many rows as were submitted (one blank row when none), so
 * rows coming or going change the sheet's shape: it is drawn again then, and a
 * refresh only rewrites rows whose values changed.
 */
import type { Template } from "../../template";
import { a1, rangeAddress } from "../address";
import { rosterRowId } from "../form/roster";
import type { RosterColumnLayout, RosterLayout, SheetLayout } from "../form/layout-types";
import type { GridCell, WriteBlock } from "../write-block";
import { excelValue } from "./excel-value";
import type { OfficerRoster, OfficerRosterRow } from "./view";

/** The key of the 填报单位 column: never a template column key (those are `[a-z][a-z0-9_]*`). */
export const UNIT_COLUMN = "@unit";
export const UNIT_COLUMN_LABEL = "填报单位";
/** Wide enough for 屯溪区总工会 or 上海市教育工会 without wrapping. */
const UNIT_COLUMN_WIDTH = 24;

/** Rows each roster needs on the sheet: one per submitted row, at least one. */
export function rosterRowsNeeded(rosters: readonly OfficerRoster[]): Record<string, number> {
  return Object.fromEntries(rosters.map((r) => [r.key, Math.max(1, r.rows.length)]));
}

/**
 * The template with room for every row of the consolidation: a roster's
 * `maxRows` caps one unit's report, not the sum of all of them.
 */
export function withRoomFor(template: Template, rows: Readonly<Record<string, number>>): Template {
  return {
    ...template,
    sections: template.sections.map((s) =>
      s.kind === "roster" ? { ...s, maxRows: Math.max(s.maxRows, rows[s.key] ?? 1) } : s,
    ),
  };
}

/** Adds the 填报单位 column (header, width, text format) right of every roster of the layout. */
export function withUnitColumn(layout: SheetLayout): SheetLayout {
  if (layout.rosters.length === 0) return layout;
  const widths = [...layout.columnWidths];
  const texts = [...layout.texts];
  let columns = layout.columns;
  const rosters = layout.rosters.map((r) => {
    const col = r.right + 1;
    const unit: RosterColumnLayout = {
      key: UNIT_COLUMN,
      label: UNIT_COLUMN_LABEL,
      col,
      valueType: "text",
      numberFormat: "@",
    };
    texts.push({ address: a1(r.headerRow, col), text: unit.label, style: "columnHeader", indent: 0 });
    widths[col - 1] = Math.max(widths[col - 1] ?? 0, UNIT_COLUMN_WIDTH);
    columns = Math.max(columns, col);
    return { ...r, right: col, columns: [...r.columns, unit] };
  });
  for (let i = 0; i < columns; i++) widths[i] ??= 8.43;
  return { ...layout, columns, columnWidths: widths, texts, rosters };
}

/** A roster's rows as written, columns in layout order (填报单位 last); "" for blanks. */
export function rosterGrid(roster: RosterLayout, rows: readonly OfficerRosterRow[]): GridCell[][] {
  return rows.map((row) =>
    roster.columns.map((c) => (c.key === UNIT_COLUMN ? row.unitName : cellValue(row.values[c.key], c))),
  );
}

/** A text cell ("@") keeps what it receives as text; elsewhere text must not turn into a formula. */
function cellValue(text: string | undefined, c: RosterColumnLayout): string | number {
  if (c.numberFormat === "@") return text ?? "";
  return excelValue(text, c.valueType);
}

/** Where a roster's written rows start: its first typed column (the 序号 column left of it is the table's own formula). */
export function rowsLeft(r: RosterLayout): number {
  return r.columns[0]?.col ?? r.left;
}

/** The rows of every roster as one block each, top-left at the roster's first data row. */
export function rosterBlocks(layout: SheetLayout, rosters: readonly OfficerRoster[]): WriteBlock[] {
  const out: WriteBlock[] = [];
  for (const r of layout.rosters) {
    const rows = rosters.find((x) => x.key === r.key)?.rows ?? [];
    if (rows.length === 0) continue;
    const pos = { top: r.firstRow, bottom: r.firstRow + rows.length - 1, left: rowsLeft(r), right: r.right };
    out.push({
      ...pos,
      address: rangeAddress(pos),
      values: rosterGrid(r, rows).map((line) => line.map((v) => v ?? "")),
    });
  }
  return out;
}

/**
 * The rows as cell values keyed by their place on the sheet (`roster.r0001.name`,
 * `roster.r0001.@unit`): what a drawing of the form's layout from values (the
 * Worker's export) places in the table.
 */
export function rosterValues(layout: SheetLayout, rosters: readonly OfficerRoster[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of layout.rosters) {
    const rows = rosters.find((x) => x.key === r.key)?.rows ?? [];
    rows.forEach((row, i) => {
      for (const c of r.columns) {
        const v = c.key === UNIT_COLUMN ? row.unitName : row.values[c.key];
        if (v !== undefined && v !== "") out[`${r.key}.${rosterRowId(i)}.${c.key}`] = v;
      }
    });
  }
  return out;
}

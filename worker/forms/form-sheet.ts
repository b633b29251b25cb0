import { compactAddresses, parseCell, rangeAddress } from "../../schemas/layout/address";
import type { SheetLayout, ValueCell, ValueType } from "../../schemas/layout/form/layout-types";
import { lastRow } from "../../schemas/layout/form/roster-rows";
import { expandRows, type CheckCell, type RuleChecks } from "../../schemas/layout/form/rule-checks";
import { SERIAL_HEADER } from "../../schemas/layout/form/serial";
import { dateToSerial } from "../../schemas/time";
import { CANONICAL_NUMBER, SheetGrid, type CellStyle, type Sheet, type SheetCell } from "../xlsx/sheet";
import { dataValidation, withoutEquals } from "./form-validations";
import { r1c1ToA1 } from "./r1c1";
import { rosterCellOf } from "./roster-cell";

/**
 * The form sheet of form.xlsx: the one shared layout (schemas/layout/form
 * `buildLayout`) drawn as the add-in draws it (addin/excel/office-draw.ts), for
 * a spreadsheet without the add-in —
 * - the printed texts in their looks, merges and widths;
 * - every input cell unlocked, in the input colour, with its number format even
 *   when blank ("@" keeps a typed 身份证号 text), holding the report's value;
 * - locked cells bold (填报单位), computed items grey: a formula where the layout
 *   has one (over the roster's table), else the stored value;
 * - each roster an Excel table over its prepared rows, its 序号 a formula per row;
 * - dropdown options too long for an inline list in hidden columns;
 * - the data validations, the 其中 sum rules and the compiled rule checks as
 *   conditional formats (red errors, amber warnings), the checks' own cells;
 * - the sheet protected without a password.
 */
export function formSheet(layout: SheetLayout, values: Readonly<Record<string, string>>, checks: RuleChecks): Sheet {
  const grid = new SheetGrid(layout.sheet);
  grid.widths = layout.columnWidths.slice(0, layout.columns);
  grid.merges.push(...layout.merges);
  for (const t of layout.texts) grid.put(t.address, { text: t.text, look: t.style, indent: t.indent });
  for (const c of layout.cells) grid.put(c.address, fixedCell(c, values[c.key] ?? c.initial));

  for (const roster of layout.rosters) {
    const last = lastRow(roster);
    const style: CellStyle = roster.readOnly ? {} : { input: true };
    for (let row = roster.firstRow; row <= last; row++) {
      const serial = r1c1ToA1(roster.serial.formulaR1C1, row, roster.serial.col);
      grid.set(row, roster.serial.col, { formula: serial, format: roster.serial.numberFormat });
      for (const c of roster.columns) grid.set(row, c.col, { blank: true, format: c.numberFormat, ...style });
    }
  }
  // Roster values by position: a row id is its row (r0001 the first data row, as the add-in places them).
  const rosters = new Map(
    layout.rosters.map((r) => [r.key, { roster: r, columns: new Map(r.columns.map((c) => [c.key, c])) }]),
  );
  for (const [key, value] of Object.entries(values)) {
    const at = value === "" ? undefined : rosterCellOf(key);
    const found = at && rosters.get(at.roster);
    const column = at && found?.columns.get(at.column);
    if (!at || !found || !column || at.index >= found.roster.rowCount) continue;
    const style: CellStyle = found.roster.readOnly ? {} : { input: true };
    grid.set(
      found.roster.firstRow + at.index,
      column.col,
      valueCell(value, column.valueType, column.numberFormat, style),
    );
  }

  for (const h of layout.hiddenSources) h.values.forEach((v, i) => grid.set(i + 1, h.col, { text: v, format: "@" }));
  for (const c of checks.formCells) {
    putCheck(grid, c);
    // A verdict column beside the form: wide enough to read a message (a formula's text has no width to measure).
    const col = parseCell(c.address.split(":")[0] as string).col;
    if (col > layout.columns && grid.widths) grid.widths[col - 1] ??= CHECK_COLUMN_WIDTH;
  }

  const sheet = grid.toSheet();
  sheet.protect = true;
  sheet.hiddenColumns = layout.hiddenSources.map((h) => h.col);
  sheet.tables = layout.rosters.map((r) => ({
    name: r.tableName,
    ref: rangeAddress({ top: r.headerRow, left: r.left, bottom: lastRow(r), right: r.right }),
    columns: [SERIAL_HEADER, ...r.columns.map((c) => c.label)],
  }));
  sheet.validations = layout.validations.map(dataValidation);
  // A sum rule the checks compiled is drawn by them (exact decimals, undecided inputs left alone); the
  // layout's own formula only marks the others, as the add-in does.
  const compiled = new Set(checks.rules.filter((r) => r.compiled).map((r) => r.id));
  sheet.formats = [
    ...layout.sumRules
      .filter((r) => !compiled.has(r.id))
      .map((r) => ({
        sqref: compactAddresses([r.total, ...r.parts], false).join(" "),
        formula: withoutEquals(r.brokenFormula),
        severity: "error" as const,
      })),
    // A range of several areas is written as sqref lists them, separated by spaces.
    ...checks.formats.map((f) => ({
      sqref: f.range.split(",").join(" "),
      formula: withoutEquals(f.formula),
      severity: f.severity,
    })),
  ];
  return sheet;
}

/**
 * A cell of the rule checks: a text, a formula, or — for a range (roster rows,
 * RuleCheckOptions.sharedRows) — a formula shared down the range.
 */
export function putCheck(grid: SheetGrid, c: CheckCell): void {
  if (c.formula !== undefined && c.address.includes(":")) grid.share(c.address, c.formula, { look: c.style });
  else if (c.formula !== undefined) grid.put(c.address, { formula: c.formula, look: c.style });
  else for (const one of expandRows(c)) grid.put(one.address, { text: one.text ?? "", look: one.style });
}

/** Characters of a column the rule checks add beside the form. */
const CHECK_COLUMN_WIDTH = 40;

/** A template cell: a formula, the stored value of a computed item, a locked value, or an input cell. */
function fixedCell(c: ValueCell, value: string | null): SheetCell {
  if (c.formula) return { formula: withoutEquals(c.formula.excel), format: c.numberFormat, look: "computed" };
  const style: CellStyle = c.computed ? { look: "computed" } : c.locked ? { look: "bold" } : { input: true };
  if (value === null || value === "") return c.locked ? null : { blank: true, format: c.numberFormat, ...style };
  return valueCell(value, c.valueType, c.numberFormat, style);
}

/**
 * A value as Excel holds it once typed: numbers as numbers, a date as its
 * serial in the date format (as Excel turns a typed 2022-09-01 into one),
 * anything else as text.
 */
export function valueCell(value: string, type: ValueType, format: string, style: CellStyle): SheetCell {
  if ((type === "integer" || type === "decimal") && CANONICAL_NUMBER.test(value))
    return { number: value, format, ...style };
  if (type === "date") {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    const serial = m ? dateToSerial(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
    if (serial !== undefined) return { number: String(serial), format, ...style };
  }
  return { text: value, format, ...style };
}

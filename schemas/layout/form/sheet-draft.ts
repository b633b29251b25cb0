/**
 * The sheet a form is being laid out on: the static texts, merged title rows,
 * column widths and value cells placed so far, and where each cell key went.
 * The section builders (header.ts, items.ts, grid.ts, roster.ts) write into one
 * draft, top to bottom; `buildLayout` turns it into a `SheetLayout`.
 */
import { a1 } from "../address";
import { numberFormatOf, valueTypeOf, type FieldSpec } from "./cell-rules";
import type { TextCell, TextStyle, ValueCell } from "./layout-types";
import { ValidationBlocks } from "./validation-blocks";

/** Column widths in characters of a form that prints labels: 序号, 项目, values, 单位. */
export const WIDTH = { no: 6, label: 46, value: 14, unit: 8 } as const;

export class SheetDraft {
  readonly widths: number[];
  readonly texts: TextCell[] = [];
  readonly merges: string[] = [];
  readonly cells: ValueCell[] = [];
  readonly validations: ValidationBlocks;
  /** Cell key → address, and the field typed at an address: what the sum rules are compiled from. */
  readonly addressOf = new Map<string, string>();
  readonly specAt = new Map<string, FieldSpec>();

  /**
   * `labelled`: items or grids print labels in 序号 / 项目, so those columns are
   * wide; a roster-only sheet sizes its columns by their content.
   */
  constructor(
    readonly columns: number,
    labelled: boolean,
  ) {
    this.widths = labelled
      ? [WIDTH.no, WIDTH.label, ...Array.from({ length: columns - 2 }, () => WIDTH.value)]
      : Array.from({ length: columns }, () => 8);
    this.validations = new ValidationBlocks(columns);
  }

  widen(col: number, w: number): void {
    this.widths[col - 1] = Math.max(this.widths[col - 1] ?? 0, w);
  }

  text(row: number, col: number, value: string, style: TextStyle, indent = 0): void {
    this.texts.push({ address: a1(row, col), text: value, style, indent });
  }

  /** A title line merged across the form's columns. */
  fullWidth(row: number, value: string, style: TextStyle): void {
    this.text(row, 1, value, style);
    this.merges.push(`${a1(row, 1)}:${a1(row, this.columns)}`);
  }

  /** A cell that holds a value of the report; unless locked, typing in it is validated. */
  valueCell(
    key: string,
    row: number,
    col: number,
    kind: ValueCell["kind"],
    field: FieldSpec,
    locked = false,
    initial: string | null = null,
  ): void {
    const address = a1(row, col);
    this.cells.push({
      key,
      address,
      kind,
      valueType: valueTypeOf(field),
      numberFormat: numberFormatOf(field),
      where: field.where,
      locked,
      initial,
    });
    this.addressOf.set(key, address);
    this.specAt.set(address, field);
    if (!locked) this.validations.add(address, field);
  }

  /** A computed item's cell: locked, nothing typed into it; its formula is set once the rosters are placed. */
  computedCell(key: string, row: number, col: number, field: FieldSpec): void {
    this.valueCell(key, row, col, "item", field, true);
    (this.cells[this.cells.length - 1] as ValueCell).computed = true;
  }
}

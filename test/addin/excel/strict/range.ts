/**
 * `Excel.Range` (and the multi-area `RangeAreas` of `getRanges`): values,
 * number formats and formulas, merging, inserting, selecting, hiding columns,
 * and the roads to its format, data validation and conditional formats.
 * Every write is a queued command that checks, at sync, what Excel checks:
 * array shape, protection, the table and merge rules.
 */
import { ClientObject } from "./client-object";
import { hostHas, libraryHas } from "./profiles";

import type { FakeContext } from "./context";
import { officeError } from "./errors";
import { guard } from "./protection";
import { rangeAddress } from "../../../../schemas/layout/address";
import { columnOf, type RangeTarget } from "./range-target";
import { PROPERTY_PATH_BYTES, READ_CELL_LIMIT } from "./payload";
import { putValue, readValue } from "./cell-values";
import { addressOf, changedEvent, selectionEvent } from "./events";
import { cellAt, cellCount, cellFor, cellsOf, storedCellsIn, BIG_BOX, type Box } from "./state";

export { boxesOf, type RangeTarget } from "./range-target";
import { RangeFormat } from "./range-format";
import { ConditionalFormatCollection, DataValidation } from "./range-rules";
import { insertCells, mergeCells } from "./range-structure";

/** Past this many merged areas `getMergedAreasOrNullObject` fails (Excel JavaScript API reference). */
export const MERGED_AREAS_LIMIT = 512;

function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export class Range extends ClientObject<RangeTarget> {
  constructor(context: FakeContext, parent: ClientObject, pathBytes: number, locate: () => RangeTarget | null) {
    super(context, parent, pathBytes, locate, "Range");
    if (libraryHas(context.core.profile, "mergedAreas")) {
      Object.defineProperty(this, "getMergedAreasOrNullObject", { value: () => this.mergedAreas(), enumerable: false });
    }
  }

  /**
   * `getMergedAreasOrNullObject` (ExcelApi 1.13): the merged areas whose
   * top-left cell lies in this range (office-js #3611, by design), a null
   * object when none. "If the merged areas count in this range is more than
   * 512, then this method will fail to return the result" (API reference).
   */
  private mergedAreas(): Range {
    return new Range(this.context, this, PROPERTY_PATH_BYTES, () => {
      const api = "Range.getMergedAreasOrNullObject";
      if (!hostHas(this.context.core.profile, "mergedAreas")) {
        throw officeError("ApiNotFound", `${api} needs ExcelApi 1.13.`, api);
      }
      const t = this.resolve();
      const box = t.boxes[0] as Box;
      const inside = t.sheet.merges.filter(
        (m) => m.top >= box.top && m.left >= box.left && m.top <= box.bottom && m.left <= box.right,
      );
      if (inside.length > MERGED_AREAS_LIMIT) {
        throw officeError("GeneralException", `More than ${MERGED_AREAS_LIMIT} merged areas.`, api);
      }
      return inside.length === 0 ? null : { sheet: t.sheet, boxes: inside };
    }).instantiate("Range.getMergedAreasOrNullObject", true);
  }

  snapshot(props: readonly string[]): Record<string, unknown> {
    const t = this.resolve();
    const box = t.boxes[0] as Box;
    const out: Record<string, unknown> = {};
    for (const p of props) {
      if (p === "values" || p === "numberFormat" || p === "formulas" || p === "text") {
        if (t.boxes.length > 1) throw officeError("InvalidOperation", `RangeAreas has no ${p}.`, `Range.${p}`);
        if (cellCount(box) > READ_CELL_LIMIT) {
          throw officeError("RangeExceedsLimit", "The cell count in the range has exceeded the maximum.", `Range.${p}`);
        }
        out[p] = grid(box, (row, col) => {
          const c = cellAt(t.sheet, row, col);
          if (p === "numberFormat") return c.numberFormat;
          if (p === "formulas") return c.formula ?? readValue(c);
          return p === "text" ? String(readValue(c)) : readValue(c);
        });
      } else if (p === "address") out.address = `${quoteSheet(t.sheet.name)}!${addressOf(t.boxes)}`;
      else if (p === "rowCount") out.rowCount = box.bottom - box.top + 1;
      else if (p === "columnCount") out.columnCount = box.right - box.left + 1;
      else if (p === "columnHidden") out.columnHidden = !!t.sheet.columns.get(box.left)?.hidden;
      else throw officeError("InvalidArgument", `The fake cannot load Range.${p}.`, "Range.load");
    }
    return out;
  }

  get values(): unknown[][] {
    return this.read("values");
  }
  set values(v: unknown) {
    this.write("values", v, "Range.values", (t) => this.putEach(t, v, "Range.values", putValue));
  }

  get formulas(): unknown[][] {
    return this.read("formulas");
  }
  set formulas(v: unknown) {
    this.write("formulas", v, "Range.formulas", (t) => this.putEach(t, v, "Range.formulas", putValue));
  }

  set formulasR1C1(v: unknown) {
    // Stored as written: the fake does not translate R1C1 or calculate.
    this.write("formulasR1C1", v, "Range.formulasR1C1", (t) =>
      this.putEach(t, v, "Range.formulasR1C1", (cell, x) => {
        cell.formula = String(x);
        cell.value = "";
      }),
    );
  }

  get numberFormat(): unknown[][] {
    return this.read("numberFormat");
  }
  set numberFormat(v: unknown) {
    this.write("numberFormat", v, "Range.numberFormat", (t) => {
      guard(t.sheet, "formatCells", "Range.numberFormat");
      eachValue(t, v, "Range.numberFormat", (row, col, x) => {
        if (x !== null && x !== undefined) cellFor(t.sheet, row, col).numberFormat = String(x);
      });
    });
  }

  get address(): string {
    return this.read("address");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }

  set columnHidden(hidden: boolean) {
    this.write("columnHidden", hidden, "Range.columnHidden", (t) => {
      guard(t.sheet, "formatColumns", "Range.columnHidden");
      for (const b of t.boxes) for (let c = b.left; c <= b.right; c++) columnOf(t.sheet, c).hidden = hidden;
    });
  }

  // Navigation properties hand out one proxy each, as Office.js does.
  private formatProxy?: RangeFormat;
  private validationProxy?: DataValidation;
  private cfProxy?: ConditionalFormatCollection;

  get format(): RangeFormat {
    return (this.formatProxy ??= new RangeFormat(this.context, this, PROPERTY_PATH_BYTES, () => this.resolve()));
  }
  get dataValidation(): DataValidation {
    return (this.validationProxy ??= new DataValidation(this.context, this, PROPERTY_PATH_BYTES, () => this.resolve()));
  }
  get conditionalFormats(): ConditionalFormatCollection {
    return (this.cfProxy ??= new ConditionalFormatCollection(this.context, this, PROPERTY_PATH_BYTES, () =>
      this.resolve(),
    ));
  }

  merge(across = false): void {
    this.call("Range.merge", [across], (t) => mergeCells(t, across));
  }

  insert(shift: "Down" | "Right"): void {
    this.call("Range.insert", [shift], (t) => {
      if (shift !== "Down")
        throw officeError("InvalidArgument", "The fake inserts only with shift Down.", "Range.insert");
      const event = insertCells(this.context.core, t);
      this.context.emit(event);
    });
  }

  select(): void {
    this.call(
      "Range.select",
      [],
      (t) => {
        const book = this.context.core.book;
        book.active = t.sheet;
        book.selection = { sheet: t.sheet, address: addressOf(t.boxes) };
        this.context.emit(selectionEvent(t.sheet, addressOf(t.boxes)));
      },
      { readOnly: true },
    );
  }

  /** "Contents" clears values and formulas (allowed on unlocked cells of a protected sheet); "All" formats too. */
  clear(applyTo: "All" | "Contents" | "Formats" = "All"): void {
    this.call("Range.clear", [applyTo], (t) => {
      if (applyTo !== "Formats") guard(t.sheet, "values", "Range.clear", t.boxes);
      if (applyTo !== "Contents") guard(t.sheet, "formatCells", "Range.clear");
      for (const b of t.boxes) {
        for (const { cell } of storedCellsIn(t.sheet, b)) {
          if (applyTo !== "Formats") {
            cell.value = "";
            delete cell.formula;
          }
          if (applyTo !== "Contents")
            Object.assign(cell, { numberFormat: "General", font: {}, style: {} }, { fill: undefined });
        }
      }
      if (applyTo !== "Formats")
        this.context.emit(changedEvent(this.context.core, t.sheet, t.boxes, { byAddin: true }));
    });
  }

  untrack(): this {
    return this;
  }

  /** Writes each cell of a one-area range (values, formulas) after the protection check; raises onChanged. */
  private putEach(
    t: RangeTarget,
    v: unknown,
    api: string,
    put: (cell: ReturnType<typeof cellFor>, x: unknown) => void,
  ) {
    if (t.boxes.length > 1) throw officeError("InvalidOperation", `${api} cannot be set on several areas.`, api);
    guard(t.sheet, "values", api, t.boxes);
    const box = t.boxes[0] as Box;
    const before = cellAt(t.sheet, box.top, box.left).value;
    eachValue(t, v, api, (row, col, x) => put(cellFor(t.sheet, row, col), x));
    const after = cellAt(t.sheet, box.top, box.left).value;
    this.context.emit(changedEvent(this.context.core, t.sheet, t.boxes, { byAddin: true, before, after }));
  }
}

function grid<T>(box: Box, at: (row: number, col: number) => T): T[][] {
  const out: T[][] = [];
  for (let row = box.top; row <= box.bottom; row++) {
    const line: T[] = [];
    for (let col = box.left; col <= box.right; col++) line.push(at(row, col));
    out.push(line);
  }
  return out;
}

/**
 * Walks a written value over a one-area range: a 2-D array must match the
 * range's shape (InvalidArgument otherwise, as Excel says "The number of rows
 * or columns in the input array doesn't match the size or dimensions of the
 * range"); a single value goes to every cell.
 */
export function eachValue(
  t: RangeTarget,
  v: unknown,
  api: string,
  put: (row: number, col: number, x: unknown) => void,
) {
  for (const box of t.boxes) {
    if (!Array.isArray(v)) {
      if (cellCount(box) > BIG_BOX) throw officeError("InvalidArgument", "Too many cells for one value.", api);
      for (const { row, col } of cellsOf(box)) put(row, col, v);
      continue;
    }
    const rows = box.bottom - box.top + 1;
    const cols = box.right - box.left + 1;
    if (v.length !== rows || v.some((line) => !Array.isArray(line) || line.length !== cols)) {
      throw officeError(
        "InvalidArgument",
        `The number of rows or columns in the input array doesn't match the size or dimensions of the range ${rangeAddress(box)}.`,
        api,
      );
    }
    v.forEach((line: unknown[], i) => line.forEach((x, j) => put(box.top + i, box.left + j, x)));
  }
}

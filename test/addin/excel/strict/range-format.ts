/**
 * `Excel.RangeFormat` and what hangs off it: fill, font, the locked flag,
 * alignment, column widths and row heights. On a protected sheet each needs
 * its allowance (protection.ts); the locked flag can never change there.
 */
import { ClientObject } from "./client-object";
import type { FakeContext } from "./context";
import { guard, type Guarded } from "./protection";
import { PROPERTY_PATH_BYTES } from "./payload";
import { cellFor, cellsOf, cellCount, storedCellsIn, BIG_BOX, type Cell } from "./state";
import { columnOf, type RangeTarget } from "./range-target";
import { fillColor } from "./loaded-formats";

/** Applies `f` to every cell of the target (only the stored ones of a whole-column box). */
function eachCell(t: RangeTarget, f: (c: Cell) => void): void {
  for (const b of t.boxes) {
    if (cellCount(b) > BIG_BOX) for (const s of storedCellsIn(t.sheet, b)) f(s.cell);
    else for (const { row, col } of cellsOf(b)) f(cellFor(t.sheet, row, col));
  }
}

abstract class FormatPart extends ClientObject<RangeTarget> {
  snapshot(): Record<string, unknown> {
    return {};
  }

  /** Queues a format write that needs `what` on a protected sheet. */
  protected setEach(prop: string, value: unknown, api: string, what: Guarded, f: (c: Cell) => void): void {
    this.write(prop, value, api, (t) => {
      guard(t.sheet, what, api);
      eachCell(t, f);
    });
  }
}

export class RangeFill extends FormatPart {
  constructor(context: FakeContext, parent: ClientObject, locate: () => RangeTarget) {
    super(context, parent, PROPERTY_PATH_BYTES, locate, "RangeFill");
  }
  override snapshot(props: readonly string[] = []): Record<string, unknown> {
    return props.includes("color") ? { color: fillColor(this.resolve()) } : {};
  }
  get color(): string {
    return this.read("color");
  }
  set color(v: string) {
    this.setEach("color", v, "RangeFill.color", "formatCells", (c) => (c.fill = v));
  }
  clear(): void {
    this.call("RangeFill.clear", [], (t) => {
      guard(t.sheet, "formatCells", "RangeFill.clear");
      eachCell(t, (c) => delete c.fill);
    });
  }
}

export class RangeFont extends FormatPart {
  constructor(context: FakeContext, parent: ClientObject, locate: () => RangeTarget) {
    super(context, parent, PROPERTY_PATH_BYTES, locate, "RangeFont");
  }
  set bold(v: boolean) {
    this.setEach("bold", v, "RangeFont.bold", "formatCells", (c) => (c.font = { ...c.font, bold: v }));
  }
  set color(v: string) {
    this.setEach("color", v, "RangeFont.color", "formatCells", (c) => (c.font = { ...c.font, color: v }));
  }
  set size(v: number) {
    this.setEach("size", v, "RangeFont.size", "formatCells", (c) => (c.font = { ...c.font, size: v }));
  }
}

export class FormatProtection extends FormatPart {
  constructor(context: FakeContext, parent: ClientObject, locate: () => RangeTarget) {
    super(context, parent, PROPERTY_PATH_BYTES, locate, "FormatProtection");
  }
  set locked(v: boolean) {
    this.setEach("locked", v, "FormatProtection.locked", "lockCells", (c) => (c.locked = v));
  }
}

export class RangeFormat extends FormatPart {
  private parts: { fill?: RangeFill; font?: RangeFont; protection?: FormatProtection } = {};

  constructor(context: FakeContext, parent: ClientObject, pathBytes: number, locate: () => RangeTarget) {
    super(context, parent, pathBytes, locate, "RangeFormat");
  }

  get fill(): RangeFill {
    return (this.parts.fill ??= new RangeFill(this.context, this, () => this.resolve()));
  }
  get font(): RangeFont {
    return (this.parts.font ??= new RangeFont(this.context, this, () => this.resolve()));
  }
  get protection(): FormatProtection {
    return (this.parts.protection ??= new FormatProtection(this.context, this, () => this.resolve()));
  }

  set horizontalAlignment(v: string) {
    this.style("horizontalAlignment", v);
  }
  set verticalAlignment(v: string) {
    this.style("verticalAlignment", v);
  }
  set wrapText(v: boolean) {
    this.style("wrapText", v);
  }
  set indentLevel(v: number) {
    this.style("indentLevel", v);
  }

  set columnWidth(points: number) {
    this.write("columnWidth", points, "RangeFormat.columnWidth", (t) => {
      guard(t.sheet, "formatColumns", "RangeFormat.columnWidth");
      for (const b of t.boxes) for (let c = b.left; c <= b.right; c++) columnOf(t.sheet, c).width = points;
    });
  }

  autofitRows(): void {
    this.call("RangeFormat.autofitRows", [], (t) => guard(t.sheet, "formatRows", "RangeFormat.autofitRows"));
  }

  autofitColumns(): void {
    this.call("RangeFormat.autofitColumns", [], (t) => guard(t.sheet, "formatColumns", "RangeFormat.autofitColumns"));
  }

  private style(prop: string, v: unknown): void {
    this.setEach(prop, v, `RangeFormat.${prop}`, "formatCells", (c) => (c.style = { ...c.style, [prop]: v }));
  }
}

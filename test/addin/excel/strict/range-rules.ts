/**
 * A range's data validation and conditional formats. Both are refused on a
 * protected sheet; validation texts and formulas must fit Excel's limits
 * (validation-rules.ts). A conditional format added by an add-in goes on top
 * (priority 0), as Excel puts a new rule first.
 */
import { ClientObject } from "./client-object";
import type { FakeContext } from "./context";
import { guard } from "./protection";
import { METHOD_PATH_BYTES } from "./payload";
import { cellFor, cellsOf, cellCount, storedCellsIn, BIG_BOX, type ConditionalFormat, type Validation } from "./state";
import { checkErrorAlert, checkPrompt, checkRule } from "./validation-rules";
import type { RangeTarget } from "./range-target";
import { officeError } from "./errors";
import { validationType } from "./loaded-formats";
import { cutConditionalFormats } from "./cf-cut";

export class DataValidation extends ClientObject<RangeTarget> {
  constructor(context: FakeContext, parent: ClientObject, pathBytes: number, locate: () => RangeTarget) {
    super(context, parent, pathBytes, locate, "DataValidation");
  }

  snapshot(props: readonly string[]): Record<string, unknown> {
    return props.includes("type") ? { type: validationType(this.resolve()) } : {};
  }

  get type(): string {
    return this.read("type");
  }

  set rule(rule: Record<string, unknown>) {
    this.change("rule", rule, (v) => {
      checkRule(rule);
      v.rule = rule;
    });
  }
  set prompt(p: NonNullable<Validation["prompt"]>) {
    this.change("prompt", p, (v) => {
      checkPrompt(p);
      v.prompt = p;
    });
  }
  set errorAlert(a: NonNullable<Validation["errorAlert"]>) {
    this.change("errorAlert", a, (v) => {
      checkErrorAlert(a);
      v.errorAlert = a;
    });
  }
  set ignoreBlanks(b: boolean) {
    this.change("ignoreBlanks", b, (v) => (v.ignoreBlanks = b));
  }

  clear(): void {
    this.call("DataValidation.clear", [], (t) => {
      guard(t.sheet, "validation", "DataValidation.clear");
      for (const b of t.boxes) {
        const cells =
          cellCount(b) > BIG_BOX
            ? storedCellsIn(t.sheet, b).map((s) => s.cell)
            : cellsOf(b).map((p) => cellFor(t.sheet, p.row, p.col));
        for (const c of cells) delete c.validation;
      }
    });
  }

  /** Checks first (a refused text changes no cell), then changes every cell's validation. */
  private change(prop: string, value: unknown, f: (v: Validation) => void): void {
    this.write(prop, value, `DataValidation.${prop}`, (t) => {
      guard(t.sheet, "validation", `DataValidation.${prop}`);
      f({ rule: {}, ignoreBlanks: true });
      for (const b of t.boxes) {
        if (cellCount(b) > BIG_BOX) throw officeError("InvalidArgument", "Validation on whole columns is not faked.");
        for (const { row, col } of cellsOf(b)) {
          const cell = cellFor(t.sheet, row, col);
          const v: Validation = cell.validation ? { ...cell.validation } : { rule: {}, ignoreBlanks: true };
          f(v);
          cell.validation = v;
        }
      }
    });
  }
}

export class ConditionalFormatCollection extends ClientObject<RangeTarget> {
  constructor(context: FakeContext, parent: ClientObject, pathBytes: number, locate: () => RangeTarget) {
    super(context, parent, pathBytes, locate, "ConditionalFormatCollection");
  }

  snapshot(): Record<string, unknown> {
    return {};
  }

  add(type: string): ConditionalFormatProxy {
    const cf = new ConditionalFormatProxy(this.context, this, METHOD_PATH_BYTES, type);
    this.context.command(this, "ConditionalFormatCollection.add", [type], () => {
      const t = this.resolve();
      guard(t.sheet, "conditionalFormat", "ConditionalFormatCollection.add");
      for (const other of t.sheet.conditionalFormats) other.priority++;
      const record: ConditionalFormat = { id: this.context.core.book.nextId++, boxes: t.boxes, type, priority: 0 };
      t.sheet.conditionalFormats.push(record);
      cf.bind({ target: t, record });
    });
    return cf;
  }

  /** Removes the conditional formats from the range's cells (ExcelApi 1.6). */
  clearAll(): void {
    this.context.command(this, "ConditionalFormatCollection.clearAll", [], () => {
      const t = this.resolve();
      guard(t.sheet, "conditionalFormat", "ConditionalFormatCollection.clearAll");
      for (const box of t.boxes) cutConditionalFormats(t.sheet, box);
    });
  }
}

interface CfTarget {
  target: RangeTarget;
  record: ConditionalFormat;
}

/** `conditionalFormats.add("Custom")`: `custom.rule.formula`, `custom.format.fill/font.color`, `priority`. */
export class ConditionalFormatProxy extends ClientObject<CfTarget> {
  readonly custom: {
    rule: { formula: string };
    format: { fill: { color: string }; font: { color: string } };
  };

  constructor(
    context: FakeContext,
    parent: ClientObject,
    pathBytes: number,
    readonly type: string,
  ) {
    super(context, parent, pathBytes, undefined, "ConditionalFormat");
    const set = (api: string, f: (r: ConditionalFormat, v: string) => void) => (v: string) =>
      this.context.command(this, api, [v], () => {
        const { target, record } = this.resolve();
        guard(target.sheet, "conditionalFormat", api);
        f(record, v);
      });
    const formula = set("ConditionalRangeFormatRule.formula", (r, v) => (r.formula = v));
    const fill = set("ConditionalFillFormat.color", (r, v) => (r.fill = v));
    const font = set("ConditionalFontFormat.color", (r, v) => (r.fontColor = v));
    this.custom = {
      rule: {
        set formula(v: string) {
          formula(v);
        },
      } as { formula: string },
      format: {
        fill: {
          set color(v: string) {
            fill(v);
          },
        } as { color: string },
        font: {
          set color(v: string) {
            font(v);
          },
        } as { color: string },
      },
    };
  }

  snapshot(): Record<string, unknown> {
    return {};
  }

  set priority(p: number) {
    this.write("priority", p, "ConditionalFormat.priority", ({ target, record }) => {
      guard(target.sheet, "conditionalFormat", "ConditionalFormat.priority");
      record.priority = p;
    });
  }
}

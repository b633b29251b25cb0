/**
 * The worksheet events Excel raises, with what each host puts in them:
 * `WorksheetChangedEventArgs.details` only for a one-cell change (ExcelApi 1.9;
 * "If the changed event is triggered on multiple cells, this property cannot
 * be retrieved"), and `triggerSource` only from ExcelApi 1.14 — below it the
 * add-in's own writes come back looking like the user's.
 */
import type { Core, PendingEvent } from "./core";
import { hostHas, libraryHas } from "./profiles";
import { rangeAddress } from "../../../../schemas/layout/address";
import type { Box, Scalar, SheetState } from "./state";

export interface ChangeOptions {
  changeType?: string;
  /** The add-in's own write (triggerSource "ThisLocalAddin") or the user's ("Unknown"). */
  byAddin: boolean;
  /** For a one-cell change: the value before and after. */
  before?: Scalar;
  after?: Scalar;
}

export function addressOf(boxes: readonly Box[]): string {
  return boxes.map(rangeAddress).join(",");
}

export function changedEvent(core: Core, sheet: SheetState, boxes: readonly Box[], o: ChangeOptions): PendingEvent {
  const args: Record<string, unknown> = {
    type: "WorksheetChanged",
    source: "Local",
    worksheetId: sheet.id,
    address: addressOf(boxes),
    changeType: o.changeType ?? "RangeEdited",
  };
  const box = boxes[0];
  const single = boxes.length === 1 && box && box.top === box.bottom && box.left === box.right;
  if (single && hostHas(core.profile, "changeDetails") && o.after !== undefined) {
    args.details = {
      valueBefore: o.before ?? "",
      valueAfter: o.after,
      valueTypeBefore: typeName(o.before ?? ""),
      valueTypeAfter: typeName(o.after),
    };
  }
  if (hostHas(core.profile, "triggerSource") && libraryHas(core.profile, "triggerSource")) {
    args.triggerSource = o.byAddin ? "ThisLocalAddin" : "Unknown";
  }
  return { sheet, kind: "changed", args };
}

export function selectionEvent(sheet: SheetState, address: string): PendingEvent {
  return {
    sheet,
    kind: "selection",
    args: { type: "WorksheetSelectionChanged", source: "Local", worksheetId: sheet.id, address },
  };
}

function typeName(v: Scalar): string {
  if (v === "") return "Empty";
  if (typeof v === "number") return "Double";
  if (typeof v === "boolean") return "Boolean";
  return "String";
}

/** Calls the handlers of each event; the promises are kept so a test can wait for them all. */
export class EventBus {
  readonly pending = new Set<Promise<unknown>>();
  /** What handlers threw (Excel swallows it; a test may assert there was none). */
  readonly errors: unknown[] = [];

  raise(events: readonly PendingEvent[]): void {
    for (const e of events) {
      if (e.sheet.deleted) continue;
      const handlers = e.kind === "changed" ? e.sheet.onChanged : e.sheet.onSelectionChanged;
      for (const h of [...handlers]) {
        const p = Promise.resolve()
          .then(() => h({ ...e.args }))
          .catch((err: unknown) => void this.errors.push(err));
        this.pending.add(p);
        void p.finally(() => this.pending.delete(p));
      }
    }
  }

  /** Waits until no handler is running, including handlers raised by handlers. */
  async settle(): Promise<void> {
    for (let i = 0; i < 1000; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      if (this.pending.size === 0) {
        await new Promise((resolve) => setImmediate(resolve));
        if (this.pending.size === 0) return;
      }
      await Promise.all([...this.pending]);
    }
    throw new Error("The event handlers never settled (an endless loop of changes?)");
  }
}

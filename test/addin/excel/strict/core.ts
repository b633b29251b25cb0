/**
 * What every request context of one fake Excel shares: the workbook, the
 * host profile, the undo model, the payload log, cell-edit mode and the
 * events waiting to be raised. `fake-excel.ts` builds it; the proxies reach
 * it through their context.
 */
import type { HostProfile } from "./profiles";
import type { SheetState, WorkbookState } from "./state";
import type { UndoModel } from "./undo";
import type { PayloadLog } from "./payload";
import type { OfficeErrorCode } from "./errors";

/** An event Excel raises after a change, once the batch or the user's action is done. */
export interface PendingEvent {
  sheet: SheetState;
  kind: "changed" | "selection";
  args: Record<string, unknown>;
}

export interface Core {
  profile: HostProfile;
  book: WorkbookState;
  undo: UndoModel;
  payload: PayloadLog;
  /** Syncs per `Excel.run`, in call order. */
  runs: number[];
  /** The options each `Excel.run` was called with, in call order. */
  runOptions: Record<string, unknown>[];
  /** Whether the user is editing a cell (typing, before Enter). */
  editing: boolean;
  /** Resolves when cell-edit mode ends (replaced each time it starts). */
  editEnded: Promise<void>;
  /** Raises events on the sheets' handlers; handler promises are kept for `settle()`. */
  raise(events: readonly PendingEvent[]): void;
  /** Failures the test injected, one per coming sync: it fails with `code` after running `after` commands. */
  failures: { code: OfficeErrorCode; after: number }[];
}

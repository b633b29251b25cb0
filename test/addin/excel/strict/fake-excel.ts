/**
 * The strict fake Excel: `createStrictExcel("web-1.18")` gives a host the
 * adapters run on (`excel.host`, an ExcelHost), the workbook it holds (to
 * assert on what Excel would store, not on what was asked), the user's hands
 * (`excel.user`), and the counters a test or bench reports: syncs per run,
 * bytes per request and response, undo-clearing calls.
 *
 * Stricter than office-addin-mock in what real Excel enforces: proxy
 * semantics (queued commands, PropertyNotLoaded, failures at sync with the
 * batch's earlier commands applied), table names unique per workbook,
 * validation text limits, cell-edit mode, the 5 MB payload cap of Excel on the
 * web, sheet protection and its options, per-host API presence, the undo
 * stack, and worksheet events as each host raises them. See the files it
 * imports for each rule and the Microsoft document it comes from.
 */
import type { ExcelHost } from "../../../../addin/excel/office-host";
import { FakeContext, type RunOptions } from "./context";
import type { Core } from "./core";
import { EventBus } from "./events";
import { PayloadLog } from "./payload";
import { isSetSupported, libraryHas, profileOf, type HostProfile, type Member, type ProfileName } from "./profiles";
import type { OfficeErrorCode } from "./errors";
import {
  allTables,
  cellAt,
  findSheet,
  newSheet,
  newWorkbook,
  type Cell,
  type Scalar,
  type SheetState,
  type TableState,
} from "./state";
import { UndoModel } from "./undo";
import { UserActions } from "./user";
import { boxesOf } from "./range";
import { shownFill } from "./cf-eval";
import { parseInput } from "./cell-values";

export interface StrictExcel {
  profile: HostProfile;
  /** What the adapters take: `run` with Excel.run's two overloads, and `isSetSupported`. */
  host: ExcelHost;
  /** Syncs per `Excel.run`, in call order. */
  runs: number[];
  /** The options each `Excel.run` was given. */
  runOptions: RunOptions[];
  payload: PayloadLog;
  undo: UndoModel;
  user: UserActions;
  /** What event handlers threw. */
  handlerErrors: unknown[];
  sheet(name: string): SheetState;
  hasSheet(name: string): boolean;
  cell(sheet: string, address: string): Cell;
  /** Values of a block, as `range.values` would load them. */
  values(sheet: string, address: string): Scalar[][];
  /** The fill a cell shows, conditional formats included. */
  shownFill(sheet: string, address: string): string | undefined;
  tables(): TableState[];
  /** The active sheet's name and the selected address, as the clerk sees them. */
  selection(): { active?: string; sheet?: string; address?: string };
  /** Set-up: a sheet that exists before the test (no events, no undo). */
  addSheet(name: string): SheetState;
  /** Set-up: cell values typed before the test, parsed as Excel parses typing. */
  seed(sheet: string, address: string, values: (string | number)[][]): void;
  /** Waits until every event handler (and what it started) has finished. */
  settle(): Promise<void>;
  /**
   * A coming sync fails with `code` after running `after` of its commands
   * (those stay applied; all of them when it has fewer). Calls queue: one per sync.
   */
  failNextSync(code: OfficeErrorCode, after?: number): void;
}

/**
 * The office.js classes as `ExcelHost.library` shows them: a prototype has a
 * member only where the loaded office.js knows it, as `Excel.Worksheet.prototype`
 * has `notes` only in an office.js of ExcelApi 1.18 or later.
 */
function libraryOf(p: HostProfile): ExcelHost["library"] {
  const member = (m: Member, name: string) => (libraryHas(p, m) ? { [name]: undefined } : {});
  return {
    Worksheet: { prototype: { ...member("notes", "notes"), ...member("comments", "comments") } },
    Workbook: { prototype: { ...member("notes", "notes"), ...member("comments", "comments") } },
    Table: { prototype: member("tableResize", "resize") },
    Range: { prototype: member("mergedAreas", "getMergedAreasOrNullObject") },
  };
}

type Batch<T> = (context: Excel.RequestContext) => Promise<T>;

export function createStrictExcel(profile: ProfileName | HostProfile = "web-1.18"): StrictExcel {
  const p = profileOf(profile);
  const bus = new EventBus();
  const core: Core = {
    profile: p,
    book: newWorkbook(),
    undo: new UndoModel(p),
    payload: new PayloadLog(),
    runs: [],
    runOptions: [],
    editing: false,
    editEnded: Promise.resolve(),
    raise: (events) => bus.raise(events),
    failures: [],
  };
  const user = new UserActions(core);

  async function run<T>(a: RunOptions | Batch<T>, b?: Batch<T>): Promise<T> {
    const options = typeof a === "function" ? {} : a;
    const batch = (typeof a === "function" ? a : b) as Batch<T>;
    const index = core.runs.length;
    core.runs.push(0);
    core.runOptions.push({ ...options });
    const context = new FakeContext(core, options, index);
    try {
      return await batch(context as unknown as Excel.RequestContext);
    } finally {
      core.runs[index] = context.syncs;
    }
  }

  const host = {
    run,
    isSetSupported: (name: string, version: string) => isSetSupported(p, name, version),
    library: libraryOf(p),
  } as ExcelHost;

  const sheet = (name: string): SheetState => {
    const s = findSheet(core.book, name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  };
  const firstCell = (address: string) => {
    const b = boxesOf(address)[0];
    if (!b) throw new Error(`bad address ${address}`);
    return b;
  };

  return {
    profile: p,
    host,
    runs: core.runs,
    runOptions: core.runOptions as RunOptions[],
    payload: core.payload,
    undo: core.undo,
    user,
    handlerErrors: bus.errors,
    sheet,
    hasSheet: (name) => findSheet(core.book, name) !== undefined,
    cell(name, address) {
      const b = firstCell(address);
      return cellAt(sheet(name), b.top, b.left);
    },
    values(name, address) {
      const b = firstCell(address);
      const s = sheet(name);
      return Array.from({ length: b.bottom - b.top + 1 }, (_, i) =>
        Array.from({ length: b.right - b.left + 1 }, (_, j) => cellAt(s, b.top + i, b.left + j).value),
      );
    },
    shownFill(name, address) {
      const b = firstCell(address);
      return shownFill(core.book, sheet(name), b.top, b.left);
    },
    tables: () => allTables(core.book),
    selection: () => ({
      active: core.book.active?.name,
      sheet: core.book.selection?.sheet.name,
      address: core.book.selection?.address,
    }),
    addSheet: (name) => newSheet(core.book, name),
    seed(name, address, values) {
      const b = firstCell(address);
      const s = sheet(name);
      values.forEach((line, i) =>
        line.forEach((v, j) => {
          const c = s.cells.get((b.top + i) * 20_000 + b.left + j) ?? cellAt(s, b.top + i, b.left + j);
          c.value = typeof v === "number" ? v : parseInput(v, c.numberFormat);
          s.cells.set((b.top + i) * 20_000 + b.left + j, c);
        }),
      );
    },
    settle: () => bus.settle(),
    failNextSync(code, after = 0) {
      core.failures.push({ code, after });
    },
  };
}

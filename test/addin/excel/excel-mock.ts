/**
 * A recording Excel object model built from office-addin-mock's
 * `OfficeMockObject`: properties need `load()` + `sync()` before they can be
 * read (as in Office.js), and every proxy the adapter creates is kept so the
 * tests can assert what a render queued. `context.sync()` is wrapped to count
 * round trips per `Excel.run`.
 */
import { OfficeMockObject } from "office-addin-mock";
import type { ExcelHost } from "../../../addin/excel/office-workbook";
import { currentName, sheetRecord, type Mock, type MockBook, type SheetRecord } from "./excel-mock-sheet";

export type { SheetRecord } from "./excel-mock-sheet";

export interface ExcelMock {
  host: ExcelHost;
  /** Syncs per `Excel.run`, in call order. */
  runs: number[];
  sheets: SheetRecord[];
  sheet(name: string): SheetRecord;
  /** Pre-loads what a later `range.load("values")` on `address` returns. */
  seedValues(sheet: string, address: string, values: unknown[][]): void;
  /** The address a range proxy was made for (reading `range.address` needs a load, as in Office.js). */
  addressOf(range: unknown): string | undefined;
  /** Raises the worksheet's onChanged event as Excel would. */
  fireChanged(sheet: string, args: Record<string, unknown>): Promise<void>;
  /** An existing sheet before the test starts. */
  addSheet(name: string): SheetRecord;
  /** A table the existing sheet holds, with its data rows (what `getDataBodyRange().rowCount` loads). */
  seedTable(sheet: string, name: string, rows: number): void;
}

/** What the host supports: notes (ExcelApi 1.18), threaded comments (1.10), `Table.resize` (1.13, default yes). */
export interface MockSupport {
  notes: boolean;
  comments: boolean;
  tableResize?: boolean;
}

export function createExcelMock(supported: MockSupport = { notes: true, comments: true }): ExcelMock {
  const sheets: SheetRecord[] = [];
  const runs: number[] = [];
  const seeded = new Map<string, unknown[][]>();
  const addresses = new WeakMap<object, string>();
  let pending: Mock[] = [];
  /** An item a batch asked for that does not exist: the next sync fails, as Office.js fails it. */
  let missing: string | undefined;
  const track = <T extends Mock>(m: T): T => {
    pending.push(m);
    return m;
  };
  const book: MockBook = {
    seeded,
    addresses,
    track,
    fail(message) {
      missing = message;
    },
  };
  const find = (name: string) => sheets.find((r) => !r.deleted && currentName(r) === name);

  const context = (): { ctx: Mock; syncs: () => number } => {
    let count = 0;
    const comments: { address: string; text: string }[] = [];
    const ctx = new OfficeMockObject({
      workbook: {
        worksheets: {
          getItemOrNullObject(name: string) {
            const rec = find(name);
            if (rec) return track(rec.mock);
            return track(new OfficeMockObject({ isNullObject: true }) as Mock);
          },
          getItem(name: string) {
            const rec = find(name);
            if (!rec) throw new Error(`ItemNotFound: ${name}`);
            return rec.mock;
          },
          add(name: string) {
            const rec = sheetRecord(book, name);
            sheets.push(rec);
            return rec.mock;
          },
        },
        comments: {
          add(range: Mock, text: string) {
            comments.push({ address: addresses.get(range) ?? "?", text });
          },
        },
      },
      async sync() {
        count++;
        if (missing) {
          const message = missing;
          missing = undefined;
          pending = [];
          throw new Error(message);
        }
        const objects = pending;
        pending = [];
        for (const o of objects) await o.sync();
        // OfficeMockObject settles loaded values in follow-up microtasks.
        await new Promise((resolve) => setTimeout(resolve, 0));
      },
    }) as Mock;
    return { ctx, syncs: () => count };
  };

  const host = {
    async run<T>(a: unknown, b?: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
      // Excel.run(batch) or Excel.run(options, batch): this mock ignores the options.
      const batch = (typeof a === "function" ? a : b) as (context: Excel.RequestContext) => Promise<T>;
      const { ctx, syncs } = context();
      const index = runs.length;
      runs.push(0);
      try {
        return await batch(ctx as unknown as Excel.RequestContext);
      } finally {
        runs[index] = syncs();
      }
    },
    isSetSupported(name: string, version: string) {
      if (name !== "ExcelApi") return false;
      if (version === "1.18") return supported.notes;
      if (version === "1.10") return supported.comments;
      if (version === "1.13") return supported.tableResize ?? true;
      return Number(version.split(".")[1]) <= 9;
    },
    library: {
      Worksheet: { prototype: supported.notes ? { notes: 1, comments: 1 } : supported.comments ? { comments: 1 } : {} },
      Workbook: { prototype: supported.notes ? { notes: 1, comments: 1 } : supported.comments ? { comments: 1 } : {} },
      Table: { prototype: supported.tableResize === false ? {} : { resize: 1 } },
    },
  } as ExcelHost;

  return {
    host,
    runs,
    sheets,
    sheet(name) {
      const rec = find(name);
      if (!rec) throw new Error(`no sheet ${name}`);
      return rec;
    },
    addressOf(range) {
      return typeof range === "object" && range ? addresses.get(range) : undefined;
    },
    seedValues(sheet, address, values) {
      seeded.set(`${sheet}!${address}`, values);
    },
    async fireChanged(sheet, args) {
      const rec = this.sheet(sheet);
      for (const h of rec.handlers) await h({ type: "WorksheetChanged", source: "Local", ...args });
    },
    addSheet(name) {
      const rec = sheetRecord(book, name);
      sheets.push(rec);
      return rec;
    },
    seedTable(sheet, name, rows) {
      this.sheet(sheet).tableRows.set(name, rows);
    },
  };
}

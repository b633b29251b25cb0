/**
 * A recording Excel object model built from office-addin-mock's
 * `OfficeMockObject`: properties need `load()` + `sync()` before they can be
 * read (as in Office.js), and every proxy the adapter creates is kept so the
 * tests can assert what a render queued. `context.sync()` is wrapped to count
 * round trips per `Excel.run`.
 */
import { OfficeMockObject } from "office-addin-mock";
import type { ExcelHost } from "../../../addin/excel/office-workbook";

type Mock = OfficeMockObject & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface SheetRecord {
  addedAs: string;
  mock: Mock;
  deleted: boolean;
  ranges: Map<string, Mock>;
  /** getRanges() proxies (multi-area), by address. */
  areas: Map<string, Mock>;
  protections: unknown[];
  unprotects: number;
  tables: { address: string; hasHeaders: boolean; table: Mock }[];
  /** Data rows of tables the sheet had before the test (see `seedTable`). */
  tableRows: Map<string, number>;
  resizes: { table: string; address: string }[];
  inserts: { address: string; shift: string }[];
  validationClears: string[];
  conditionalFormats: { address: string; type: string; cf: Mock }[];
  notesAdded: { address: string; text: string }[];
  notesUpdated: { address: string; text: string }[];
  notesDeleted: string[];
  handlers: ((event: unknown) => Promise<void> | void)[];
  merges: string[];
  selected?: string;
  activated: number;
}

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

/** Data rows of a table drawn over `A5:N55` (header included). */
function tableRowsOf(address: string): number {
  const rows = address.split(":").map((a) => Number(/\d+$/.exec(a)?.[0]));
  return (rows[1] ?? rows[0] ?? 0) - (rows[0] ?? 0);
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
  const currentName = (r: SheetRecord) => (typeof r.mock.name === "string" ? (r.mock.name as string) : r.addedAs);
  const find = (name: string) => sheets.find((r) => !r.deleted && currentName(r) === name);

  const rangeMock = (rec: SheetRecord, address: string): Mock => {
    const key = `${currentName(rec)}!${address}`;
    const m = new OfficeMockObject({
      address,
      values: seeded.get(key) ?? [],
      format: {
        fill: {},
        font: {},
        protection: {},
        autofitRows() {},
      },
      dataValidation: {
        clear() {
          rec.validationClears.push(address);
        },
      },
      insert(shift: string) {
        rec.inserts.push({ address, shift });
      },
      conditionalFormats: {
        add(type: string) {
          const cf = new OfficeMockObject({ type, custom: { rule: {}, format: { fill: {}, font: {} } } }) as Mock;
          rec.conditionalFormats.push({ address, type, cf });
          return cf;
        },
      },
      merge() {
        rec.merges.push(address);
      },
      select() {
        rec.selected = address;
      },
    }) as Mock;
    addresses.set(m, address);
    return track(m);
  };

  const sheetRecord = (name: string): SheetRecord => {
    const rec = {
      addedAs: name,
      deleted: false,
      ranges: new Map(),
      areas: new Map(),
      protections: [],
      unprotects: 0,
      tables: [],
      tableRows: new Map(),
      resizes: [],
      inserts: [],
      validationClears: [],
      conditionalFormats: [],
      notesAdded: [],
      notesUpdated: [],
      notesDeleted: [],
      handlers: [],
      merges: [],
      activated: 0,
    } as unknown as SheetRecord;
    rec.mock = new OfficeMockObject({
      isNullObject: false,
      getRange(address: string) {
        // Seeded reads get a fresh proxy so their values load; writes reuse one per address for assertions.
        if (seeded.has(`${currentName(rec)}!${address}`)) return rangeMock(rec, address);
        let r = rec.ranges.get(address);
        if (!r) rec.ranges.set(address, (r = rangeMock(rec, address)));
        return r;
      },
      getRanges(address: string) {
        let r = rec.areas.get(address);
        if (!r) rec.areas.set(address, (r = rangeMock(rec, address)));
        return r;
      },
      protection: {
        protect(options: unknown) {
          rec.protections.push(options);
        },
        unprotect() {
          rec.unprotects++;
        },
      },
      tables: {
        add(address: string, hasHeaders: boolean) {
          const table = tableMock(rec, () => tableRowsOf(address));
          rec.tables.push({ address, hasHeaders, table });
          return table;
        },
        getItem(name: string) {
          const added = rec.tables.find((t) => t.table.name === name);
          if (added) return added.table;
          const rows = rec.tableRows.get(name);
          if (rows === undefined) missing = `ItemNotFound: table ${name}`;
          const table = tableMock(rec, () => rows ?? 0);
          table.name = name;
          return table;
        },
      },
      notes: {
        items: [],
        add(range: Mock, text: string) {
          rec.notesAdded.push({ address: addresses.get(range) ?? "?", text });
        },
        getItem(address: string) {
          return {
            set content(text: string) {
              rec.notesUpdated.push({ address, text });
            },
            delete() {
              rec.notesDeleted.push(address);
            },
          };
        },
      },
      comments: { items: [] },
      onChanged: {
        add(handler: (event: unknown) => Promise<void>) {
          rec.handlers.push(handler);
          return { remove() {}, context: { sync: async () => {} } };
        },
      },
      activate() {
        rec.activated++;
      },
      delete() {
        rec.deleted = true;
      },
    }) as Mock;
    return rec;
  };

  const tableMock = (rec: SheetRecord, rows: () => number): Mock => {
    const table = new OfficeMockObject({
      resize(address: string) {
        rec.resizes.push({ table: table.name as string, address });
      },
      getDataBodyRange() {
        return track(new OfficeMockObject({ rowCount: rows() }) as Mock);
      },
    }) as Mock;
    return table;
  };

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
            const rec = sheetRecord(name);
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

  const host: ExcelHost = {
    async run(batch) {
      const { ctx, syncs } = context();
      const index = runs.length;
      runs.push(0);
      try {
        return await batch(ctx as unknown as Excel.RequestContext);
      } finally {
        runs[index] = syncs();
      }
    },
    isSetSupported(name, version) {
      if (name !== "ExcelApi") return false;
      if (version === "1.18") return supported.notes;
      if (version === "1.10") return supported.comments;
      if (version === "1.13") return supported.tableResize ?? true;
      return Number(version.split(".")[1]) <= 9;
    },
  };

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
      const rec = sheetRecord(name);
      sheets.push(rec);
      return rec;
    },
    seedTable(sheet, name, rows) {
      this.sheet(sheet).tableRows.set(name, rows);
    },
  };
}

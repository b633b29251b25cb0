/**
 * One mocked worksheet of the recording Excel mock (excel-mock.ts): its range,
 * table, note and protection proxies, and what the adapter did to each, kept
 * in a `SheetRecord` for the tests to assert on.
 */
import { OfficeMockObject } from "office-addin-mock";

export type Mock = OfficeMockObject & Record<string, any>;

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

/** What the sheets share with the request context of excel-mock.ts. */
export interface MockBook {
  /** Values a later `range.load("values")` returns, by `sheet!address`. */
  seeded: Map<string, unknown[][]>;
  /** The address each range proxy was made for. */
  addresses: WeakMap<object, string>;
  /** Queues a proxy whose loads settle at the next `context.sync()`. */
  track<T extends Mock>(m: T): T;
  /** An item a batch asked for does not exist: the next sync fails, as Office.js fails it. */
  fail(message: string): void;
}

/** The sheet's name now (the adapter may have renamed it). */
export function currentName(r: SheetRecord): string {
  return typeof r.mock.name === "string" ? (r.mock.name as string) : r.addedAs;
}

/** Data rows of a table drawn over `A5:N55` (header included). */
function tableRowsOf(address: string): number {
  const rows = address.split(":").map((a) => Number(/\d+$/.exec(a)?.[0]));
  return (rows[1] ?? rows[0] ?? 0) - (rows[0] ?? 0);
}

/** A worksheet proxy (added by the adapter or there before the test) and the record of what is done to it. */
export function sheetRecord(book: MockBook, name: string): SheetRecord {
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
      if (book.seeded.has(`${currentName(rec)}!${address}`)) return rangeMock(book, rec, address);
      let r = rec.ranges.get(address);
      if (!r) rec.ranges.set(address, (r = rangeMock(book, rec, address)));
      return r;
    },
    getRanges(address: string) {
      let r = rec.areas.get(address);
      if (!r) rec.areas.set(address, (r = rangeMock(book, rec, address)));
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
        const table = tableMock(book, rec, () => tableRowsOf(address));
        rec.tables.push({ address, hasHeaders, table });
        return table;
      },
      getItem(name: string) {
        const added = rec.tables.find((t) => t.table.name === name);
        if (added) return added.table;
        const rows = rec.tableRows.get(name);
        if (rows === undefined) book.fail(`ItemNotFound: table ${name}`);
        const table = tableMock(book, rec, () => rows ?? 0);
        table.name = name;
        return table;
      },
    },
    notes: {
      items: [],
      add(range: Mock, text: string) {
        rec.notesAdded.push({ address: book.addresses.get(range) ?? "?", text });
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
    onSelectionChanged: {
      add() {
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
}

function rangeMock(book: MockBook, rec: SheetRecord, address: string): Mock {
  const key = `${currentName(rec)}!${address}`;
  const m = new OfficeMockObject({
    address,
    values: book.seeded.get(key) ?? [],
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
  book.addresses.set(m, address);
  return book.track(m);
}

function tableMock(book: MockBook, rec: SheetRecord, rows: () => number): Mock {
  const table = new OfficeMockObject({
    resize(address: string) {
      rec.resizes.push({ table: table.name as string, address });
    },
    getDataBodyRange() {
      return book.track(new OfficeMockObject({ rowCount: rows() }) as Mock);
    },
  }) as Mock;
  return table;
}

/**
 * `Excel.TableCollection` and `Excel.Table`. A table name is unique in the
 * WHOLE workbook, whatever sheet holds the table, ignoring case
 * (ItemAlreadyExists), and must be a valid name: it starts with a letter, an
 * underscore or a backslash, holds only letters, digits, periods and
 * underscores, has at most 255 characters and does not read as a cell
 * reference ("A1", "R1C1", "C") — Excel's "Rename an Excel table" rules.
 * Tables are refused on a protected sheet; `Table.resize` is ExcelApi 1.13.
 */
import { ClientObject } from "./client-object";
import type { FakeContext } from "./context";
import { officeError } from "./errors";
import { guard } from "./protection";
import { METHOD_PATH_BYTES, jsonBytes } from "./payload";
import { hostHas, libraryHas } from "./profiles";
import { allTables, overlaps, type Box, type SheetState, type TableState } from "./state";
import { boxesOf, Range } from "./range";

export function checkTableName(book: SheetState[], name: string, self?: TableState): void {
  const api = "Table.name";
  const valid =
    name.length <= 255 &&
    /^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name) &&
    !/^[A-Za-z]{1,3}\d+$/.test(name) &&
    !/^[RrCc]$/.test(name) &&
    !/^[Rr]\d*[Cc]\d*$/.test(name);
  if (!valid) throw officeError("InvalidArgument", `"${name}" is not a valid table name.`, api);
  const taken = book.flatMap((s) => s.tables).find((t) => t !== self && t.name.toLowerCase() === name.toLowerCase());
  if (taken) throw officeError("ItemAlreadyExists", `A table named "${name}" already exists.`, api);
}

export class TableCollection extends ClientObject<SheetState> {
  constructor(context: FakeContext, parent: ClientObject, locate: () => SheetState) {
    super(context, parent, 60, locate, "TableCollection");
  }

  snapshot(props: readonly string[]): Record<string, unknown> {
    if (props.some((p) => p !== "items" && !p.startsWith("items/")))
      throw officeError("InvalidArgument", "Cannot load that.");
    return {
      items: this.resolve().tables.map((t) => {
        const proxy = this.tableProxy(() => t, t.name);
        proxy.cache.set("name", t.name);
        return proxy;
      }),
    };
  }

  get items(): Table[] {
    return this.read("items");
  }

  add(address: string, hasHeaders: boolean): Table {
    const table = this.tableProxy(undefined, address);
    this.context.command(this, "TableCollection.add", [address, hasHeaders], () => {
      const sheet = this.resolve();
      guard(sheet, "table", "TableCollection.add");
      const [box, more] = boxesOf(address);
      if (!box || more)
        throw officeError("InvalidArgument", "A table needs one rectangular range.", "TableCollection.add");
      if (sheet.tables.some((t) => overlaps(t.box, box)) || sheet.merges.some((m) => overlaps(m, box))) {
        throw officeError(
          "MergedRangeConflict",
          "A table can't overlap with another table, a PivotTable report, query results, merged cells, or an XML Map.",
          "TableCollection.add",
        );
      }
      const book = this.context.core.book;
      const names = new Set(allTables(book).map((t) => t.name.toLowerCase()));
      let n = 1;
      while (names.has(`table${n}`)) n++;
      const state: TableState = { id: book.nextId++, name: `Table${n}`, sheet, box, hasHeaders };
      sheet.tables.push(state);
      table.bind(state);
    });
    return table;
  }

  getItem(name: string): Table {
    return this.tableProxy(() => this.find(name), name).instantiate("TableCollection.getItem");
  }

  getItemOrNullObject(name: string): Table {
    return this.tableProxy(() => this.find(name), name).instantiate("TableCollection.getItemOrNullObject", true);
  }

  private find(name: string): TableState | null {
    return this.resolve().tables.find((t) => t.name.toLowerCase() === name.toLowerCase()) ?? null;
  }

  private tableProxy(locate: (() => TableState | null) | undefined, arg: unknown): Table {
    return new Table(this.context, this, METHOD_PATH_BYTES + jsonBytes([arg]), locate);
  }
}

export class Table extends ClientObject<TableState> {
  constructor(context: FakeContext, parent: ClientObject, pathBytes: number, locate?: () => TableState | null) {
    super(context, parent, pathBytes, locate, "Table");
    if (libraryHas(context.core.profile, "tableResize")) {
      Object.defineProperty(this, "resize", { value: (address: string) => this.resizeTo(address), enumerable: true });
    }
  }

  snapshot(props: readonly string[]): Record<string, unknown> {
    const t = this.resolve();
    return Object.fromEntries(props.map((p) => [p, p === "name" ? t.name : p === "style" ? t.style : undefined]));
  }

  get name(): string {
    return this.read("name");
  }
  set name(name: string) {
    this.write("name", name, "Table.name", (t) => {
      guard(t.sheet, "table", "Table.name");
      checkTableName(
        this.context.core.book.sheets.filter((s) => !s.deleted),
        name,
        t,
      );
      t.name = name;
    });
  }

  set style(style: string) {
    this.write("style", style, "Table.style", (t) => {
      guard(t.sheet, "table", "Table.style");
      t.style = style;
    });
  }

  getDataBodyRange(): Range {
    return this.rangeOf("Table.getDataBodyRange", (t) => ({ ...t.box, top: t.box.top + (t.hasHeaders ? 1 : 0) }));
  }

  getHeaderRowRange(): Range {
    return this.rangeOf("Table.getHeaderRowRange", (t) => ({ ...t.box, bottom: t.box.top }));
  }

  getRange(): Range {
    return this.rangeOf("Table.getRange", (t) => t.box);
  }

  delete(): void {
    this.call("Table.delete", [], (t) => {
      guard(t.sheet, "table", "Table.delete");
      t.sheet.tables = t.sheet.tables.filter((x) => x !== t);
    });
  }

  /** "The new range must overlap with the original table range and the headers … must be in the same row." */
  private resizeTo(address: string): void {
    this.call("Table.resize", [address], (t) => {
      if (!hostHas(this.context.core.profile, "tableResize")) {
        throw officeError("ApiNotFound", "Table.resize needs ExcelApi 1.13.", "Table.resize");
      }
      guard(t.sheet, "table", "Table.resize");
      const [box] = boxesOf(address);
      if (!box || box.top !== t.box.top || !overlaps(box, t.box)) {
        throw officeError("InvalidArgument", "The new table range must keep the header row.", "Table.resize");
      }
      const others = t.sheet.tables.filter((x) => x !== t);
      if (others.some((o) => overlaps(o.box, box))) {
        throw officeError("MergedRangeConflict", "A table can't overlap another table.", "Table.resize");
      }
      t.box = box;
    });
  }

  private rangeOf(api: string, box: (t: TableState) => Box): Range {
    return new Range(this.context, this, METHOD_PATH_BYTES, () => {
      const t = this.resolve();
      return { sheet: t.sheet, boxes: [box(t)] };
    }).instantiate(api);
  }
}

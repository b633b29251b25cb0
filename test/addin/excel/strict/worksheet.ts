/**
 * `Excel.Worksheet`: ranges, protection, tables, notes and comments (only
 * where the loaded office.js has them: `ws.notes` is undefined below
 * ExcelApi 1.18, `ws.comments` below 1.10, as on an office.js that predates
 * them), the officer's charts and filters, and the onChanged /
 * onSelectionChanged events.
 */
import { ClientObject } from "./client-object";
import type { FakeContext } from "./context";
import { officeError } from "./errors";
import { METHOD_PATH_BYTES, PROPERTY_PATH_BYTES, jsonBytes } from "./payload";
import { libraryHas } from "./profiles";
import { NO_ALLOWANCES, storedCellsIn, type ChangeHandler, type ProtectionOptions, type SheetState } from "./state";
import { boxesOf, Range } from "./range";
import { checkSheetName, visibleSheets } from "./sheet-names";
import { TableCollection } from "./tables";
import { CommentCollection, NoteCollection } from "./notes";
import { AutoFilter, ChartCollection, FreezePanes } from "./officer-objects";

const WHOLE_SHEET = { top: 1, left: 1, bottom: 1_048_576, right: 16_384 };

export class Worksheet extends ClientObject<SheetState> {
  private parts: { protection?: WorksheetProtection; tables?: TableCollection; charts?: ChartCollection } = {};

  constructor(context: FakeContext, parent: ClientObject, pathBytes: number, locate?: () => SheetState | null) {
    super(context, parent, pathBytes, locate, "Worksheet");
    const profile = context.core.profile;
    const sheet = () => this.resolve();
    if (libraryHas(profile, "notes")) {
      const notes = new NoteCollection(context, this, sheet);
      Object.defineProperty(this, "notes", { get: () => notes, enumerable: true });
    }
    if (libraryHas(profile, "comments")) {
      const comments = new CommentCollection(context, this, sheet);
      Object.defineProperty(this, "comments", { get: () => comments, enumerable: true });
    }
  }

  snapshot(props: readonly string[]): Record<string, unknown> {
    const s = this.resolve();
    const out: Record<string, unknown> = {};
    for (const p of props) {
      if (p === "name" || p === "id" || p === "visibility") out[p] = s[p];
      else throw officeError("InvalidArgument", `The fake cannot load Worksheet.${p}.`, "Worksheet.load");
    }
    return out;
  }

  get name(): string {
    return this.read("name");
  }
  set name(name: string) {
    this.write("name", name, "Worksheet.name", (s) => {
      checkSheetName(this.context.core.book, name, "Worksheet.name", s);
      s.name = name;
    });
  }

  get id(): string {
    return this.read("id");
  }

  get visibility(): string {
    return this.read("visibility");
  }
  set visibility(v: SheetState["visibility"]) {
    this.write("visibility", v, "Worksheet.visibility", (s) => {
      if (v !== "Visible" && visibleSheets(this.context.core.book).every((o) => o === s)) {
        throw officeError("InvalidOperation", "The last visible sheet cannot be hidden.", "Worksheet.visibility");
      }
      s.visibility = v;
    });
  }

  getRange(address?: string): Range {
    const api = "Worksheet.getRange";
    return new Range(this.context, this, METHOD_PATH_BYTES + jsonBytes([address]), () => ({
      sheet: this.resolve(),
      boxes: boxesOf(address ?? "A1:XFD1048576"),
    })).instantiate(api);
  }

  /**
   * The smallest range holding every cell with a value (`valuesOnly`) or with
   * anything at all; a null object on an empty sheet (ExcelApi 1.4).
   */
  getUsedRangeOrNullObject(valuesOnly = false): Range {
    return new Range(this.context, this, METHOD_PATH_BYTES + jsonBytes([valuesOnly]), () => {
      const sheet = this.resolve();
      const used = storedCellsIn(sheet, WHOLE_SHEET).filter(
        ({ cell }) => !valuesOnly || cell.value !== "" || cell.formula !== undefined,
      );
      if (used.length === 0) return null;
      const box = {
        top: Math.min(...used.map((c) => c.row)),
        left: Math.min(...used.map((c) => c.col)),
        bottom: Math.max(...used.map((c) => c.row)),
        right: Math.max(...used.map((c) => c.col)),
      };
      return { sheet, boxes: [box] };
    }).instantiate("Worksheet.getUsedRangeOrNullObject", true);
  }

  getRanges(address: string): Range {
    return new Range(this.context, this, METHOD_PATH_BYTES + jsonBytes([address]), () => ({
      sheet: this.resolve(),
      boxes: boxesOf(address),
    })).instantiate("Worksheet.getRanges");
  }

  get protection(): WorksheetProtection {
    return (this.parts.protection ??= new WorksheetProtection(this.context, this, () => this.resolve()));
  }
  get tables(): TableCollection {
    return (this.parts.tables ??= new TableCollection(this.context, this, () => this.resolve()));
  }
  get charts(): ChartCollection {
    return (this.parts.charts ??= new ChartCollection(this.context, this, () => this.resolve()));
  }
  get autoFilter(): AutoFilter {
    return new AutoFilter(this.context, this, () => this.resolve());
  }
  get freezePanes(): FreezePanes {
    return new FreezePanes(this.context, this, () => this.resolve());
  }

  get onChanged(): EventSource {
    return new EventSource(this, "onChanged");
  }
  get onSelectionChanged(): EventSource {
    return new EventSource(this, "onSelectionChanged");
  }

  activate(): void {
    this.call("Worksheet.activate", [], (s) => (this.context.core.book.active = s), { readOnly: true });
  }

  delete(): void {
    this.call("Worksheet.delete", [], (s) => {
      const book = this.context.core.book;
      if (s.visibility === "Visible" && visibleSheets(book).length === 1) {
        throw officeError(
          "InvalidOperation",
          "A workbook must contain at least one visible worksheet.",
          "Worksheet.delete",
        );
      }
      s.deleted = true;
      if (book.active === s) book.active = visibleSheets(book)[0];
      if (book.selection?.sheet === s) delete book.selection;
    });
  }
}

/**
 * `WorksheetProtection`: `protect` "Fails if the worksheet has already been
 * protected" (Excel JavaScript API reference); options missing from the call
 * are not allowed.
 */
export class WorksheetProtection extends ClientObject<SheetState> {
  constructor(context: FakeContext, parent: ClientObject, locate: () => SheetState) {
    super(context, parent, PROPERTY_PATH_BYTES, locate, "WorksheetProtection");
  }

  snapshot(props: readonly string[]): Record<string, unknown> {
    const s = this.resolve();
    const out: Record<string, unknown> = {};
    for (const p of props) {
      if (p === "protected") out.protected = s.protection.protected;
      else if (p === "options") out.options = { ...s.protection.options };
      else throw officeError("InvalidArgument", `Cannot load WorksheetProtection.${p}.`);
    }
    return out;
  }

  get protected(): boolean {
    return this.read("protected");
  }
  get options(): ProtectionOptions {
    return this.read("options");
  }

  protect(options?: ProtectionOptions, password?: string): void {
    this.call("WorksheetProtection.protect", [options, password ? "***" : undefined], (s) => {
      if (s.protection.protected) {
        throw officeError("InvalidOperation", "The worksheet is already protected.", "WorksheetProtection.protect");
      }
      s.protection = { protected: true, options: { ...NO_ALLOWANCES, ...options } };
    });
  }

  unprotect(_password?: string): void {
    this.call("WorksheetProtection.unprotect", [], (s) => {
      s.protection = { protected: false, options: { ...NO_ALLOWANCES } };
    });
  }
}

/** `ws.onChanged` / `ws.onSelectionChanged`: `add` registers at the next sync. */
class EventSource {
  constructor(
    private readonly ws: Worksheet,
    private readonly kind: "onChanged" | "onSelectionChanged",
  ) {}

  add(handler: ChangeHandler): { remove(): void; context: FakeContext } {
    const ws = this.ws;
    let registered: SheetState | undefined;
    ws.context.command(
      ws,
      `Worksheet.${this.kind}.add`,
      [],
      () => {
        registered = ws.resolve();
        registered[this.kind].push(handler);
      },
      { readOnly: true },
    );
    return {
      context: ws.context,
      remove: () =>
        ws.context.command(
          ws,
          `Worksheet.${this.kind}.remove`,
          [],
          () => {
            if (registered) registered[this.kind] = registered[this.kind].filter((h) => h !== handler);
          },
          { readOnly: true },
        ),
    };
  }
}

/**
 * `Excel.WorksheetCollection`: finding and adding sheets under Excel's
 * naming rules (sheet-names.ts).
 */
import { ClientObject } from "./client-object";
import type { FakeContext } from "./context";
import { officeError } from "./errors";
import { METHOD_PATH_BYTES, jsonBytes } from "./payload";
import { findSheet, liveSheets, newSheet, type SheetState, type WorkbookState } from "./state";
import { checkSheetName, visibleSheets } from "./sheet-names";
import { Worksheet } from "./worksheet";

export class WorksheetCollection extends ClientObject<WorkbookState> {
  constructor(context: FakeContext, parent: ClientObject) {
    super(context, parent, 60, () => context.core.book, "WorksheetCollection");
  }

  snapshot(props: readonly string[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const p of props) {
      if (p !== "items" && !p.startsWith("items/")) throw officeError("InvalidArgument", `Cannot load ${p}.`);
      out.items = liveSheets(this.resolve()).map((s) => {
        const ws = this.sheetProxy(() => s);
        ws.cache.set("name", s.name);
        ws.cache.set("visibility", s.visibility);
        return ws;
      });
    }
    return out;
  }

  get items(): Worksheet[] {
    return this.read("items");
  }

  getItem(name: string): Worksheet {
    return this.sheetProxy(() => findSheet(this.context.core.book, name) ?? null, name).instantiate(
      "WorksheetCollection.getItem",
    );
  }

  getItemOrNullObject(name: string): Worksheet {
    return this.sheetProxy(() => findSheet(this.context.core.book, name) ?? null, name).instantiate(
      "WorksheetCollection.getItemOrNullObject",
      true,
    );
  }

  getActiveWorksheet(): Worksheet {
    return this.sheetProxy(
      () => this.context.core.book.active ?? visibleSheets(this.context.core.book)[0] ?? null,
    ).instantiate("WorksheetCollection.getActiveWorksheet");
  }

  add(name?: string): Worksheet {
    const ws = this.sheetProxy(undefined, name);
    this.context.command(this, "WorksheetCollection.add", [name], () => {
      const book = this.context.core.book;
      let n = liveSheets(book).length + 1;
      while (!name && findSheet(book, `Sheet${n}`)) n++;
      const sheetName = name ?? `Sheet${n}`;
      checkSheetName(book, sheetName, "WorksheetCollection.add");
      ws.bind(newSheet(book, sheetName));
    });
    return ws;
  }

  private sheetProxy(locate: (() => SheetState | null) | undefined, arg?: string): Worksheet {
    return new Worksheet(this.context, this, METHOD_PATH_BYTES + jsonBytes([arg]), locate);
  }
}

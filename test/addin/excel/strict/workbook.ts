/**
 * `context.workbook`: the sheets, and the workbook-level notes (ExcelApi 1.18)
 * and threaded comments (1.10) — present only where the loaded office.js has
 * them, like the worksheet's.
 */
import { ClientObject } from "./client-object";
import type { FakeContext } from "./context";
import { libraryHas } from "./profiles";
import { allTables, type SheetState, type WorkbookState } from "./state";
import { TableCollection } from "./tables";
import { WorksheetCollection } from "./worksheets";
import { CommentCollection, NoteCollection } from "./notes";
import { METHOD_PATH_BYTES } from "./payload";
import { officeError } from "./errors";
import { boxesOf, Range } from "./range";

export class WorkbookProxy extends ClientObject<WorkbookState> {
  readonly worksheets: WorksheetCollection;
  /** Every sheet's tables (ExcelApi 1.1): loading and looking up only; a table is added on its worksheet. */
  readonly tables: TableCollection;

  constructor(context: FakeContext) {
    super(context, undefined, 0, () => context.core.book, "Workbook");
    this.worksheets = new WorksheetCollection(context, this);
    const every = () => ({ tables: allTables(context.core.book) }) as unknown as SheetState;
    this.tables = new TableCollection(context, this, every);
    if (libraryHas(context.core.profile, "notes")) {
      const notes = new NoteCollection(context, this);
      Object.defineProperty(this, "notes", { get: () => notes, enumerable: true });
    }
    if (libraryHas(context.core.profile, "comments")) {
      const comments = new CommentCollection(context, this);
      Object.defineProperty(this, "comments", { get: () => comments, enumerable: true });
    }
  }

  snapshot(): Record<string, unknown> {
    return {};
  }

  getSelectedRange(): Range {
    return new Range(this.context, this, METHOD_PATH_BYTES, () => {
      const sel = this.context.core.book.selection;
      if (!sel) throw officeError("InvalidSelection", "Nothing is selected.", "Workbook.getSelectedRange");
      return { sheet: sel.sheet, boxes: boxesOf(sel.address) };
    }).instantiate("Workbook.getSelectedRange");
  }
}

/**
 * What the person at the keyboard does, as Excel handles it — the test's side
 * of the fake:
 * - editing a cell puts Excel in cell-edit mode (batches fail or wait, context.ts);
 * - typing commits through Excel's parsing and the cell's Stop alert, and only
 *   into unlocked cells of a protected sheet;
 * - a paste bypasses validation and REPLACES the target cells' validation, fill,
 *   number format and conditional formats with the source's (issue 11, item 10);
 * - a dropdown pick sets the value, but Excel on the web raises no onChanged
 *   for it (OfficeDev/office-js #4066, #3888);
 * - selecting raises onSelectionChanged.
 * Each change raises onChanged after it (events.ts) and joins the undo stack.
 */
import type { Core } from "./core";
import { changedEvent, selectionEvent } from "./events";
import { parseInput } from "./cell-values";
import { accepts, listOf } from "./validation-rules";
import { boxesOf } from "./range";
import { cellAt, cellFor, findSheet, type Box, type Scalar, type SheetState, type Validation } from "./state";
import { guard } from "./protection";
import { cutConditionalFormats } from "./cf-cut";
import { OfficeJsError } from "./errors";

export type Refusal = "protected" | "invalid" | "not-in-list" | "no-dropdown";

export interface PasteBlock {
  values: Scalar[][];
  /** The source cells' number format (default "General"), one for all or per cell. */
  numberFormat?: string | string[][];
  /** The source's fill (default: none). */
  fill?: string;
  /** The source's validation (default: none — the target's is dropped). */
  validation?: Validation;
}

export class UserActions {
  private endEdit: () => void = () => undefined;

  constructor(private readonly core: Core) {}

  /** The user starts editing a cell (F2, or typing into it) and has not pressed Enter yet. */
  startEditing(): void {
    if (this.core.editing) return;
    this.core.editing = true;
    this.core.editEnded = new Promise((resolve) => (this.endEdit = resolve));
  }

  /** Enter, Tab or Esc: edit mode ends and delayed batches run. */
  stopEditing(): void {
    if (!this.core.editing) return;
    this.core.editing = false;
    this.endEdit();
  }

  /** Types `text` into one cell and presses Enter. Answers why Excel refused it, or undefined. */
  type(sheetName: string, address: string, text: string): Refusal | undefined {
    const { sheet, box } = this.target(sheetName, address);
    this.startEditing();
    try {
      if (this.refused(sheet, [box])) return "protected";
      const before = cellAt(sheet, box.top, box.left);
      const value = parseInput(text, before.numberFormat);
      if (before.validation && !accepts(this.core.book, sheet, before.validation, value)) return "invalid";
      this.commit(sheet, box, before.value, value);
      return undefined;
    } finally {
      this.stopEditing();
    }
  }

  /** Picks `value` from the cell's in-cell dropdown. */
  pick(sheetName: string, address: string, value: string): Refusal | undefined {
    const { sheet, box } = this.target(sheetName, address);
    const cell = cellAt(sheet, box.top, box.left);
    const list = cell.validation?.rule.list as { source?: unknown; inCellDropDown?: boolean } | undefined;
    if (!list || list.inCellDropDown === false) return "no-dropdown";
    if (this.refused(sheet, [box])) return "protected";
    if (!listOf(this.core.book, sheet, list.source).some((x) => String(x) === value)) return "not-in-list";
    const raise = this.core.profile.platform !== "web";
    this.commit(sheet, box, cell.value, parseInput(value, cell.numberFormat), raise);
    return undefined;
  }

  /** Pastes a block with its top-left at `address` (Ctrl+V of cells copied elsewhere). */
  paste(sheetName: string, address: string, block: PasteBlock): Refusal | undefined {
    const { sheet, box: at } = this.target(sheetName, address);
    const box: Box = {
      top: at.top,
      left: at.left,
      bottom: at.top + block.values.length - 1,
      right: at.left + Math.max(...block.values.map((r) => r.length)) - 1,
    };
    if (this.refused(sheet, [box])) return "protected";
    // The source's formats replace the target's, conditional formats included.
    cutConditionalFormats(sheet, box);
    block.values.forEach((line, i) =>
      line.forEach((v, j) => {
        const c = cellFor(sheet, box.top + i, box.left + j);
        c.value = v;
        delete c.formula;
        const nf = block.numberFormat;
        c.numberFormat = typeof nf === "string" ? nf : (nf?.[i]?.[j] ?? "General");
        c.fill = block.fill;
        if (block.validation) c.validation = { ...block.validation };
        else delete c.validation;
      }),
    );
    this.core.undo.userAction();
    const single = box.top === box.bottom && box.left === box.right;
    const first = block.values[0]?.[0];
    this.core.raise([
      changedEvent(this.core, sheet, [box], {
        byAddin: false,
        ...(single && first !== undefined ? { after: first } : {}),
      }),
    ]);
    return undefined;
  }

  /** Clicks a cell (or drags over a range). */
  select(sheetName: string, address: string): void {
    const { sheet } = this.target(sheetName, address);
    this.core.book.active = sheet;
    this.core.book.selection = { sheet, address };
    this.core.raise([selectionEvent(sheet, address)]);
  }

  /** Data → Sort over `address`: whether Excel lets the user (allowSort, and no locked cell on a protected sheet). */
  canSort(sheetName: string, address: string): boolean {
    const { sheet, box } = this.target(sheetName, address);
    try {
      guard(sheet, "sort", "Sort", [box]);
      return true;
    } catch (e) {
      if (e instanceof OfficeJsError) return false;
      throw e;
    }
  }

  private commit(sheet: SheetState, box: Box, before: Scalar, value: Scalar, raise = true): void {
    const c = cellFor(sheet, box.top, box.left);
    c.value = value;
    delete c.formula;
    this.core.undo.userAction();
    if (raise) this.core.raise([changedEvent(this.core, sheet, [box], { byAddin: false, before, after: value })]);
  }

  private refused(sheet: SheetState, boxes: Box[]): boolean {
    try {
      guard(sheet, "values", "edit", boxes);
      return false;
    } catch {
      return true;
    }
  }

  private target(sheetName: string, address: string): { sheet: SheetState; box: Box } {
    const sheet = findSheet(this.core.book, sheetName);
    if (!sheet) throw new Error(`no sheet ${sheetName}`);
    const [box] = boxesOf(address);
    if (!box) throw new Error(`bad address ${address}`);
    return { sheet, box };
  }
}

/**
 * Notes (`NoteCollection`, ExcelApi 1.18) and threaded comments
 * (`CommentCollection`, 1.10) on single cells. A collection exists on the
 * proxies only where the loaded office.js has it (worksheet.ts); a call the
 * host lacks fails with ApiNotFound. "The range must be a single cell"
 * (InvalidArgument otherwise); a cell holds one note (ItemAlreadyExists for a
 * second); `getItem` of a cell without one fails with ItemNotFound — what a
 * stale "cells we noted" set runs into. On a protected sheet notes need
 * allowEditObjects and comments are refused (protection.ts).
 */
import { ClientObject } from "./client-object";
import type { FakeContext } from "./context";
import { officeError } from "./errors";
import { guard } from "./protection";
import { METHOD_PATH_BYTES, jsonBytes } from "./payload";
import { hostHas, type Member } from "./profiles";
import { cellAt, cellFor, findSheet, type SheetState } from "./state";
import { boxesOf, Range } from "./range";

interface CellRef {
  sheet: SheetState;
  row: number;
  col: number;
}

type Kind = "note" | "comment";

/** The one cell a note or comment is for: a Range proxy, or an address ("Sheet1!C5" or "C5" on `sheet`). */
function cellOf(
  context: FakeContext,
  arg: Range | string,
  sheet: (() => SheetState) | undefined,
  api: string,
): CellRef {
  if (arg instanceof Range) {
    const t = arg.resolve();
    const b = t.boxes[0];
    if (t.boxes.length !== 1 || !b || b.top !== b.bottom || b.left !== b.right) {
      throw officeError("InvalidArgument", "The range must be a single cell.", api);
    }
    return { sheet: t.sheet, row: b.top, col: b.left };
  }
  const bang = arg.lastIndexOf("!");
  const on = bang >= 0 ? findSheet(context.core.book, arg.slice(0, bang).replace(/^'|'$/g, "")) : sheet?.();
  const address = bang >= 0 ? arg.slice(bang + 1) : arg;
  if (!on) throw officeError("ItemNotFound", "The sheet doesn't exist.", api);
  if (address.includes(":") || address.includes(",")) {
    throw officeError("InvalidArgument", "The range must be a single cell.", api);
  }
  const [box] = boxesOf(address);
  return { sheet: on, row: (box as { top: number }).top, col: (box as { left: number }).left };
}

abstract class CellObjects extends ClientObject<SheetState | null> {
  constructor(
    context: FakeContext,
    parent: ClientObject,
    protected readonly sheet: (() => SheetState) | undefined,
    protected readonly kind: Kind,
    private readonly member: Member,
    typeName: string,
  ) {
    super(context, parent, 60, () => sheet?.() ?? null, typeName);
  }

  snapshot(props: readonly string[]): Record<string, unknown> {
    if (props.some((p) => p !== "items" && !p.startsWith("items/")))
      throw officeError("InvalidArgument", "Cannot load that.");
    const sheets = this.sheet ? [this.sheet()] : this.context.core.book.sheets.filter((s) => !s.deleted);
    const items: CellObject[] = [];
    for (const s of sheets) {
      for (const [k, c] of s.cells) {
        const text = this.kind === "note" ? c.note : c.comment;
        if (text === undefined) continue;
        const ref = { sheet: s, row: Math.floor(k / 20_000), col: k % 20_000 };
        const item = new CellObject(this.context, this, 0, () => ref, this.kind, this.member);
        item.cache.set("content", text);
        items.push(item);
      }
    }
    return { items };
  }

  get items(): CellObject[] {
    return this.read("items");
  }

  add(cellAddress: Range | string, content: string): CellObject {
    const api = `${this.typeName.replace("Collection", "")}Collection.add`;
    const item = new CellObject(this.context, this, METHOD_PATH_BYTES, undefined, this.kind, this.member);
    this.context.command(this, api, [typeof cellAddress === "string" ? cellAddress : "range", content], () => {
      this.requireHost(api);
      const ref = cellOf(this.context, cellAddress, this.sheet, api);
      guard(ref.sheet, this.kind === "note" ? "editObjects" : "comments", api);
      const cell = cellFor(ref.sheet, ref.row, ref.col);
      if ((this.kind === "note" ? cell.note : cell.comment) !== undefined) {
        throw officeError("ItemAlreadyExists", `The cell already has a ${this.kind}.`, api);
      }
      if (this.kind === "note") cell.note = content;
      else cell.comment = content;
      item.bind(ref);
    });
    return item;
  }

  protected requireHost(api: string): void {
    if (!hostHas(this.context.core.profile, this.member))
      throw officeError("ApiNotFound", `${api} is not supported.`, api);
  }

  protected itemAt(cellAddress: Range | string, api: string): CellObject {
    return new CellObject(
      this.context,
      this,
      METHOD_PATH_BYTES + jsonBytes([typeof cellAddress === "string" ? cellAddress : "range"]),
      () => {
        this.requireHost(api);
        const ref = cellOf(this.context, cellAddress, this.sheet, api);
        const c = cellAt(ref.sheet, ref.row, ref.col);
        return (this.kind === "note" ? c.note : c.comment) === undefined ? null : ref;
      },
      this.kind,
      this.member,
    ).instantiate(api);
  }
}

export class NoteCollection extends CellObjects {
  constructor(context: FakeContext, parent: ClientObject, sheet?: () => SheetState) {
    super(context, parent, sheet, "note", "notes", "NoteCollection");
  }
  /** `key`: the note's cell address. */
  getItem(key: string): CellObject {
    return this.itemAt(key, "NoteCollection.getItem");
  }
}

export class CommentCollection extends CellObjects {
  constructor(context: FakeContext, parent: ClientObject, sheet?: () => SheetState) {
    super(context, parent, sheet, "comment", "comments", "CommentCollection");
  }
  getItemByCell(cellAddress: Range | string): CellObject {
    return this.itemAt(cellAddress, "CommentCollection.getItemByCell");
  }
}

/** One `Note` or `Comment`: its content and `delete()`. */
export class CellObject extends ClientObject<CellRef> {
  constructor(
    context: FakeContext,
    parent: ClientObject,
    pathBytes: number,
    locate: (() => CellRef | null) | undefined,
    private readonly kind: Kind,
    private readonly member: Member,
  ) {
    super(context, parent, pathBytes, locate, kind === "note" ? "Note" : "Comment");
  }

  snapshot(props: readonly string[]): Record<string, unknown> {
    const r = this.resolve();
    const c = cellAt(r.sheet, r.row, r.col);
    return Object.fromEntries(
      props.map((p) => [p, p === "content" ? (this.kind === "note" ? c.note : c.comment) : undefined]),
    );
  }

  get content(): string {
    return this.read("content");
  }
  set content(text: string) {
    this.write("content", text, `${this.typeName}.content`, (r) => {
      this.check(r, `${this.typeName}.content`);
      const cell = cellFor(r.sheet, r.row, r.col);
      if (this.kind === "note") cell.note = text;
      else cell.comment = text;
    });
  }

  /** The cell the note or comment is on (Note.getLocation, Comment.getLocation). */
  getLocation(): Range {
    return new Range(this.context, this, METHOD_PATH_BYTES, () => {
      const r = this.resolve();
      return { sheet: r.sheet, boxes: [{ top: r.row, left: r.col, bottom: r.row, right: r.col }] };
    }).instantiate(`${this.typeName}.getLocation`);
  }

  delete(): void {
    this.call(`${this.typeName}.delete`, [], (r) => {
      this.check(r, `${this.typeName}.delete`);
      const cell = cellFor(r.sheet, r.row, r.col);
      if (this.kind === "note") delete cell.note;
      else delete cell.comment;
    });
  }

  private check(r: CellRef, api: string): void {
    if (!hostHas(this.context.core.profile, this.member))
      throw officeError("ApiNotFound", `${api} is not supported.`, api);
    guard(r.sheet, this.kind === "note" ? "editObjects" : "comments", api);
  }
}

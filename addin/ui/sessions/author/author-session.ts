/**
 * 新建表单: the officer defines a form in the definition sheets of the open
 * workbook (docs/definition-workbook.md), drawn like a form so Excel and the
 * preview draw, read and mark them with the form code. The session keeps the
 * sheets checked as they are edited (readDefinition, the publish checks: each
 * issue red on its cell), keeps what the draft guessed amber until the officer
 * confirms it, and publishes the template the sheets define. Nothing is kept
 * anywhere but in the sheets: a reloaded pane reads them again (`resume`).
 */
import type { CreateRoundRequest, Round } from "../../../../schemas/api/rounds";
import type { PublishedTemplate } from "../../../../schemas/api/templates";
import type { DraftGuess } from "../../../../schemas/definition/draft";
import { guessPlace } from "../../../../schemas/definition/guess-cells";
import type { DefinitionIssue } from "../../../../schemas/definition/locations";
import { readDefinition } from "../../../../schemas/definition/read";
import { bookOf, definitionLayouts, issueCell } from "../../../../schemas/definition/sheet-layouts";
import { SHEETS, type DefinitionBook } from "../../../../schemas/definition/sheets";
import type { SheetLayout } from "../../../../schemas/layout/form/layout-types";
import type { Template } from "../../../../schemas/template";
import type { CellMark, CellValue, FormWorkbook, Subscription } from "../../../sheet/form-workbook";
import type { ApiClient } from "../../../sync/api-client";
import type { ApiResult } from "../../../sync/api-result";
import { globalTimers, type TimerHandle, type Timers } from "../../../sync/timers";

/** One line of the pane's list: a publish issue (red) or a guess to confirm (amber). */
export interface AuthorEntry {
  id: string;
  kind: "issue" | "guess";
  message: string;
  /** The cell it concerns; none for the form as a whole. */
  at?: { sheet: string; key: string };
}

export interface AuthorState {
  /** The sheets define a publishable template (no issue); the guesses may still wait. */
  template: Template | null;
  entries: AuthorEntry[];
  checking: boolean;
}

export interface AuthorSessionOptions {
  workbook: FormWorkbook;
  api: ApiClient;
  timers?: Timers;
  /** Quiet time after the last edit before the sheets are checked again. */
  debounceMs?: number;
}

export class AuthorSession {
  private state: AuthorState = { template: null, entries: [], checking: false };
  private guesses: (DraftGuess & { id: string; at?: { sheet: string; key: string } })[] = [];
  private readonly listeners = new Set<(s: AuthorState) => void>();
  private readonly subscriptions: Subscription[] = [];
  private marked = new Map<string, Set<string>>();
  /** Each definition sheet's values as last read whole, with the changes reported since. */
  private readonly held = new Map<string, Record<string, CellValue>>();
  private timer: TimerHandle | undefined;
  private checkChain: Promise<void> = Promise.resolve();
  private disposed = false;

  private constructor(
    private readonly options: AuthorSessionOptions,
    private readonly layouts: SheetLayout[],
  ) {}

  /** Draws the definition sheets of `book` (replacing any), marks the guesses, checks it. */
  static async start(
    options: AuthorSessionOptions,
    book: DefinitionBook,
    guesses: DraftGuess[] = [],
  ): Promise<AuthorSession> {
    const layouts = definitionLayouts(book);
    // 表单 last: it is the sheet Excel shows when the drawing ends.
    for (const layout of [...layouts.slice(1), layouts[0] as SheetLayout]) await options.workbook.renderForm(layout);
    const session = new AuthorSession(options, layouts);
    session.guesses = guesses.map((g, i) => {
      const place = guessPlace(book, g);
      const at = place ? issueCell(place) : undefined;
      return { ...g, id: `guess-${i}`, ...(at ? { at } : {}) };
    });
    await session.listen();
    await session.check();
    return session;
  }

  /** The definition sheets this workbook already holds, bound again after the pane reloaded; null when none. */
  static async resume(options: AuthorSessionOptions): Promise<AuthorSession | null> {
    if (!(await options.workbook.hasSheet(SHEETS.form))) return null;
    const layouts = definitionLayouts({ sheets: [] });
    for (const layout of layouts) {
      if (!(await options.workbook.attachForm(layout))) await options.workbook.renderForm(layout);
    }
    const session = new AuthorSession(options, layouts);
    await session.listen();
    await session.check();
    return session;
  }

  subscribe(listener: (s: AuthorState) => void): () => void {
    this.listeners.add(listener);
    listener(this.state);
    return () => this.listeners.delete(listener);
  }

  current(): AuthorState {
    return this.state;
  }

  /** What the sheets hold now, read whole (one readValues per sheet), as the definition book. */
  async book(): Promise<DefinitionBook> {
    for (const l of this.layouts) this.held.set(l.sheet, await this.options.workbook.readValues(l.sheet));
    return this.heldBook();
  }

  /** Reads the sheets whole and runs the publish checks; marks and lists what they find. */
  check(): Promise<void> {
    return this.checkBook(() => this.book());
  }

  /**
   * The check after an edit: the values the change events brought on top of the
   * last whole read, so typing costs Excel no read of nine sheets per pause.
   */
  private checkHeld(): Promise<void> {
    return this.checkBook(async () => this.heldBook());
  }

  private heldBook(): DefinitionBook {
    return bookOf(this.layouts, (sheet) => this.held.get(sheet) ?? {});
  }

  private checkBook(book: () => Promise<DefinitionBook>): Promise<void> {
    const run = async () => {
      if (this.disposed) return;
      this.emit({ checking: true });
      const read = readDefinition(await book());
      const issues = read.ok ? [] : read.issues;
      const entries: AuthorEntry[] = [
        ...issues.map((issue, i) => issueEntry(issue, i)),
        ...this.guesses.map((g) => ({
          id: g.id,
          kind: "guess" as const,
          message: g.message,
          ...(g.at ? { at: g.at } : {}),
        })),
      ];
      await this.mark(entries);
      this.emit({ template: read.ok ? read.template : null, entries, checking: false });
    };
    this.checkChain = this.checkChain.then(run, run);
    return this.checkChain;
  }

  /** The officer has looked at a guess and keeps (or has fixed) what the cell says. */
  async confirm(id: string): Promise<void> {
    this.guesses = this.guesses.filter((g) => g.id !== id);
    await this.check();
  }

  async select(entry: AuthorEntry): Promise<void> {
    if (entry.at) await this.options.workbook.selectCell(entry.at.sheet, entry.at.key);
  }

  /** 发布: the template the sheets define, as an immutable version (POST /templates). */
  async publish(): Promise<ApiResult<PublishedTemplate> | { ok: false; offline: false; message: string }> {
    await this.check();
    const { template, entries } = this.state;
    if (!template) {
      const count = entries.filter((e) => e.kind === "issue").length;
      return { ok: false, offline: false, message: `表单定义还有 ${count} 处错误，请按列表改正后再发布` };
    }
    return this.options.api.publishTemplate(template);
  }

  /** 开启填报 of a published version. */
  openRound(body: CreateRoundRequest): Promise<ApiResult<Round>> {
    return this.options.api.openRound(body);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.timer !== undefined) (this.options.timers ?? globalTimers).clearTimeout(this.timer);
    for (const s of this.subscriptions.splice(0)) await s.remove();
  }

  private async listen(): Promise<void> {
    const timers = this.options.timers ?? globalTimers;
    const later = () => {
      if (this.timer !== undefined) timers.clearTimeout(this.timer);
      this.timer = timers.setTimeout(() => {
        this.timer = undefined;
        void this.checkHeld();
      }, this.options.debounceMs ?? 400);
    };
    for (const l of this.layouts) {
      const changed = (_cells: readonly string[], values: Readonly<Record<string, CellValue>>) => {
        this.held.set(l.sheet, { ...this.held.get(l.sheet), ...values });
        later();
      };
      this.subscriptions.push(await this.options.workbook.onCellsChanged(l.sheet, changed));
    }
  }

  /** One markCells per sheet whose marks changed: red for issues, amber for guesses. */
  private async mark(entries: readonly AuthorEntry[]): Promise<void> {
    const next = new Map<string, CellMark[]>();
    for (const e of entries) {
      if (!e.at) continue;
      const list = next.get(e.at.sheet) ?? [];
      list.push({ cell: e.at.key, severity: e.kind === "issue" ? "error" : "warning", note: e.message });
      next.set(e.at.sheet, list);
    }
    for (const l of this.layouts) {
      const marks = next.get(l.sheet) ?? [];
      const now = new Set(marks.map((m) => m.cell));
      const cleared = [...(this.marked.get(l.sheet) ?? [])].filter((k) => !now.has(k));
      if (marks.length === 0 && cleared.length === 0) continue;
      await this.options.workbook.markCells(l.sheet, marks, cleared);
      this.marked.set(l.sheet, now);
    }
  }

  private emit(change: Partial<AuthorState>): void {
    this.state = { ...this.state, ...change };
    for (const l of this.listeners) l(this.state);
  }
}

function issueEntry(issue: DefinitionIssue, i: number): AuthorEntry {
  const at = issueCell(issue);
  return { id: `issue-${i}`, kind: "issue", message: issue.message, ...(at ? { at } : {}) };
}

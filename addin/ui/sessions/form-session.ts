/**
 * One open form: the sheet, the live check and the sync engine wired together,
 * without any DOM, so it is tested against the memory workbook and a fake server.
 *
 * Every change the sheet reports (typed, pasted, filled, or found by a re-read
 * when the pane regains focus) goes through the Validator (sheet-values.ts); the
 * canonical value is queued for the server, written back to the sheet when the
 * clerk's text differs (８２．５ → 82.5), and the marks (sheet-marks.ts) and the
 * 问题 list (form-problems.ts) follow. Rosters grow as they fill (roster-rows.ts).
 * Blank required cells show as 待填 until the first 上报 attempt, which the pane
 * store remembers for the report.
 */
import type { Template } from "../../../schemas/template";
import type { SheetLayout } from "../../../schemas/layout/form/layout";
import { withRosterRows } from "../../../schemas/layout/form/roster-rows";
import type { AutoOpen } from "../../sheet/auto-open";
import type { CellKey, CellValue, FormWorkbook, Subscription } from "../../sheet/form-workbook";
import type { ApiClient } from "../../sync/api-client";
import { isNote, type OutboxPrivacy } from "../../sync/outbox";
import { MemoryStore, type KeyValueStore } from "../../sync/storage";
import { SyncEngine, type Choice, type RemoteUpdate } from "../../sync/sync-engine";
import type { Timers } from "../../sync/timers";
import { describeError } from "./describe-error";
import { FormProblems } from "./form-problems";
import { formState, submitVerdict, type FormState, type ReportInfo, type Verdict } from "./form-state";
import { localFields, splitLocal } from "./local-fields";
import { PaneStore } from "./pane-store";
import { RosterRows, rowsToFit } from "./roster-rows";
import { SheetMarks } from "./sheet-marks";
import { SheetValues } from "./sheet-values";
import { sensitiveFields } from "./sensitive-fields";
import { syncDisplay } from "./sync-label";

export type { FormState, RosterState, Verdict } from "./form-state";

export interface FormSessionOptions {
  template: Template;
  layout: SheetLayout;
  workbook: FormWorkbook;
  api: ApiClient;
  store: KeyValueStore;
  /**
   * Where unsent sensitive values wait (sessionStorage in the pane; sync/outbox.ts says why).
   * Default: memory, for as long as the session.
   */
  volatile?: KeyValueStore;
  round: string;
  unit: string;
  timers?: Timers;
  debounceMs?: number;
  retry?: { initialMs?: number; maxMs?: number };
  /** Tags the workbook to reopen the pane; called once the form is on the sheet, never per edit. */
  autoOpen?: AutoOpen;
}

export class FormSession {
  readonly engine: SyncEngine;
  private readonly values: SheetValues;
  private readonly marks: SheetMarks;
  private readonly rosters: RosterRows;
  private readonly problems: FormProblems;
  private readonly pane: PaneStore;
  private info: ReportInfo = { status: null, returnReason: null, locked: false };
  private verdict: Verdict | null = null;
  private submitting = false;
  private subscription: Subscription | undefined;
  private readonly listeners = new Set<(s: FormState) => void>();
  private disposed = false;
  /** Why the sheet holds an edit not read yet (the workbook reads it again by itself); null when none. */
  private unread: string | null = null;

  /** Draws or reconnects the sheet, fills it with what this device knows, and starts syncing. */
  static async open(options: FormSessionOptions): Promise<{ session: FormSession; reopened: boolean }> {
    const { workbook } = options;
    const privacy = { sensitive: sensitiveFields(options.template), volatile: options.volatile ?? new MemoryStore() };
    const local = localFields(options.store, options.round, options.unit, privacy);
    // Rosters get room for every row this device knows before the sheet is drawn or reconnected.
    const layout = withRosterRows(options.layout, rowsToFit(options.layout, local));
    const attached = await workbook.attachForm(layout);
    if (!attached) {
      await workbook.renderForm(layout);
      const cells = Object.fromEntries(Object.entries(local).filter(([f]) => !isNote(f)));
      if (Object.keys(cells).length > 0) await workbook.writeValues(layout.sheet, cells);
    }
    // Not awaited, and its failure only means the pane does not reopen by itself.
    void options.autoOpen?.tagWorkbook().catch(() => undefined);
    const session = new FormSession(options, local, attached ?? layout, privacy);
    // Computed items without a formula show the engine's value (the workbook skips those with one).
    const computed = session.values.computedValues();
    if (Object.keys(computed).length > 0) await workbook.writeValues(layout.sheet, computed);
    await session.refreshMarks();
    // The sheet may hold edits this device never queued (typed while the pane was closed).
    await session.recheck();
    session.subscription = await workbook.onCellsChanged(
      layout.sheet,
      // The edit is queued before any write-back or mark can fail; a failure of those is said, not thrown away.
      (_cells, values) => void session.sheetChanged(values).catch((e: unknown) => session.failed(e)),
      (message) => session.sheetUnread(message),
    );
    void session.engine.start().then(() => session.emit());
    void session.loadInfo();
    return { session, reopened: attached !== null };
  }

  private constructor(
    private readonly options: FormSessionOptions,
    local: Record<string, string | null>,
    layout: SheetLayout,
    privacy: OutboxPrivacy,
  ) {
    const { template, workbook } = options;
    const { cells, explanations } = splitLocal(local);
    this.values = new SheetValues(template, cells);
    this.pane = new PaneStore(options.store);
    this.problems = new FormProblems(
      layout,
      explanations,
      () => this.values.validator.problems(),
      this.pane.triedSubmit(options.round, options.unit),
    );
    this.marks = new SheetMarks(workbook, layout.sheet);
    this.rosters = new RosterRows(workbook, layout);
    this.engine = new SyncEngine({
      api: options.api,
      store: options.store,
      privacy,
      round: options.round,
      unit: options.unit,
      timers: options.timers,
      debounceMs: options.debounceMs,
      retry: options.retry ?? { initialMs: 1000, maxMs: 10_000 },
      canonical: (field, raw) => this.values.canonical(field, raw),
    });
    this.engine.onRemote((u) => void this.remote(u));
    this.engine.subscribe(() => this.emit());
  }

  get template(): Template {
    return this.options.template;
  }

  /** The layout the sheet is bound to now: its rosters may have grown since the form was opened. */
  get layout(): SheetLayout {
    return this.rosters.layout;
  }

  get round(): string {
    return this.options.round;
  }

  /** Called with every new state, and once right away. Returns the unsubscribe. */
  subscribe(listener: (s: FormState) => void): () => void {
    this.listeners.add(listener);
    listener(this.state());
    return () => this.listeners.delete(listener);
  }

  state(): FormState {
    const sync = syncDisplay(this.engine.snapshot(), this.unread);
    return formState({
      summary: this.problems.summary(sync),
      sync,
      syncedStatus: this.engine.server?.status,
      info: this.info,
      explanations: this.problems.explanations,
      submitting: this.submitting,
      verdict: this.verdict,
      layout: this.rosters.layout,
    });
  }

  /** How a cell (or a `note:` 上报说明) is named to the clerk, e.g. 第 1 项「共筹集资金」. */
  describe(field: string): string {
    return this.values.describe(field);
  }

  /** Selects the first cell of a problem. */
  async select(cell: CellKey): Promise<void> {
    await this.options.workbook.selectCell(this.sheet, cell);
  }

  /** The sheet reported changed cells: check them, queue them, mark them, and grow a roster filled to its end. */
  async sheetChanged(values: Readonly<Record<CellKey, CellValue>>): Promise<void> {
    if (this.disposed) return;
    const keys = Object.keys(values);
    if (keys.length === 0) return;
    const { workbook } = this.options;
    if (!this.state().editable) {
      // The form is read-only now: put back what was submitted instead of keeping an edit that cannot be saved.
      this.verdict = { tone: "error", text: "报表已上报或已锁定，不能修改；已恢复为上报的内容" };
      await workbook.writeValues(this.sheet, this.values.saved(keys));
      this.emit();
      return;
    }
    const { edits, writeBack, computed } = this.values.apply(values);
    this.problems.cellsChanged(keys);
    if (edits.length > 0) this.engine.editMany(edits);
    // One write for both: the canonical text of what was typed and the computed items it changed.
    const writes = { ...writeBack, ...computed };
    if (Object.keys(writes).length > 0) await workbook.writeValues(this.sheet, writes);
    await this.refreshMarks();
    this.emit();
    const growing = this.rosters.fit(values);
    if (growing) await this.growRosters(growing);
  }

  private failed(e: unknown): void {
    this.verdict = { tone: "error", text: describeError(e) };
    this.emit();
  }

  /** The workbook could not read changed cells back (a message), or has read them all now (null). */
  sheetUnread(message: string | null): void {
    this.unread = message;
    this.emit();
  }

  /**
   * Reads the whole form back and treats every difference as a change: pastes,
   * fills and dropdown picks that raised no event are caught here (on focus,
   * before submit).
   */
  async recheck(): Promise<void> {
    const sheet = await this.options.workbook.readValues(this.sheet);
    await this.sheetChanged(this.values.changesIn(sheet));
  }

  /** `count` more rows for `roster` (增加行), e.g. before pasting a long block. */
  async addRows(roster: string, count: number): Promise<void> {
    await this.growRosters(this.rosters.add(roster, count));
  }

  /** Writes (or with blank text removes) the 上报说明 of a warning. */
  explain(problemId: string, text: string): void {
    const changed = this.problems.explain(problemId, text);
    if (changed === undefined || !this.state().editable) return;
    this.engine.explain(problemId, changed);
    this.emit();
  }

  resolve(choices: Readonly<Record<string, Choice>>): void {
    this.engine.resolve(choices);
    this.emit();
  }

  /** The pane is visible again: catch up with the sheet and the server. */
  async regainFocus(): Promise<void> {
    await this.recheck();
    await this.engine.refresh();
    await this.loadInfo();
  }

  online(): Promise<void> {
    return this.engine.online();
  }

  offline(): void {
    this.engine.markOffline();
  }

  retry(): Promise<void> {
    return this.engine.retry();
  }

  /** Checks the sheet once more, saves everything, then asks the server to accept the report. */
  async submit(): Promise<void> {
    if (this.submitting) return;
    this.problems.showBlank();
    this.pane.setTriedSubmit(this.options.round, this.options.unit);
    await this.recheck();
    const block = this.state().submitBlock;
    if (block) {
      this.verdict = { tone: "error", text: block };
      await this.refreshMarks();
      this.emit();
      return;
    }
    this.submitting = true;
    this.verdict = { tone: "info", text: "正在保存并上报…" };
    this.emit();
    const outcome = await this.engine.submit();
    this.submitting = false;
    const { verdict, info } = submitVerdict(outcome);
    this.verdict = verdict;
    if (info) this.info = info;
    this.problems.serverFound(outcome.ok ? [] : outcome.problems);
    if (!outcome.ok) void this.loadInfo();
    await this.refreshMarks();
    this.emit();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.marks.stop();
    this.engine.dispose();
    this.listeners.clear();
    await this.subscription?.remove();
  }

  /** Brings the sheet's marks in line with the problems; one round trip at most, never two at once. */
  refreshMarks(): Promise<void> {
    return this.marks.refresh(() => this.problems.summary(this.engine.snapshot()).entries);
  }

  private get sheet(): string {
    return this.options.layout.sheet;
  }

  /** Others' changes (or "theirs" choices) arrive: make room for their roster rows, then show them. */
  private async remote(update: RemoteUpdate): Promise<void> {
    if (this.disposed) return;
    const cells = Object.keys(update.values);
    this.problems.remoteExplanations(update.explanations);
    if (cells.length > 0) {
      const computed = this.values.acceptRemote(update.values);
      this.problems.cellsChanged(cells);
      const growing = this.rosters.fit(update.values);
      if (growing) await this.growRosters(growing);
      // The engine's computed values, not the server's copy of them (they agree once the server has every edit).
      await this.options.workbook.writeValues(this.sheet, { ...update.values, ...computed });
    }
    await this.refreshMarks();
    this.emit();
  }

  /** A roster that cannot grow (an old Excel) is said in the pane; what was typed stays queued. */
  private async growRosters(growing: Promise<void>): Promise<void> {
    const before = this.rosters.layout;
    try {
      await growing;
    } catch (e) {
      this.verdict = { tone: "error", text: describeError(e) };
      this.emit();
      return;
    }
    if (this.rosters.layout !== before) this.emit();
  }

  private async loadInfo(): Promise<void> {
    const res = await this.options.api.report(this.options.round, this.options.unit);
    if (!res.ok || this.disposed) return;
    const r = res.data.report;
    this.info = { status: r.status, returnReason: r.returnReason, locked: r.locked };
    // Rules that read prev() check against last round's approved values, as the server's check does.
    if (r.previous) {
      const change = this.values.validator.setPrevious(r.previous);
      if (change.appeared.length > 0 || change.cleared.length > 0) await this.refreshMarks();
    }
    this.emit();
  }

  private emit(): void {
    if (this.disposed || this.listeners.size === 0) return;
    const s = this.state();
    for (const l of this.listeners) l(s);
  }
}

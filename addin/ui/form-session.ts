/**
 * One open form: the sheet, the live check and the sync engine wired together,
 * without any DOM, so it is tested against the memory workbook and a fake server.
 *
 * Every change the sheet reports (typed, pasted, filled, or found by a re-read
 * when the pane regains focus) goes through the Validator; the canonical value is
 * queued for the server, written back to the sheet when the clerk's text differs
 * (８２．５ → 82.5), and the marks and the 问题 list follow. Unreadable values stay
 * in the sheet with an error but are not sent: the server would refuse them.
 */
import type { ReportStatus } from "../../schemas/api/reports";
import { describeCell, locateCell, parseCellInput } from "../../schemas/cells";
import type { Problem } from "../../schemas/problem";
import type { Template } from "../../schemas/template";
import { Validator } from "../../schemas/validate";
import type { SheetLayout } from "../excel/layout";
import type { CellKey, CellValue, FormWorkbook, Subscription } from "../excel/workbook";
import type { ApiClient } from "../sync/api-client";
import { NOTE_PREFIX, Outbox, batchFields, isNote, type FieldValue } from "../sync/outbox";
import { invalidCellProblems, mapProblems, pruneServerProblems, type ProblemSummary } from "../sync/problem-map";
import type { KeyValueStore } from "../sync/storage";
import { SyncEngine, type Choice, type RemoteUpdate } from "../sync/sync-engine";
import type { SyncSnapshot } from "../sync/sync-state";
import type { Timers } from "../sync/timers";
import { isBlank, needsWriteBack } from "./cell-input";
import { diffMarks, type MarkState } from "./marks";
import { isEditable } from "./rounds";
import { submitBlocker } from "./submit-gate";

export interface Verdict {
  tone: "ok" | "error" | "info";
  text: string;
}

/** Everything the form view draws. */
export interface FormState {
  summary: ProblemSummary;
  sync: SyncSnapshot;
  status: ReportStatus | null;
  /** The reviewer's reason, while the report is returned. */
  returnReason: string | null;
  locked: boolean;
  editable: boolean;
  /** problem id → 上报说明 as the clerk last wrote it. */
  explanations: Readonly<Record<string, string>>;
  /** Why 上报 is not possible now; null when it is. */
  submitBlock: string | null;
  submitting: boolean;
  verdict: Verdict | null;
}

export interface FormSessionOptions {
  template: Template;
  layout: SheetLayout;
  workbook: FormWorkbook;
  api: ApiClient;
  store: KeyValueStore;
  round: string;
  unit: string;
  timers?: Timers;
  debounceMs?: number;
  retry?: { initialMs?: number; maxMs?: number };
}

interface ReportInfo {
  status: ReportStatus | null;
  returnReason: string | null;
  locked: boolean;
}

export class FormSession {
  readonly engine: SyncEngine;
  private readonly validator: Validator;
  /** What the outbox and server believe each cell holds (canonical), to queue real changes only. */
  private readonly synced = new Map<CellKey, string | null>();
  /** Unreadable text per cell, so a re-read of the same text is not a new change. */
  private readonly invalidRaw = new Map<CellKey, CellValue>();
  private readonly explanationMap: Record<string, string> = {};
  private readonly order: Map<CellKey, number>;
  private server: Problem[] = [];
  private marks: MarkState = new Map();
  private markChain: Promise<void> = Promise.resolve();
  private info: ReportInfo = { status: null, returnReason: null, locked: false };
  private verdict: Verdict | null = null;
  private submitting = false;
  private subscription: Subscription | undefined;
  private readonly listeners = new Set<(s: FormState) => void>();
  private disposed = false;

  /** Draws or reconnects the sheet, fills it with what this device knows, and starts syncing. */
  static async open(options: FormSessionOptions): Promise<{ session: FormSession; reopened: boolean }> {
    const { workbook, layout } = options;
    const local = localFields(options.store, options.round, options.unit);
    const reopened = await workbook.attachForm(layout);
    if (!reopened) {
      await workbook.renderForm(layout);
      const cells = Object.fromEntries(Object.entries(local).filter(([f]) => !isNote(f)));
      if (Object.keys(cells).length > 0) await workbook.writeValues(layout.sheet, cells);
    }
    const session = new FormSession(options, local);
    await session.refreshMarks();
    // The sheet may hold edits this device never queued (typed while the pane was closed).
    await session.recheck();
    session.subscription = await workbook.onCellsChanged(layout.sheet, (_cells, values) => void session.sheetChanged(values));
    void session.engine.start().then(() => session.emit());
    void session.loadInfo();
    return { session, reopened };
  }

  private constructor(
    private readonly options: FormSessionOptions,
    local: Record<string, string | null>,
  ) {
    const { template, layout } = options;
    const cells: Record<string, string> = {};
    for (const [field, value] of Object.entries(local)) {
      if (value === null) continue;
      if (isNote(field)) this.explanationMap[field.slice(NOTE_PREFIX.length)] = value;
      else {
        cells[field] = value;
        this.synced.set(field, value);
      }
    }
    this.validator = new Validator(template, cells);
    this.order = new Map(layout.cells.map((c, i) => [c.key, i]));
    this.engine = new SyncEngine({
      api: options.api,
      store: options.store,
      round: options.round,
      unit: options.unit,
      timers: options.timers,
      debounceMs: options.debounceMs,
      retry: options.retry ?? { initialMs: 1000, maxMs: 10_000 },
      canonical: (field, raw) => this.canonical(field, raw),
    });
    this.engine.onRemote((u) => void this.remote(u));
    this.engine.subscribe(() => this.emit());
  }

  get template(): Template {
    return this.options.template;
  }

  get layout(): SheetLayout {
    return this.options.layout;
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
    const sync = this.engine.snapshot();
    const summary = this.summary(sync);
    const status = this.engine.server?.status ?? this.info.status;
    const locked = this.info.locked;
    return {
      summary,
      sync,
      status,
      returnReason: status === "returned" ? this.info.returnReason : null,
      locked,
      editable: isEditable(status) && !locked,
      explanations: { ...this.explanationMap },
      submitBlock: submitBlocker({ summary, sync, status, locked }),
      submitting: this.submitting,
      verdict: this.verdict,
    };
  }

  /** How a cell (or a `note:` 上报说明) is named to the clerk, e.g. 第 1 项「共筹集资金」. */
  describe(field: string): string {
    if (isNote(field)) {
      const id = field.slice(NOTE_PREFIX.length);
      return `上报说明（${this.validator.problems().find((p) => p.id === id)?.message ?? id}）`;
    }
    const at = locateCell(this.validator.compiled, field);
    return at ? describeCell(at) : field;
  }

  /** Selects the first cell of a problem. */
  async select(cell: CellKey): Promise<void> {
    await this.options.workbook.selectCell(this.options.layout.sheet, cell);
  }

  /** The sheet reported changed cells: check them, queue them, mark them. */
  async sheetChanged(values: Readonly<Record<CellKey, CellValue>>): Promise<void> {
    if (this.disposed) return;
    const keys = Object.keys(values);
    if (keys.length === 0) return;
    const { workbook, layout } = this.options;
    if (!this.state().editable) {
      // The form is read-only now: put back what was submitted instead of keeping an edit that cannot be saved.
      const restore = Object.fromEntries(keys.map((k) => [k, this.synced.get(k) ?? null]));
      this.verdict = { tone: "error", text: "报表已上报或已锁定，不能修改；已恢复为上报的内容" };
      await workbook.writeValues(layout.sheet, restore);
      this.emit();
      return;
    }
    const result = this.validator.setMany(keys.map((cell) => ({ cell, value: values[cell] })));
    const edits: { cell: string; value: FieldValue }[] = [];
    const writeBack: Record<CellKey, string> = {};
    for (const [cell, canonical] of Object.entries(result.values)) {
      const raw = values[cell] ?? null;
      if (canonical === null && !isBlank(raw)) {
        this.invalidRaw.set(cell, raw);
        continue;
      }
      this.invalidRaw.delete(cell);
      if (canonical !== (this.synced.get(cell) ?? null)) {
        edits.push({ cell, value: canonical });
        this.synced.set(cell, canonical);
      }
      if (needsWriteBack(raw, canonical) && canonical !== null) writeBack[cell] = canonical;
    }
    this.server = pruneServerProblems(this.server, keys);
    if (edits.length > 0) this.engine.editMany(edits);
    if (Object.keys(writeBack).length > 0) await workbook.writeValues(layout.sheet, writeBack);
    await this.refreshMarks();
    this.emit();
  }

  /**
   * Reads the whole form back and treats every difference as a change: pastes,
   * fills and dropdown picks that raised no event are caught here (on focus,
   * before submit).
   */
  async recheck(): Promise<void> {
    const { workbook, layout } = this.options;
    const sheet = await workbook.readValues(layout.sheet);
    const changed: Record<CellKey, CellValue> = {};
    for (const [cell, raw] of Object.entries(sheet)) {
      if (this.invalidRaw.has(cell) && this.invalidRaw.get(cell) === raw) continue;
      const current = this.validator.value(cell) ?? null;
      if (isBlank(raw)) {
        if (current !== null || this.invalidRaw.has(cell)) changed[cell] = null;
        continue;
      }
      const parsed = parseCellInput(this.options.template, cell, raw);
      if (!parsed.ok || parsed.value !== current || needsWriteBack(raw, parsed.value)) changed[cell] = raw;
    }
    await this.sheetChanged(changed);
  }

  /** Writes (or with blank text removes) the 上报说明 of a warning. */
  explain(problemId: string, text: string): void {
    const t = text.trim();
    if ((this.explanationMap[problemId] ?? "") === t) return;
    if (t) this.explanationMap[problemId] = t;
    else delete this.explanationMap[problemId];
    if (!this.state().editable) return;
    this.engine.explain(problemId, t || null);
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
    await this.recheck();
    const block = this.state().submitBlock;
    if (block) {
      this.verdict = { tone: "error", text: block };
      this.emit();
      return;
    }
    this.submitting = true;
    this.verdict = { tone: "info", text: "正在保存并上报…" };
    this.emit();
    const outcome = await this.engine.submit();
    this.submitting = false;
    if (outcome.ok) {
      this.info = { status: outcome.report.status, returnReason: outcome.report.returnReason, locked: outcome.report.locked };
      this.server = [];
      this.verdict = {
        tone: "ok",
        text: outcome.report.late ? "已上报（已过截止日期，系统已记录为逾期上报）。报表现为只读。" : "已上报，等待审核。报表现为只读。",
      };
    } else {
      this.server = outcome.problems;
      const count = outcome.problems.length;
      this.verdict = { tone: "error", text: count > 0 ? `服务器未接受上报：${outcome.message}（${count} 个问题已标在表中）` : outcome.message };
      void this.loadInfo();
    }
    await this.refreshMarks();
    this.emit();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.engine.dispose();
    this.listeners.clear();
    await this.subscription?.remove();
  }

  // ---- internals -----------------------------------------------------------

  private summary(sync: SyncSnapshot): ProblemSummary {
    const invalid = sync.state.kind === "error" ? invalidCellProblems(sync.state.invalid) : [];
    return mapProblems({
      local: this.validator.problems(),
      server: [...this.server, ...invalid],
      explanations: this.explanationMap,
      cellOrder: (cell) => this.order.get(cell) ?? Number.MAX_SAFE_INTEGER,
    });
  }

  private canonical(field: string, raw: FieldValue): string | null {
    if (raw === null) return null;
    if (isNote(field)) return String(raw).trim() || null;
    const parsed = parseCellInput(this.options.template, field, raw);
    return parsed.ok ? parsed.value : String(raw);
  }

  /** Others' changes (or "theirs" choices) arrive: show them in the sheet. */
  private async remote(update: RemoteUpdate): Promise<void> {
    if (this.disposed) return;
    const cells = Object.keys(update.values);
    for (const [id, text] of Object.entries(update.explanations)) {
      if (text) this.explanationMap[id] = text;
      else delete this.explanationMap[id];
    }
    if (cells.length > 0) {
      for (const cell of cells) {
        this.synced.set(cell, update.values[cell] ?? null);
        this.invalidRaw.delete(cell);
      }
      this.validator.setMany(cells.map((cell) => ({ cell, value: update.values[cell] ?? null })));
      this.server = pruneServerProblems(this.server, cells);
      await this.options.workbook.writeValues(this.options.layout.sheet, update.values);
    }
    await this.refreshMarks();
    this.emit();
  }

  /** Brings the sheet's marks in line with the problems; one round trip at most, never two at once. */
  refreshMarks(): Promise<void> {
    const run = async () => {
      if (this.disposed) return;
      const diff = diffMarks(this.marks, this.summary(this.engine.snapshot()).entries);
      if (diff.marks.length === 0 && diff.cleared.length === 0) return;
      await this.options.workbook.markCells(this.options.layout.sheet, diff.marks, diff.cleared);
      this.marks = diff.next;
    };
    this.markChain = this.markChain.then(run, run);
    return this.markChain;
  }

  private async loadInfo(): Promise<void> {
    const res = await this.options.api.report(this.options.round, this.options.unit);
    if (!res.ok || this.disposed) return;
    const r = res.data.report;
    this.info = { status: r.status, returnReason: r.returnReason, locked: r.locked };
    this.emit();
  }

  private emit(): void {
    if (this.disposed || this.listeners.size === 0) return;
    const s = this.state();
    for (const l of this.listeners) l(s);
  }
}

/** Server values, the batch in flight and queued edits of a report, as this device last saved them. */
function localFields(store: KeyValueStore, round: string, unit: string): Record<string, string | null> {
  const box = Outbox.open(store, round, unit);
  const out: Record<string, string | null> = { ...(box.base?.fields ?? {}) };
  const put = (field: string, value: FieldValue) => {
    out[field] = value === null ? null : String(value);
  };
  if (box.inflight) for (const [f, v] of batchFields(box.inflight)) put(f, v);
  for (const [f, v] of box.pending) put(f, v);
  return out;
}

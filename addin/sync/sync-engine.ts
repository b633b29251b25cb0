/**
 * Keeps one report in the sheet and on the server in step, and tells the task
 * pane where it stands (sync-state.ts).
 *
 * Every edit goes to the persisted outbox first, then a save is sent about a
 * second after the last edit. One save is in flight at a time; its batch is
 * frozen with its Idempotency-Key, so whatever happens to the answer (lost,
 * reload, offline) the same save is retried and the server applies it once.
 * Nothing the clerk typed is dropped without their say: a field someone else
 * changed meanwhile becomes a conflict to resolve, never a silent overwrite.
 */
import type { EditConflict } from "../../schemas/api/reports";
import type { CrossUnitNotice } from "../../schemas/pii/cross-unit";
import type { ApiFailure } from "./api-result";
import { SyncHealth } from "./health";
import { newIdempotencyKey } from "./idempotency-key";
import { NOTE_PREFIX, Outbox, type Batch, type FieldValue, type InvalidCell, type ServerState } from "./outbox";
import {
  changedFields,
  detectConflicts,
  fieldsOf,
  rebaseConflicts,
  isEmptyUpdate,
  plainCanonical,
  remoteUpdate,
  serverStateOf,
  type Canonicalize,
  type RemoteUpdate,
} from "./rebase";
import { saveRefusal } from "./save-refusal";
import type { SyncEngineOptions } from "./sync-options";
import { deriveState, type SyncSnapshot, type SyncState } from "./sync-state";
import { submitBlocker, submitFailure, submitRefusal, type SubmitOutcome } from "./submit-outcome";
import { Timer } from "./timer";
import { globalTimers } from "./timers";

export type { SyncEngineOptions };

export type Choice = "mine" | "theirs";

type Step = "more" | "done" | "wait";

export class SyncEngine {
  private readonly outbox: Outbox;
  private readonly canonical: Canonicalize;
  private readonly newKey: () => string;
  private maxBatch: number;

  private sending = false;
  private submitting = false;
  private readonly health: SyncHealth;
  private readonly autosave: Timer;
  private running: Promise<void> | null = null;
  private kick = false;
  private disposed = false;
  private lastSnapshot = "";
  private readonly listeners = new Set<(s: SyncSnapshot) => void>();
  private readonly remoteListeners = new Set<(u: RemoteUpdate) => void>();
  /** The last answer's notices (cross-unit duplicates of the report's sensitive values). */
  private notices: readonly CrossUnitNotice[] = [];

  constructor(private readonly options: SyncEngineOptions) {
    this.outbox = Outbox.open(options.store, options.round, options.unit, options.privacy);
    const timers = options.timers ?? globalTimers;
    this.autosave = new Timer(timers, () => void this.flush());
    this.health = new SyncHealth(timers, options.retry ?? {}, () => void this.flush());
    this.canonical = options.canonical ?? plainCanonical;
    this.newKey = options.newKey ?? newIdempotencyKey;
    this.maxBatch = options.maxBatch ?? 500;
  }

  // ---- what the pane reads -------------------------------------------------

  get state(): SyncState {
    const { signedOut, fatal, offline, transient } = this.health;
    return deriveState({
      signedOut,
      conflicts: this.outbox.conflicts,
      fatal,
      offline,
      transient,
      storageFailed: this.outbox.persistError !== null,
      busy: this.sending || this.outbox.size > 0,
      rejected: this.outbox.rejected,
    });
  }

  get pendingCount(): number {
    return this.outbox.size;
  }

  /** The server state the edits are based on (version, values, status); null before the first load. */
  get server(): ServerState | null {
    return this.outbox.base;
  }

  snapshot(): SyncSnapshot {
    const state = this.state;
    const pending = this.pendingCount;
    const version = this.outbox.base?.version ?? null;
    return this.notices.length > 0 ? { state, pending, version, notices: this.notices } : { state, pending, version };
  }

  /** Called with every new snapshot (and once right away). Returns the unsubscribe. */
  subscribe(listener: (s: SyncSnapshot) => void): () => void {
    this.listeners.add(listener);
    listener(this.snapshot());
    return () => this.listeners.delete(listener);
  }

  /** Values the sheet should show because the server has them now (others' changes, "theirs" choices). */
  onRemote(listener: (u: RemoteUpdate) => void): () => void {
    this.remoteListeners.add(listener);
    return () => this.remoteListeners.delete(listener);
  }

  // ---- what the pane does --------------------------------------------------

  /** Loads the report if this device never had it, and sends what a previous session left. */
  async start(): Promise<void> {
    const known = this.outbox.base !== null;
    await this.flush();
    // A base from an earlier session may be old: catch up with others' changes.
    if (known && this.isIdle()) await this.refresh();
  }

  edit(cell: string, value: FieldValue): void {
    this.queue([[cell, value]]);
  }

  editMany(changes: readonly { cell: string; value: FieldValue }[]): void {
    this.queue(changes.map((c): [string, FieldValue] => [c.cell, c.value]));
  }

  /** Writes (or with null removes) the 上报说明 of a warning. */
  explain(problemId: string, text: string | null): void {
    this.queue([[NOTE_PREFIX + problemId, text]]);
  }

  /** Sends now; resolves when the outbox is empty or waiting (offline, conflict, error). */
  flush(): Promise<void> {
    this.autosave.cancel();
    if (this.running) {
      // The loop may have decided to stop already; then this request starts the next one.
      this.kick = true;
      return this.running.then(() => (this.kick ? this.flush() : undefined));
    }
    this.running = this.loop().finally(() => {
      this.running = null;
      this.emit();
    });
    return this.running;
  }

  /** The browser says the network is back: try at once, with a fresh backoff. */
  online(): Promise<void> {
    this.health.online();
    this.emit();
    return this.flush();
  }

  /** The browser says the network is gone; saves keep queuing and retrying. */
  markOffline(): void {
    this.health.markOffline();
    this.emit();
  }

  /** After an error the engine stopped on (e.g. the report was returned for editing): try again. */
  retry(): Promise<void> {
    this.health.resume();
    return this.flush();
  }

  /** A new token is in place (the client reads it per call): resume. */
  signedIn(): Promise<void> {
    return this.retry();
  }

  /**
   * Settles conflicts: "mine" sends the clerk's value against the server's
   * current version, "theirs" drops it and puts the server's value in the sheet.
   * Conflicts without a choice stay open. Returns those.
   */
  resolve(choices: Readonly<Record<string, Choice>>): readonly EditConflict[] {
    const { theirs, remaining } = this.outbox.settle(choices);
    const base = this.outbox.base;
    if (base) this.announce(remoteUpdate(theirs, base.fields, this.outbox.pending));
    this.emit();
    void this.flush();
    return remaining;
  }

  /**
   * Forgets cells the server refused (all, or `cells`), e.g. a cell of an older
   * template that no longer exists: the value stays in the sheet but is not retried.
   */
  dismissRejected(cells?: readonly string[]): void {
    this.outbox.dismissRejected(cells);
    this.emit();
  }

  /**
   * Pulls the current report when nothing is being saved; others' changes are
   * announced through `onRemote`, and queued edits they clash with become conflicts.
   */
  async refresh(): Promise<boolean> {
    if (!this.isIdle()) return false;
    const res = await this.options.api.report(this.options.round, this.options.unit);
    if (this.disposed || !this.isIdle()) return false;
    if (!res.ok) {
      this.health.noted(res);
      this.emit();
      return false;
    }
    this.adopt(serverStateOf(res.data.report));
    // Stopped because the report was not editable, and now it is (returned for editing): go on.
    if (this.health.fatal && res.data.report.editable) void this.retry();
    return true;
  }

  /** The change feed shows a newer version of this report: refresh if it is not ours. */
  noticeVersion(version: number): Promise<boolean> {
    const base = this.outbox.base;
    return base && version <= base.version ? Promise.resolve(false) : this.refresh();
  }

  /** Saves everything, then submits exactly the version saved. */
  async submit(): Promise<SubmitOutcome> {
    if (this.submitting) return submitFailure("error", "正在上报，请稍候");
    await this.flush();
    const base = this.outbox.base;
    const blocked = submitBlocker({
      signedOut: this.health.signedOut,
      conflicts: this.outbox.conflicts.length,
      rejected: this.outbox.rejected.length,
      offline: this.health.offline,
      pending: this.outbox.size,
      hasBase: base !== null,
      stoppedOn: this.health.fatal?.message ?? null,
    });
    if (blocked || !base) return blocked ?? submitFailure("unsaved", "报表尚未载入");

    this.submitting = true;
    const res = await this.options.api.submit(this.options.round, this.options.unit, base.version);
    this.submitting = false;
    if (this.disposed) return submitFailure("error", "已关闭");
    // Edits typed while the submit was on its way were held back; send them now.
    if (this.outbox.pending.size > 0) this.scheduleSave();
    if (res.ok) {
      this.adopt(serverStateOf(res.data));
      return { ok: true, report: res.data };
    }
    const refused = submitRefusal(res);
    if (refused.reason === "signed-out") {
      this.health.signOut(res.message);
      this.emit();
    } else if (refused.reason === "stale") await this.refresh();
    return refused;
  }

  /** Stops timers and ignores answers still on their way (a reload or a closed pane). */
  dispose(): void {
    this.disposed = true;
    this.autosave.cancel();
    this.health.dispose();
    this.listeners.clear();
    this.remoteListeners.clear();
  }

  // ---- the save loop ---------------------------------------------------------

  private queue(entries: [string, FieldValue][]): void {
    if (this.disposed || entries.length === 0) return;
    this.outbox.add(entries);
    // A conflict shows the clerk's latest value, so the choice is about what is in the sheet.
    const open = this.outbox.conflicts;
    if (open.some((c) => entries.some(([f]) => f === c.cell))) {
      this.outbox.setConflicts(
        open.map((c) =>
          this.outbox.pending.has(c.cell)
            ? { ...c, mine: this.canonical(c.cell, this.outbox.pending.get(c.cell) ?? null) }
            : c,
        ),
      );
    }
    this.emit();
    this.scheduleSave();
  }

  /** Autosave: about a second after the last edit, so a burst of typing is one save. */
  private scheduleSave(): void {
    this.autosave.arm(this.options.debounceMs ?? 1000);
  }

  private async loop(): Promise<void> {
    for (;;) {
      this.kick = false;
      let step: Step;
      try {
        step = await this.step();
      } catch (e) {
        this.health.crashed(e);
        step = "done";
      }
      this.emit();
      if (step === "more" || (step === "done" && this.kick)) continue;
      return;
    }
  }

  private async step(): Promise<Step> {
    if (this.disposed || this.health.stopped || this.submitting) return "done";
    const { api, round, unit } = this.options;
    if (!this.outbox.base) return this.load();
    const before = this.outbox.base;
    const hold = new Set(this.outbox.conflicts.map((c) => c.cell));
    const batch = this.outbox.freeze(this.newKey(), this.maxBatch, hold);
    if (!batch) return "done";
    this.sending = true;
    this.emit();
    const res = await api.patchReport(round, unit, batch.body, batch.key);
    this.sending = false;
    if (this.disposed) return "done";
    if (res.ok) {
      this.health.succeeded();
      this.notices = res.data.notices ?? [];
      const after: ServerState = {
        version: res.data.version,
        fields: fieldsOf(res.data.values, res.data.explanations),
        status: res.data.status,
      };
      const merged = new Set(res.data.merged);
      // Edits typed while this save was in flight may clash with what it merged in.
      const conflicts = detectConflicts(before.fields, after.fields, this.outbox.pending, this.canonical, merged);
      this.outbox.acknowledge(batch.key, after, conflicts);
      this.announce(remoteUpdate(merged, after.fields, this.outbox.pending));
      return "more";
    }
    return this.saveRefused(batch, res);
  }

  private async saveRefused(batch: Batch, res: ApiFailure): Promise<Step> {
    const refusal = saveRefusal(res, batch);
    if (refusal.kind !== "fail" || refusal.requeue) this.outbox.returnInflight();
    if (refusal.kind === "fail") return this.health.failed(res);
    if (refusal.kind === "rebase") return this.load(refusal.conflicts, true);
    if (refusal.kind === "reject") this.outbox.reject(refusal.cells);
    else this.maxBatch = refusal.maxBatch;
    return "more";
  }

  /** Reads the report and takes it as the base (see `adopt`): the first load, or a redo after a refused save. */
  private async load(serverConflicts?: readonly EditConflict[], authoritative?: boolean): Promise<Step> {
    const res = await this.options.api.report(this.options.round, this.options.unit);
    if (this.disposed) return "done";
    if (!res.ok) return this.health.failed(res);
    this.health.succeeded();
    this.notices = res.data.report.notices ?? [];
    this.adopt(serverStateOf(res.data.report), serverConflicts, authoritative);
    return "more";
  }

  /**
   * Takes a newer server state as the base, turning clashing queued edits into
   * conflicts. `authoritative`: the server just refused our base, so its state
   * wins even if its version is lower (a restored database).
   */
  private adopt(after: ServerState, serverConflicts: readonly EditConflict[] = [], authoritative = false): void {
    const before = this.outbox.base;
    if (before && after.version < before.version && !authoritative) return; // an older answer that arrived late
    const pending = this.outbox.pending;
    const beforeFields = before?.fields ?? {};
    const conflicts = rebaseConflicts(beforeFields, after.fields, pending, this.canonical, serverConflicts);
    this.outbox.rebase(after, conflicts);
    this.announce(remoteUpdate(changedFields(beforeFields, after.fields), after.fields, pending));
  }

  private isIdle(): boolean {
    return !this.running && !this.submitting && !this.outbox.inflight && !this.disposed;
  }

  private announce(update: RemoteUpdate): void {
    if (isEmptyUpdate(update)) return;
    for (const l of this.remoteListeners) l(update);
  }

  private emit(): void {
    if (this.disposed) return;
    const snap = this.snapshot();
    const key = JSON.stringify(snap);
    if (key === this.lastSnapshot) return;
    this.lastSnapshot = key;
    for (const l of this.listeners) l(snap);
  }
}

export type { InvalidCell, RemoteUpdate, SubmitOutcome };

/**
 * The offline queue of one report (round + unit), persisted on every change.
 *
 * It holds, in one stored document so that they always agree after a reload:
 * - `base`: the server state the clerk's edits are relative to (version + values);
 * - `inflight`: the batch being sent, frozen with its Idempotency-Key and exact
 *   body, so a retry after a lost answer is recognised by the server as the same save;
 * - `pending`: edits typed since, coalesced per field (last value wins, first
 *   position kept) — a Map keeps exactly that order;
 * - `conflicts` awaiting the clerk's choice, and `rejected` cells the server refused.
 *
 * "Fields" are cell keys plus 上报说明 as `note:<problem id>`, the same keys the
 * Worker uses in `merged`, conflicts and the change feed.
 *
 * Sensitive values (template columns marked `sensitive`: 身份证号, 银行卡号; issue 12)
 * never reach the lasting store (localStorage): they wait in a volatile store
 * (the pane's sessionStorage, gone when Excel or the tab closes) until the server
 * acknowledges them, and then leave it; the base keeps them only in memory. Why not
 * localStorage: it stays on the clerk's disk for years, readable by anyone who uses
 * the computer, and a shared office computer is the usual case. What it costs: a
 * sensitive edit not yet sent when Excel closes is lost from the queue (the workbook
 * cell still holds it, and the pane re-reads the sheet when the form opens again).
 */
import type { EditConflict, ReportStatus } from "../../schemas/api/reports";
import type { PatchBody } from "./api-client";
import { isEditConflict, isReportStatus } from "./api-guards";
import { array, int, literal, nullable, num, object, oneOf, record, str, tuple, type Guard } from "./guards";
import type { KeyValueStore } from "./storage";

export const NOTE_PREFIX = "note:";

/** What the clerk typed: Excel gives text or numbers; null clears. */
export type FieldValue = string | number | null;
export type Fields = Record<string, string>;

export interface ServerState {
  version: number;
  /** Canonical values and `note:` 上报说明; blanks are absent. */
  fields: Fields;
  status: ReportStatus | null;
}

export interface Batch {
  key: string;
  body: PatchBody;
}

/** A cell the server refused (422 invalid_cells), with the value that was refused. */
export interface InvalidCell {
  cell: string;
  code: string;
  message: string;
  value: FieldValue;
}

const isValue: Guard<FieldValue> = oneOf(nullable(str), num);
const isInflight = nullable(
  object({
    key: str,
    body: object({
      baseVersion: int,
      changes: array(object({ cell: str, value: isValue })),
      explanations: record(nullable(str)),
    }),
  }),
);
const isPending = array(tuple(str, isValue));
const isRejected = array(object({ cell: str, code: str, message: str, value: isValue }));
const isDoc = object({
  v: literal(1),
  base: nullable(object({ version: int, fields: record(str), status: nullable(isReportStatus) })),
  inflight: isInflight,
  pending: isPending,
  conflicts: array(isEditConflict),
  rejected: isRejected,
});
type Doc = typeof isDoc extends Guard<infer T> ? T : never;
/** The volatile part: the sensitive edits not yet acknowledged, and a batch in flight that holds one. */
const isVolatileDoc = object({
  v: literal(1),
  inflight: isInflight,
  pending: isPending,
  conflicts: array(isEditConflict),
  rejected: isRejected,
});

/** Where sensitive values wait, and which fields are sensitive. */
export interface OutboxPrivacy {
  /** Whether a field holds sensitive personal information (a column or header field marked sensitive). */
  sensitive(field: string): boolean;
  /** Storage that does not outlive the session: sessionStorage in the pane, memory in tests. */
  volatile: KeyValueStore;
}

export function isNote(field: string): boolean {
  return field.startsWith(NOTE_PREFIX);
}

/** The fields of a batch, in the order they were sent. */
export function batchFields(batch: Batch): [string, FieldValue][] {
  return [
    ...batch.body.changes.map((c): [string, FieldValue] => [c.cell, c.value]),
    ...Object.entries(batch.body.explanations).map(([id, text]): [string, FieldValue] => [NOTE_PREFIX + id, text]),
  ];
}

/** Open conflicts plus new ones; a newer conflict on the same field replaces the older. */
function withConflicts(open: readonly EditConflict[], added: readonly EditConflict[]): EditConflict[] {
  const byField = new Map(open.map((c) => [c.cell, c]));
  for (const c of added) byField.set(c.cell, c);
  return [...byField.values()];
}

export class Outbox {
  private baseState: ServerState | null = null;
  /** The stored text of `base`, kept so that an edit does not re-serialise every value of the report. */
  private baseJson = "null";
  private batch: Batch | null = null;
  private readonly queue = new Map<string, FieldValue>();
  private conflictList: EditConflict[] = [];
  private rejectedList: InvalidCell[] = [];
  /** The last storage failure (quota, disabled storage); edits are then only in memory. */
  persistError: unknown = null;

  private constructor(
    private readonly store: KeyValueStore,
    readonly storeKey: string,
    private readonly privacy: OutboxPrivacy | undefined,
  ) {}

  /** The outbox of a report as it was left, or an empty one. */
  static open(store: KeyValueStore, round: string, unit: string, privacy?: OutboxPrivacy): Outbox {
    const box = new Outbox(store, `outbox:${round}/${unit}`, privacy);
    box.load();
    box.loadVolatile();
    return box;
  }

  private load(): void {
    const { store } = this;
    const text = store.get(this.storeKey);
    if (text === null) return;
    let parsed: Doc | null = null;
    try {
      const doc: unknown = JSON.parse(text);
      if (isDoc(doc)) parsed = doc;
    } catch {
      // handled below
    }
    if (!parsed) {
      // Never destroy what might be someone's typing: park it where it can be recovered by hand.
      try {
        store.set(`${this.storeKey}:unreadable:${Date.now()}`, text);
        store.remove(this.storeKey);
      } catch {
        // Storage refuses writes: leave the text where it is, still untouched.
      }
      return;
    }
    this.setBaseState(parsed.base);
    this.batch = parsed.inflight;
    for (const [field, value] of parsed.pending) this.queue.set(field, value);
    this.conflictList = parsed.conflicts;
    this.rejectedList = parsed.rejected;
  }

  /** Adds what the volatile store holds (a reload of the pane within the session); unreadable = nothing. */
  private loadVolatile(): void {
    const text = this.privacy?.volatile.get(this.storeKey) ?? null;
    if (text === null) return;
    let doc: unknown = null;
    try {
      doc = JSON.parse(text);
    } catch {
      // nothing to add
    }
    if (!isVolatileDoc(doc)) return;
    if (doc.inflight && !this.batch) {
      this.batch = doc.inflight;
      // The lasting store keeps the batch's plain fields as pending (save): the same value is this batch.
      for (const [field, value] of batchFields(doc.inflight))
        if (this.queue.get(field) === value) this.queue.delete(field);
    } else if (doc.inflight) {
      for (const [field, value] of batchFields(doc.inflight)) if (!this.queue.has(field)) this.queue.set(field, value);
    }
    for (const [field, value] of doc.pending) this.queue.set(field, value);
    this.conflictList = withConflicts(this.conflictList, doc.conflicts);
    this.rejectedList = [...this.rejectedList, ...doc.rejected];
  }

  get base(): ServerState | null {
    return this.baseState;
  }
  get inflight(): Batch | null {
    return this.batch;
  }
  get pending(): ReadonlyMap<string, FieldValue> {
    return this.queue;
  }
  get conflicts(): readonly EditConflict[] {
    return this.conflictList;
  }
  get rejected(): readonly InvalidCell[] {
    return this.rejectedList;
  }

  /** Distinct fields not yet acknowledged by the server (what "N 项待同步" counts). */
  get size(): number {
    const fields = new Set(this.queue.keys());
    if (this.batch) for (const [f] of batchFields(this.batch)) fields.add(f);
    return fields.size;
  }

  /** Queues edits; a field edited again keeps its place and takes the new value. */
  add(edits: Iterable<readonly [string, FieldValue]>): void {
    const touched = new Set<string>();
    for (const [field, value] of edits) {
      this.queue.set(field, value);
      touched.add(field);
    }
    // A cell typed again is a new attempt: the old refusal no longer applies.
    this.rejectedList = this.rejectedList.filter((r) => !touched.has(r.cell));
    this.save();
  }

  /**
   * Moves up to `max` pending fields into a batch against `base`, or returns the
   * batch already in flight. Fields in `hold` (awaiting the clerk's choice) stay queued.
   */
  freeze(key: string, max: number, hold: ReadonlySet<string> = new Set()): Batch | null {
    if (this.batch) return this.batch;
    if (!this.baseState) return null;
    const take = [...this.queue].filter(([field]) => !hold.has(field)).slice(0, Math.max(1, max));
    if (take.length === 0) return null;
    const body: PatchBody = { baseVersion: this.baseState.version, changes: [], explanations: {} };
    for (const [field, value] of take) {
      if (isNote(field)) body.explanations[field.slice(NOTE_PREFIX.length)] = value === null ? null : String(value);
      else body.changes.push({ cell: field, value });
      this.queue.delete(field);
    }
    this.batch = { key, body };
    this.save();
    return this.batch;
  }

  /** The server applied `key`: forget the batch and move the base, in one write. */
  acknowledge(key: string, base: ServerState, conflicts: readonly EditConflict[] = []): void {
    if (this.batch?.key !== key) return;
    this.batch = null;
    this.setBaseState(base);
    this.conflictList = withConflicts(this.conflictList, conflicts);
    this.save();
  }

  /**
   * The server refused the batch and wrote nothing (409, 412, 422): its edits go
   * back to the front of the queue, under whatever was typed since.
   */
  returnInflight(): void {
    if (!this.batch) return;
    const merged = new Map<string, FieldValue>(batchFields(this.batch));
    for (const [field, value] of this.queue) merged.set(field, value);
    this.queue.clear();
    for (const [field, value] of merged) this.queue.set(field, value);
    this.batch = null;
    this.save();
  }

  /** Moves the base to a newer server state; only valid with nothing in flight. */
  rebase(base: ServerState, conflicts: readonly EditConflict[]): void {
    if (this.batch) throw new Error("rebase with a batch in flight");
    this.setBaseState(base);
    this.conflictList = withConflicts(this.conflictList, conflicts);
    this.save();
  }

  setConflicts(conflicts: readonly EditConflict[]): void {
    this.conflictList = [...conflicts];
    this.save();
  }

  /**
   * Settles conflicts by the clerk's choices: "theirs" forgets the pending edit,
   * "mine" keeps it to be sent again, no choice leaves the conflict open.
   * Returns the cells given up for the server's value, and the conflicts left.
   */
  settle(choices: Readonly<Record<string, "mine" | "theirs">>): { theirs: string[]; remaining: EditConflict[] } {
    const remaining: EditConflict[] = [];
    const theirs: string[] = [];
    for (const c of this.conflictList) {
      const choice = choices[c.cell];
      if (choice === "theirs") theirs.push(c.cell);
      else if (choice !== "mine") remaining.push(c);
    }
    for (const f of theirs) this.queue.delete(f);
    this.conflictList = remaining;
    this.save();
    return { theirs, remaining };
  }

  /** Takes refused cells out of the queue, unless they were typed again since. */
  reject(cells: readonly InvalidCell[]): void {
    const refused = cells.filter((c) => this.queue.has(c.cell) && this.queue.get(c.cell) === c.value);
    for (const c of refused) this.queue.delete(c.cell);
    const names = new Set(refused.map((c) => c.cell));
    this.rejectedList = [...this.rejectedList.filter((r) => !names.has(r.cell)), ...refused];
    this.save();
  }

  /** Forgets refusals (all, or of `cells`): the clerk gave up on those values. */
  dismissRejected(cells?: Iterable<string>): void {
    const names = cells === undefined ? null : new Set(cells);
    this.rejectedList = names === null ? [] : this.rejectedList.filter((r) => !names.has(r.cell));
    this.save();
  }

  private setBaseState(base: ServerState | null): void {
    this.baseState = base;
    // The stored base leaves sensitive values out: they are acknowledged, so they stay in memory only.
    const sensitive = this.sensitive;
    const stored =
      base && Object.keys(base.fields).some(sensitive)
        ? { ...base, fields: Object.fromEntries(Object.entries(base.fields).filter(([f]) => !sensitive(f))) }
        : base;
    this.baseJson = JSON.stringify(stored);
  }

  private get sensitive(): (field: string) => boolean {
    const privacy = this.privacy;
    return privacy ? (field) => privacy.sensitive(field) : () => false;
  }

  private save(): void {
    const sensitive = this.sensitive;
    const plain = <T>(list: readonly T[], field: (t: T) => string) => list.filter((t) => !sensitive(field(t)));
    const secret = <T>(list: readonly T[], field: (t: T) => string) => list.filter((t) => sensitive(field(t)));
    const queued = [...this.queue];
    // A batch holding a sensitive value waits in the volatile store; the lasting store keeps its plain
    // fields as pending, so that they are sent again (under a new key) if the session ends first.
    const hidden = this.batch !== null && batchFields(this.batch).some(([f]) => sensitive(f));
    let pending = plain(queued, ([f]) => f);
    if (this.batch && hidden) {
      const merged = new Map(plain(batchFields(this.batch), ([f]) => f));
      for (const [field, value] of pending) merged.set(field, value);
      pending = [...merged];
    }
    const rest = JSON.stringify({
      v: 1,
      inflight: hidden ? null : this.batch,
      pending,
      conflicts: plain(this.conflictList, (c) => c.cell),
      rejected: plain(this.rejectedList, (r) => r.cell),
    });
    try {
      this.store.set(this.storeKey, `{"base":${this.baseJson},${rest.slice(1)}`);
      this.saveVolatile({
        v: 1,
        inflight: hidden ? this.batch : null,
        pending: secret(queued, ([f]) => f),
        conflicts: secret(this.conflictList, (c) => c.cell),
        rejected: secret(this.rejectedList, (r) => r.cell),
      });
      this.persistError = null;
    } catch (e) {
      this.persistError = e;
    }
  }

  /** Writes the volatile part, or removes it when nothing sensitive waits: acknowledged means gone. */
  private saveVolatile(doc: Omit<Doc, "base">): void {
    const volatile = this.privacy?.volatile;
    if (!volatile) return;
    const empty = !doc.inflight && doc.pending.length + doc.conflicts.length + doc.rejected.length === 0;
    if (empty) volatile.remove(this.storeKey);
    else volatile.set(this.storeKey, JSON.stringify(doc));
  }
}

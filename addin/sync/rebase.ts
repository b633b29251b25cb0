/**
 * Moving queued edits from one server state to a newer one without silently
 * overwriting anybody: the same rule as the Worker's merge (worker/reports/merge.ts),
 * run on the client for edits the server has not seen yet. A field someone else
 * changed between the two states, which the clerk also edited to something
 * else, is a conflict; everything else carries over.
 */
import type { EditConflict, Report } from "../../schemas/api/reports";
import { NOTE_PREFIX, isNote, type FieldValue, type Fields, type ServerState } from "./outbox";

/** Canonical text of a typed value, to compare with what the server stores. */
export type Canonicalize = (field: string, raw: FieldValue) => string | null;

/**
 * Without the template: trims text, prints numbers. A miss (the server would
 * write "12.50" as "12.5") only ever produces a needless question, never a lost edit.
 */
export const plainCanonical: Canonicalize = (_field, raw) => {
  if (raw === null) return null;
  const text = typeof raw === "number" ? String(raw) : raw.trim();
  return text === "" ? null : text;
};

/** What the task pane should write into the sheet because the server has it now. */
export interface RemoteUpdate {
  /** cell → canonical text (null = blank). */
  values: Record<string, string | null>;
  /** problem id → 上报说明 (null = removed). */
  explanations: Record<string, string | null>;
}

export function fieldsOf(values: Record<string, string>, explanations: Record<string, string>): Fields {
  const fields: Fields = { ...values };
  for (const [id, text] of Object.entries(explanations)) fields[NOTE_PREFIX + id] = text;
  return fields;
}

/** Pending edits that would overwrite a change made on the server between `before` and `after`. */
export function detectConflicts(
  before: Fields,
  after: Fields,
  pending: ReadonlyMap<string, FieldValue>,
  canonical: Canonicalize,
  only?: ReadonlySet<string>,
): EditConflict[] {
  const out: EditConflict[] = [];
  for (const [field, raw] of pending) {
    if (only && !only.has(field)) continue;
    const base = before[field] ?? null;
    const theirs = after[field] ?? null;
    const mine = canonical(field, raw);
    if (base !== theirs && mine !== theirs) out.push({ cell: field, base, theirs, mine });
  }
  return out;
}

/** Fields that changed on the server and that the clerk has no edit of their own for. */
export function remoteUpdate(
  fields: Iterable<string>,
  after: Fields,
  pending: ReadonlyMap<string, FieldValue>,
): RemoteUpdate {
  const update: RemoteUpdate = { values: {}, explanations: {} };
  for (const field of fields) {
    if (pending.has(field)) continue;
    const value = after[field] ?? null;
    if (isNote(field)) update.explanations[field.slice(NOTE_PREFIX.length)] = value;
    else update.values[field] = value;
  }
  return update;
}

/** Fields whose value differs between two server states. */
export function changedFields(before: Fields, after: Fields): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => (before[k] ?? null) !== (after[k] ?? null));
}

export function isEmptyUpdate(u: RemoteUpdate): boolean {
  return Object.keys(u.values).length === 0 && Object.keys(u.explanations).length === 0;
}

/**
 * Conflicts of queued edits when moving from `before` to `after`: found locally,
 * plus those the server named (409) for fields still queued and still different.
 */
export function rebaseConflicts(
  before: Fields,
  after: Fields,
  pending: ReadonlyMap<string, FieldValue>,
  canonical: Canonicalize,
  named: readonly EditConflict[] = [],
): EditConflict[] {
  const found = new Map(detectConflicts(before, after, pending, canonical).map((c) => [c.cell, c]));
  for (const c of named) {
    if (!pending.has(c.cell) || found.has(c.cell)) continue;
    const theirs = after[c.cell] ?? null;
    const mine = canonical(c.cell, pending.get(c.cell) ?? null);
    if (mine !== theirs) found.set(c.cell, { ...c, theirs, mine });
  }
  return [...found.values()];
}

/** The server's report as the outbox keeps it: version, fields (values and 上报说明), status. */
export function serverStateOf(report: Report): ServerState {
  return { version: report.version, fields: fieldsOf(report.values, report.explanations), status: report.status };
}

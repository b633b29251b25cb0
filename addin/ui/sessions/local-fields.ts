/** What this device knows of a report before the server answers: its outbox, read once when a form opens. */
import { batchFields, isNote, NOTE_PREFIX, Outbox, type FieldValue, type OutboxPrivacy } from "../../sync/outbox";
import type { KeyValueStore } from "../../sync/storage";

/** Server values, the batch in flight and queued edits of a report, as this device last saved them. */
export function localFields(
  store: KeyValueStore,
  round: string,
  unit: string,
  privacy?: OutboxPrivacy,
): Record<string, string | null> {
  const box = Outbox.open(store, round, unit, privacy);
  const out: Record<string, string | null> = { ...(box.base?.fields ?? {}) };
  const put = (field: string, value: FieldValue) => {
    out[field] = value === null ? null : String(value);
  };
  if (box.inflight) for (const [f, v] of batchFields(box.inflight)) put(f, v);
  for (const [f, v] of box.pending) put(f, v);
  return out;
}

/** The local fields split into cell values and 上报说明 (by problem id); blanks dropped. */
export function splitLocal(local: Readonly<Record<string, string | null>>): {
  cells: Record<string, string>;
  explanations: Record<string, string>;
} {
  const cells: Record<string, string> = {};
  const explanations: Record<string, string> = {};
  for (const [field, value] of Object.entries(local)) {
    if (value === null) continue;
    if (isNote(field)) explanations[field.slice(NOTE_PREFIX.length)] = value;
    else cells[field] = value;
  }
  return { cells, explanations };
}

import type { EditConflict } from "../../schemas/api/reports";

/**
 * Cell-level three-way merge of a save made against an older version.
 *
 * "Fields" are the report's cells plus its 上报说明 under `note:<problem id>`, so
 * both merge by one rule. `since` are the audited changes of versions after the
 * client's base; the earliest one of a field tells what the client saw there.
 */
export interface FieldChange {
  version: number;
  cell: string;
  old: string | null;
  new: string | null;
}

export interface Edit {
  key: string;
  value: string | null;
}

export type Fields = Record<string, string>;

export type MergeResult =
  | { ok: true; apply: { key: string; old: string | null; new: string | null }[]; merged: string[] }
  | { ok: false; conflicts: EditConflict[] };

/** The value each field had at the base version (for fields changed since). */
function baseValues(since: readonly FieldChange[]): Map<string, string | null> {
  const base = new Map<string, { version: number; old: string | null }>();
  for (const c of since) {
    const seen = base.get(c.cell);
    if (!seen || c.version < seen.version) base.set(c.cell, { version: c.version, old: c.old });
  }
  return new Map([...base].map(([k, v]) => [k, v.old]));
}

/** The fields as they were at the base version. */
export function fieldsAt(current: Fields, since: readonly FieldChange[]): Fields {
  const out: Fields = { ...current };
  for (const [key, old] of baseValues(since)) {
    if (old === null) delete out[key];
    else out[key] = old;
  }
  return out;
}

export function mergeEdits(current: Fields, since: readonly FieldChange[], mine: readonly Edit[]): MergeResult {
  const base = baseValues(since);
  const apply: { key: string; old: string | null; new: string | null }[] = [];
  const conflicts: EditConflict[] = [];
  const touched = new Set<string>();
  for (const edit of mine) {
    touched.add(edit.key);
    const theirs = current[edit.key] ?? null;
    if (edit.value === theirs) continue; // already so: nothing to write, nothing to fight over
    // A field someone else changed since base (and did not change back) is theirs;
    // overwriting it silently would lose their work.
    if (base.has(edit.key) && base.get(edit.key) !== theirs) {
      conflicts.push({ cell: edit.key, base: base.get(edit.key) ?? null, theirs, mine: edit.value });
    } else {
      apply.push({ key: edit.key, old: theirs, new: edit.value });
    }
  }
  if (conflicts.length > 0) return { ok: false, conflicts };
  const merged = [...base]
    .filter(([key, old]) => !touched.has(key) && old !== (current[key] ?? null))
    .map(([key]) => key)
    .sort();
  return { ok: true, apply, merged };
}

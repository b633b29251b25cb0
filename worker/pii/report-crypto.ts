import { ERASED, maskValue } from "../../schemas/pii/mask";
import type { Template } from "../../schemas/template";
import type { ReportSnapshot } from "../db/reports";
import type { FieldChange, Fields } from "../reports/merge";
import { ReportKeys, isSealed, type KeySource, type RowKeyRecord } from "./report-keys";
import type { RoundKeyRecord } from "./round-keys";
import { sensitiveCell } from "./sensitive-cells";

/**
 * A report's sealed values opened and sealed: what the save path and every
 * read of values call (docs/privacy.md). Plain values only live in a request's
 * memory (and the isolate's cache of the report the filler is saving).
 */
export interface PiiSecret {
  db: D1Database;
  masterSecret: string | undefined;
}

export interface StoredKeys {
  roundKey: RoundKeyRecord | null;
  rowKeys: RowKeyRecord[];
}

export function keysOf(secret: PiiSecret, round: string, reportId: number, stored: StoredKeys): ReportKeys {
  const source: KeySource = { ...secret, round, roundKey: stored.roundKey };
  return new ReportKeys(source, reportId, stored.rowKeys);
}

/** Opens every sealed value of a field map; an erased one reads as ERASED. */
export async function openFields(keys: ReportKeys, fields: Fields): Promise<Fields> {
  const out: Fields = { ...fields };
  await Promise.all(
    Object.entries(fields).map(async ([cell, v]) => {
      if (isSealed(v)) out[cell] = (await keys.open(cell, v)) ?? ERASED;
    }),
  );
  return out;
}

export async function openChanges(keys: ReportKeys, changes: readonly FieldChange[]): Promise<FieldChange[]> {
  const open = async (cell: string, v: string | null) => (isSealed(v) ? ((await keys.open(cell, v)) ?? ERASED) : v);
  return Promise.all(
    changes.map(async (c) => ({ ...c, old: await open(c.cell, c.old), new: await open(c.cell, c.new) })),
  );
}

/** The snapshot with its values and changes opened, and the keys that opened them. */
export async function openSnapshot(
  secret: PiiSecret,
  s: ReportSnapshot,
): Promise<{ snapshot: ReportSnapshot; keys: ReportKeys }> {
  const keys = keysOf(secret, s.row.round_id, s.row.id, s.pii);
  const [values, changes] = await Promise.all([openFields(keys, s.values), openChanges(keys, s.changes)]);
  return { snapshot: { ...s, values, changes }, keys };
}

type Apply = { key: string; old: string | null; new: string | null }[];

/**
 * Seals the sensitive cells of a save's changes (old and new: the audit holds
 * ciphertext too) and erases the rows it empties: a roster row left without any
 * cell loses its key in the same batch, so its earlier values are unrecoverable.
 */
export async function sealApply(keys: ReportKeys, template: Template, apply: Apply, after: Fields): Promise<Apply> {
  const emptied = new Set<string>();
  const out = await Promise.all(
    apply.map(async (a) => {
      const s = sensitiveCell(template, a.key);
      if (!s) return a;
      const seal = (v: string | null) => (v === null || v === ERASED ? v : keys.seal(a.key, s.scope, v));
      return { key: a.key, old: await seal(a.old), new: await seal(a.new) };
    }),
  );
  // Any cleared roster cell (sensitive or not) may be the last of a row that has a key.
  for (const a of apply) {
    const scope = a.key.slice(0, Math.max(0, a.key.lastIndexOf(".")));
    if (a.new === null && scope !== "header" && keys.byScope.has(scope)) emptied.add(scope);
  }
  if (emptied.size > 0) {
    const live = new Set<string>();
    for (const key of Object.keys(after)) {
      const last = key.lastIndexOf(".");
      if (last > 0) live.add(key.slice(0, last));
    }
    for (const scope of emptied) if (!live.has(scope)) keys.destroy(scope);
  }
  return out;
}

/** Sensitive values replaced by their masks (schemas/pii/mask.ts); ERASED stays. */
export function maskFields(template: Template, fields: Fields): Fields {
  const out: Fields = {};
  for (const [cell, v] of Object.entries(fields)) {
    const s = sensitiveCell(template, cell);
    out[cell] = s && v !== ERASED ? maskValue(s.type, v) : v;
  }
  return out;
}

export function maskValueOf(template: Template, cell: string, v: string | null): string | null {
  const s = sensitiveCell(template, cell);
  return s && v !== null && v !== ERASED ? maskValue(s.type, v) : v;
}

/** The secret and database of a request (route handlers: `piiOf(c.env)`). */
export function piiOf(env: { DB: D1Database; PII_MASTER_KEYS?: string | undefined }): PiiSecret {
  return { db: env.DB, masterSecret: env.PII_MASTER_KEYS };
}

/**
 * What a save changes in the blind index (migration 0006): every sensitive cell the
 * save sets gets its index and mask, every sensitive cell it clears (a cleared cell,
 * a deleted roster row) loses its entry. Computed from the plain canonical values the
 * save parsed, before anything is encrypted, so duplicates never need a decryption.
 */
import { compiledOf, locateCell } from "../../schemas/cells";
import { maskValue } from "../../schemas/pii/mask";
import type { ColumnType, Template } from "../../schemas/template";
import { blindIndex, indexKey, type IndexedKind } from "./blind-index";

export interface IndexEntry {
  cell: string;
  /** Roster key and row id of a roster cell; null for a header field. */
  roster: string | null;
  rowId: string | null;
  /** Column (or header field) key. */
  col: string;
  kind: IndexedKind;
  /** How messages name the column: 名册「身份证号」. */
  label: string;
  hmac: string;
  /** schemas/pii/mask.ts, the one mask. */
  mask: string;
}

export interface IndexPlan {
  set: IndexEntry[];
  cleared: string[];
}

export const NO_INDEX_CHANGES: IndexPlan = { set: [], cleared: [] };

/** The index changes of `apply` (the save's cell changes, old → new). The key is needed only when a sensitive value is set. */
export async function indexPlan(
  template: Template,
  apply: readonly { key: string; new: string | null }[],
  secret: string | undefined,
): Promise<IndexPlan> {
  const compiled = compiledOf(template);
  const set: IndexEntry[] = [];
  const cleared: string[] = [];
  let key: CryptoKey | null = null;
  for (const change of apply) {
    const at = locateCell(compiled, change.key);
    if (!at) continue; // a `note:` field or a computed item
    const info = at.kind === "cell" ? at.cell : at.column;
    if (!info.sensitive) continue;
    if (change.new === null) {
      cleared.push(change.key);
      continue;
    }
    key ??= await indexKey(secret);
    const kind = info.spec.kind;
    set.push({
      cell: change.key,
      roster: at.kind === "row" ? at.roster.key : null,
      rowId: at.kind === "row" ? at.rowId : null,
      col: at.kind === "row" ? at.column.key : at.cell.key,
      kind,
      label: info.where,
      hmac: await blindIndex(key, kind, change.new),
      mask: maskValue(columnType(kind), change.new),
    });
  }
  return { set, cleared };
}

function columnType(kind: IndexedKind): ColumnType {
  return kind === "decimal" ? "integer" : kind;
}

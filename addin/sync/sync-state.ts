/**
 * Where the sync of one report stands: one discriminated union, so the engine
 * cannot be in two states at once and the pane renders every case. The words
 * the pane's indicator shows for each state are the pane's
 * (ui/sessions/sync-label.ts).
 */
import type { EditConflict } from "../../schemas/api/reports";
import type { CrossUnitNotice } from "../../schemas/pii/cross-unit";
import type { InvalidCell } from "./outbox";

export type SyncState =
  | { kind: "saved" }
  | { kind: "saving" }
  | { kind: "offline" }
  | { kind: "conflict"; conflicts: readonly EditConflict[] }
  /**
   * `invalid`: cells the server refused (422), with its per-cell message.
   * `retrying`: a passing server trouble (5xx); the engine tries again by itself.
   */
  | { kind: "error"; code: string; message: string; invalid: readonly InvalidCell[]; retrying: boolean }
  | { kind: "signed-out"; message: string };

export interface SyncSnapshot {
  state: SyncState;
  /** Distinct cells and 上报说明 not yet acknowledged by the server. */
  pending: number;
  /** The server version the edits are based on; null before the report was first loaded. */
  version: number | null;
  /**
   * The server's notices on the report as of its last answer (schemas/pii/cross-unit.ts:
   * a sensitive value another unit holds this year); absent when none.
   */
  notices?: readonly CrossUnitNotice[];
}

/** What the engine knows; `deriveState` turns it into the one state to show. */
export interface SyncFacts {
  signedOut: string | null;
  conflicts: readonly EditConflict[];
  /** An answer the engine stopped on (403, 404, a submitted report …) until `retry()`. */
  fatal: { code: string; message: string } | null;
  offline: boolean;
  /** A passing server trouble; a retry is scheduled. */
  transient: { code: string; message: string } | null;
  /** The outbox could not be written to the device (quota). */
  storageFailed: boolean;
  /** A save is on its way or edits are waiting for one. */
  busy: boolean;
  rejected: readonly InvalidCell[];
}

/** The most pressing fact wins: what the clerk must act on comes before what resolves by itself. */
export function deriveState(f: SyncFacts): SyncState {
  const invalid = f.rejected;
  if (f.signedOut !== null) return { kind: "signed-out", message: f.signedOut };
  if (f.conflicts.length > 0) return { kind: "conflict", conflicts: f.conflicts };
  if (f.fatal) return { kind: "error", ...f.fatal, invalid, retrying: false };
  if (f.offline) return { kind: "offline" };
  if (f.transient) return { kind: "error", ...f.transient, invalid, retrying: true };
  if (f.storageFailed && f.busy) {
    const message = "本机存储空间不足，修改暂未能保存在本机，请保持联网直到保存完成";
    return { kind: "error", code: "storage_failed", message, invalid, retrying: true };
  }
  if (f.busy) return { kind: "saving" };
  if (invalid.length > 0) {
    const message = `有 ${invalid.length} 个单元格未能保存：${invalid[0]?.message ?? ""}`;
    return { kind: "error", code: "invalid_cells", message, invalid, retrying: false };
  }
  return { kind: "saved" };
}

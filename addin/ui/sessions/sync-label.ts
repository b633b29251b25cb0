/**
 * What the pane's sync indicator says: the engine's snapshot with its zh-CN
 * label (已保存 / 保存中… / 离线（N 项待同步） / 冲突 / the error's message).
 * 已保存 is said only for what the server has: while the sheet holds an edit
 * the add-in could not read yet (`unread`, from the workbook), the engine's
 * "saved" or "saving" becomes that message, retried by itself.
 */
import type { SyncSnapshot, SyncState } from "../../sync/sync-state";

export interface SyncDisplay extends SyncSnapshot {
  /** zh-CN, for the status line. */
  label: string;
}

export function syncDisplay(s: SyncSnapshot, unread: string | null = null): SyncDisplay {
  if (unread !== null && (s.state.kind === "saved" || s.state.kind === "saving")) {
    const state: SyncState = { kind: "error", code: "sheet_unread", message: unread, invalid: [], retrying: true };
    return { ...s, state, label: unread };
  }
  return { ...s, label: labelOf(s.state, s.pending) };
}

export function labelOf(state: SyncState, pending: number): string {
  switch (state.kind) {
    case "saved":
      return "已保存";
    case "saving":
      return "保存中…";
    case "offline":
      return pending > 0 ? `离线（${pending} 项待同步）` : "离线";
    case "conflict":
      return `冲突（${state.conflicts.length} 处需要确认）`;
    case "error":
      return state.message;
    case "signed-out":
      return state.message;
  }
}

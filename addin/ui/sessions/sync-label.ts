/**
 * What the pane's sync indicator says: the engine's snapshot with its zh-CN
 * label (已保存 / 保存中… / 离线（N 项待同步） / 冲突 / the error's message).
 */
import type { SyncSnapshot, SyncState } from "../../sync/sync-state";

export interface SyncDisplay extends SyncSnapshot {
  /** zh-CN, for the status line. */
  label: string;
}

export function syncDisplay(s: SyncSnapshot): SyncDisplay {
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

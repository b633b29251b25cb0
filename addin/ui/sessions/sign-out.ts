/**
 * 退出登录 on a shared computer must not leave the clerk's edits behind for the
 * next person (issue 12), nor silently throw away edits the server never got.
 * So the pane first sends what it can, then looks at every outbox on this device:
 * all acknowledged → they are removed; something left (offline, refused, in
 * conflict) → the clerk is warned and decides. No DOM: app.ts asks the question.
 */
import { Outbox } from "../../sync/outbox";
import type { KeyValueStore } from "../../sync/storage";

const PREFIX = "outbox:";

/** The outboxes this device holds (`outbox:<round>/<unit>`), with their round and unit. */
function outboxes(store: KeyValueStore): { key: string; round: string; unit: string }[] {
  const out: { key: string; round: string; unit: string }[] = [];
  for (const key of store.keys?.() ?? []) {
    if (!key.startsWith(PREFIX) || key.includes(":unreadable:")) continue;
    const slash = key.indexOf("/");
    if (slash > PREFIX.length) out.push({ key, round: key.slice(PREFIX.length, slash), unit: key.slice(slash + 1) });
  }
  return out;
}

/** Edits on this device the server has not acknowledged: queued, in flight, in conflict or refused. */
export function unsentEdits(store: KeyValueStore, volatile: KeyValueStore): number {
  let count = 0;
  for (const { round, unit } of outboxes(store)) {
    const box = Outbox.open(store, round, unit, { sensitive: () => false, volatile });
    count += box.size + box.conflicts.length + box.rejected.length;
  }
  return count;
}

/** Removes every outbox, lasting and volatile (also what a conflict or refusal still held). */
export function discardOutboxes(store: KeyValueStore, volatile: KeyValueStore): void {
  for (const { key } of outboxes(store)) {
    store.remove(key);
    volatile.remove(key);
  }
  // Sensitive edits of a report whose lasting outbox is gone (written in another session).
  for (const key of volatile.keys?.() ?? []) if (key.startsWith(PREFIX)) volatile.remove(key);
}

/** The warning before edits are thrown away (zh-CN, for the clerk). */
export function unsentWarning(unsent: number): string {
  return (
    `本机还有 ${unsent} 项修改没有同步到服务器（可能是网络断开，或服务器未接受）。` +
    "退出登录会从本机删除这些修改，且无法恢复。"
  );
}

/** The sync state, always visible: 已保存 / 保存中 / 离线（N 项待同步） / 冲突 / 错误. */
import type { SyncDisplay } from "../sessions/sync-label";
import { h } from "./dom";

export interface SyncBadge {
  el: HTMLElement;
  show(s: SyncDisplay): void;
}

export function syncBadge(onRetry: () => void): SyncBadge {
  const dot = h("span", { class: "hb-dot", "aria-hidden": "true" });
  const label = h("span", { class: "hb-sync-label" });
  const retry = h("button", { type: "button", class: "hb-link", hidden: true, onclick: onRetry }, "立即重试");
  const el = h("div", { class: "hb-sync", id: "hb-sync", role: "status", "aria-live": "polite" }, dot, label, retry);
  return {
    el,
    show(s) {
      el.dataset.state = s.state.kind;
      label.textContent = s.label;
      retry.hidden = !(s.state.kind === "offline" || (s.state.kind === "error" && !s.state.retrying));
    },
  };
}

/** 退出登录 with edits the server has not got: the clerk chooses to keep syncing or to discard them. */
import { h } from "./dom";

export interface UnsentViewOptions {
  /** The warning, zh-CN (sessions/sign-out.ts unsentWarning). */
  message: string;
  /** Stay signed in; the edits keep syncing. */
  keep(): void;
  /** Remove the edits from this device and sign out. */
  discard(): void;
}

export function unsentView(options: UnsentViewOptions): HTMLElement {
  return h(
    "div",
    { class: "hb-card hb-unsent", role: "alertdialog", "aria-labelledby": "hb-unsent-title" },
    h("h2", { id: "hb-unsent-title" }, "还有修改没有同步"),
    h("p", { class: "hb-status", "data-tone": "error", id: "hb-unsent-message" }, options.message),
    h(
      "div",
      { class: "hb-actions" },
      h(
        "button",
        { type: "button", class: "hb-primary", id: "hb-unsent-keep", onclick: options.keep },
        "暂不退出，继续同步",
      ),
      h(
        "button",
        { type: "button", class: "hb-link", id: "hb-unsent-discard", onclick: options.discard },
        "删除这些修改并退出",
      ),
    ),
  );
}

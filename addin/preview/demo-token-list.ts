/** The preview's demo tokens under the task pane's sign-in form: a click fills the token in. */
import { add, h } from "../ui/views/dom";
import type { DemoToken } from "./demo-tokens";

export function demoTokenList(tokens: readonly DemoToken[], fill: (token: string) => void): HTMLElement {
  const list = h("ul", { class: "hb-demo-tokens" });
  for (const t of tokens) {
    const pick = h(
      "button",
      { type: "button", class: "hb-link", "data-token": t.token, onclick: () => fill(t.token) },
      t.label,
    );
    add(list, h("li", {}, pick, h("code", {}, t.token)));
  }
  return h("div", { class: "hb-demo" }, h("p", { class: "hb-hint" }, "演示令牌（仅本地演示数据，点击填入）："), list);
}

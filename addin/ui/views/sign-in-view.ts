/** 登录: a token field, kept on this device after a successful check against /me. */
import { add, h } from "./dom";

export interface DemoToken {
  token: string;
  label: string;
}

export interface SignInViewOptions {
  /** Local demo tokens, offered as a list in the preview only. */
  demoTokens?: readonly DemoToken[];
  /** Resolves to a zh-CN error, or null when signed in. */
  signIn(token: string): Promise<string | null>;
}

export function signInView(options: SignInViewOptions): HTMLElement {
  const input = h("input", {
    id: "hb-token",
    class: "hb-input",
    type: "text",
    autocomplete: "off",
    spellcheck: "false",
    placeholder: "hb_…",
    "aria-describedby": "hb-token-help",
  });
  const button = h("button", { type: "submit", class: "hb-primary", id: "hb-sign-in" }, "登录");
  const error = h("p", { class: "hb-status", role: "alert", "data-tone": "error" });
  const form = h(
    "form",
    { class: "hb-card hb-sign-in" },
    h("h2", {}, "登录"),
    h("label", { for: "hb-token", class: "hb-label" }, "访问令牌"),
    input,
    h("p", { id: "hb-token-help", class: "hb-hint" }, "令牌由市总工会管理员发放，只需输入一次，保存在本机。"),
    h("div", { class: "hb-actions" }, button),
    error,
  );
  if (options.demoTokens?.length) {
    const list = h("ul", { class: "hb-demo-tokens" });
    for (const t of options.demoTokens) {
      const pick = h("button", { type: "button", class: "hb-link", "data-token": t.token }, t.label);
      pick.addEventListener("click", () => {
        input.value = t.token;
        input.focus();
      });
      add(list, h("li", {}, pick, h("code", {}, t.token)));
    }
    add(form, h("div", { class: "hb-demo" }, h("p", { class: "hb-hint" }, "演示令牌（仅本地演示数据，点击填入）："), list));
  }
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const token = input.value.trim();
    if (!token) {
      error.textContent = "请输入访问令牌";
      return;
    }
    button.disabled = true;
    error.textContent = "";
    void options.signIn(token).then((message) => {
      button.disabled = false;
      if (message) error.textContent = message;
    });
  });
  return form;
}

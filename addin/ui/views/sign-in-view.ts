/** 登录: a token field, kept on this device after a successful check against /me. */
import { add, h } from "./dom";

export interface SignInViewOptions {
  /** Resolves to a zh-CN error, or null when signed in. */
  signIn(token: string): Promise<string | null>;
  /** Shown under the form (the preview's demo tokens); `fill` puts a token in the field. */
  extra?(fill: (token: string) => void): HTMLElement;
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
  if (options.extra) {
    add(
      form,
      options.extra((token) => {
        input.value = token;
        input.focus();
      }),
    );
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

/** 登录 on /fill.html: the token, and 记住我 (otherwise it is kept only until the tab is closed). */
import { h } from "../dom";

export function signInCard(signIn: (token: string, remember: boolean) => void, busy: boolean): HTMLElement {
  const input = h("input", {
    id: "fill-token-input",
    class: "fill-input",
    type: "password",
    autocomplete: "off",
    spellcheck: "false",
    placeholder: "hb_…",
  });
  const remember = h("input", { id: "fill-remember", type: "checkbox" });
  const button = h("button", { type: "submit", class: "fill-primary", id: "fill-sign-in", disabled: busy }, "登录");
  const form = h(
    "form",
    { class: "fill-card", id: "fill-sign-in-form" },
    h("h2", {}, "登录"),
    h("label", { for: "fill-token-input", class: "fill-label" }, "访问令牌"),
    input,
    h("label", { class: "fill-check" }, remember, " 在这台电脑上记住我（公用电脑请不要勾选；不勾选时关闭网页即退出）"),
    h("p", { class: "fill-hint" }, "令牌由上级工会或管理员发放，与 Excel 插件使用的令牌相同。"),
    h("div", { class: "fill-actions" }, button),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    signIn(input.value, remember.checked);
  });
  return form;
}

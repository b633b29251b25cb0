/** 上报: the button, why it is disabled, and the server's verdict. */
import type { FormState } from "../sessions/form-session";
import { readyText } from "../sessions/problem-words";
import { h } from "./dom";

export interface SubmitBar {
  el: HTMLElement;
  show(s: FormState): void;
}

export function submitBar(onSubmit: () => void): SubmitBar {
  const button = h(
    "button",
    { type: "button", class: "hb-primary hb-submit", id: "hb-submit", onclick: onSubmit },
    "上报",
  );
  const reason = h("p", { class: "hb-hint", id: "hb-submit-reason" });
  const verdict = h("p", { class: "hb-verdict", id: "hb-verdict", role: "status", "aria-live": "polite" });
  const el = h("section", { class: "hb-card hb-submit-bar" }, button, reason, verdict);
  return {
    el,
    show(s) {
      button.disabled = s.submitBlock !== null || s.submitting;
      button.textContent = s.submitting
        ? "正在上报…"
        : s.status === "submitted" || s.status === "approved"
          ? "已上报"
          : "上报";
      reason.textContent = s.submitBlock ?? readyText(s.summary);
      verdict.textContent = s.verdict?.text ?? "";
      verdict.dataset.tone = s.verdict?.tone ?? "info";
    },
  };
}

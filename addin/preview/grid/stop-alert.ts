/**
 * Excel's stop alert as a small modal: the title and message of the cell's
 * data validation, 重试 (back to the cell, text selected) or 取消 (the stored
 * value back). While it is open, nothing else commits.
 */
import type { ErrorAlert } from "../../../schemas/layout/form/layout-types";
import { add, clear, h } from "../../ui/views/dom";

export interface StopAlert {
  el: HTMLElement;
  readonly open: boolean;
  show(alert: ErrorAlert, retry: () => void, cancel: () => void): void;
}

export function stopAlert(): StopAlert {
  const el = h("div", { class: "xl-modal", hidden: true, role: "alertdialog", "aria-modal": "true" });
  return {
    el,
    get open() {
      return !el.hidden;
    },
    show(alert, retry, cancel) {
      clear(el);
      const retryButton = h("button", { type: "button", class: "xl-btn-primary" }, "重试(R)");
      const cancelButton = h("button", { type: "button" }, "取消");
      const close = (then: () => void) => {
        el.hidden = true;
        then();
      };
      retryButton.addEventListener("click", () => close(retry));
      cancelButton.addEventListener("click", () => close(cancel));
      add(
        el,
        h(
          "div",
          { class: "xl-dialog" },
          h("div", { class: "xl-dialog-title" }, alert.title),
          h(
            "div",
            { class: "xl-dialog-body" },
            h("span", { class: "xl-stop", "aria-hidden": "true" }, "✕"),
            h("p", {}, alert.message),
          ),
          h("div", { class: "xl-dialog-actions" }, retryButton, cancelButton),
        ),
      );
      el.hidden = false;
      retryButton.focus();
    },
  };
}

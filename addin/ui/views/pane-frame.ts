/**
 * What stays on screen whatever the pane shows: the header (who is signed in,
 * 退出登录), the status line where every outcome ends up as a sentence, and
 * the main area the sign-in, round lists and forms replace one another in.
 */
import type { Me } from "../../../schemas/api/me";
import { expiryNotice } from "../sessions/token-expiry";
import { add, clear, h } from "./dom";

const ROLE = { filler: "填报", reviewer: "审核", admin: "管理员" } as const;

export type Say = (text: string, tone?: "info" | "error") => void;

export interface PaneFrame {
  say: Say;
  /** Replaces what the pane shows below its header. */
  show(el: HTMLElement): void;
  /** The header's 单位 · 角色 and how long the token works, or 未登录; 退出登录 only when signed in. */
  showMe(me: Me | null): void;
}

export function paneFrame(root: HTMLElement, signOut: () => void): PaneFrame {
  clear(root);
  root.classList.add("hb-app");
  const who = h("p", { class: "hb-unit", id: "hb-who" });
  const expiry = h("p", { class: "hb-hint", id: "hb-expiry", hidden: true });
  const signOutButton = h(
    "button",
    { type: "button", class: "hb-link", id: "hb-sign-out", hidden: true, onclick: signOut },
    "退出登录",
  );
  const status = h("p", { class: "hb-status", role: "status", "aria-live": "polite" });
  const main = h("div", { class: "hb-main" });
  add(
    root,
    h(
      "header",
      { class: "hb-header" },
      h("span", { class: "hb-logo", "aria-hidden": "true" }, "汇"),
      h("div", { class: "hb-who" }, h("h1", {}, "汇表"), who, expiry),
      signOutButton,
    ),
    status,
    main,
  );

  return {
    say(text, tone = "info") {
      status.textContent = text;
      status.dataset.tone = tone;
    },
    show(el) {
      clear(main);
      add(main, el);
    },
    showMe(me) {
      who.textContent = me ? `${me.unit.name} · ${ROLE[me.role]}` : "未登录";
      signOutButton.hidden = !me;
      // Tokens expire (issue 12): the date, and a warning in the last week so a new one is asked for in time.
      const notice = me ? expiryNotice(me.expiresAt, new Date()) : null;
      expiry.hidden = !notice;
      expiry.textContent = notice?.text ?? "";
      if (notice?.warn) expiry.dataset.tone = "error";
      else delete expiry.dataset.tone;
    },
  };
}

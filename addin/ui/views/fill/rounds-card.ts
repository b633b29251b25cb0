/** 我的填报: the rounds of my unit with due date, days left and where my report stands. */
import type { MyRound } from "../../sessions/pane-store";
import { dueLabel, statusLabel } from "../../sessions/rounds";
import { add, h } from "../dom";

export function roundsCard(
  rounds: readonly MyRound[],
  note: string | null,
  open: (id: string) => void,
  reload: () => void,
): HTMLElement {
  const now = new Date();
  const list = h("ul", { class: "fill-rounds", role: "list" });
  for (const { round, status, late } of rounds) {
    const due = dueLabel(round.dueDate, now);
    add(
      list,
      h(
        "li",
        { class: "fill-round", "data-round": round.id },
        h("div", { class: "fill-round-title" }, round.title),
        h(
          "div",
          { class: "fill-meta" },
          h("span", {}, `截止 ${round.dueDate}`),
          h("span", { class: `fill-due fill-due-${due.tone}` }, due.text),
          h("span", { class: `fill-state fill-state-${status ?? "unknown"}` }, statusLabel(status, late)),
          round.status === "locked" ? h("span", { class: "fill-hint" }, "已锁定") : null,
        ),
        h(
          "button",
          { type: "button", class: "fill-primary", "data-round": round.id, onclick: () => open(round.id) },
          "填报",
        ),
      ),
    );
  }
  return h(
    "section",
    { class: "fill-card", id: "fill-rounds" },
    h(
      "div",
      { class: "fill-card-head" },
      h("h2", {}, "我的填报"),
      h("button", { type: "button", class: "fill-link", onclick: reload }, "刷新"),
    ),
    note ? h("p", { class: "fill-status", "data-tone": "error" }, note) : null,
    h(
      "p",
      { class: "fill-hint" },
      rounds.length === 0 ? "目前没有需要本单位填报的报表。" : "选择一张报表：下载填报表，填好后上传检查，再上报。",
    ),
    list,
  );
}

/** 我的填报任务: each round with its due date, days left and where my report stands. */
import { add, h } from "./dom";
import type { MyRound } from "./pane-store";
import { dueLabel, statusLabel } from "./rounds";

export interface RoundsViewOptions {
  rounds: readonly MyRound[];
  /** A zh-CN note above the list (e.g. shown from the offline cache). */
  note?: string;
  now: Date;
  open(roundId: string): void;
  reload(): void;
}

export function roundsView(options: RoundsViewOptions): HTMLElement {
  const list = h("ul", { class: "hb-rounds", role: "list" });
  for (const { round, status, late } of options.rounds) {
    const due = dueLabel(round.dueDate, options.now);
    const openButton = h("button", { type: "button", class: "hb-primary", "data-round": round.id }, "打开");
    openButton.addEventListener("click", () => options.open(round.id));
    add(list,
      h(
        "li",
        { class: "hb-round", "data-round": round.id },
        h("div", { class: "hb-round-title" }, round.title),
        h(
          "div",
          { class: "hb-round-meta" },
          h("span", {}, `截止 ${round.dueDate}`),
          h("span", { class: `hb-due hb-due-${due.tone}` }, due.text),
          h("span", { class: `hb-state hb-state-${status ?? "unknown"}` }, statusLabel(status, late)),
        ),
        h("div", { class: "hb-round-actions" }, round.status === "locked" ? h("span", { class: "hb-hint" }, "已锁定") : null, openButton),
      ),
    );
  }
  const reload = h("button", { type: "button", class: "hb-link" }, "刷新");
  reload.addEventListener("click", options.reload);
  return h(
    "section",
    { class: "hb-card", "aria-labelledby": "hb-rounds-title" },
    h("div", { class: "hb-card-head" }, h("h2", { id: "hb-rounds-title" }, "我的填报任务"), reload),
    options.note ? h("p", { class: "hb-status", "data-tone": "error" }, options.note) : null,
    options.rounds.length === 0
      ? h("p", { class: "hb-hint" }, "目前没有需要本单位填报的报表。")
      : h("p", { class: "hb-hint" }, "点击“打开”，表格会出现在工作表中，在浅蓝色格中填报即可。"),
    list,
  );
}

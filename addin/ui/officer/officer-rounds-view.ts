/** 审核：本级及下级的报表 — each round with its due date and how many units have reported. */
import type { Round } from "../../../schemas/api/rounds";
import { add, h } from "../dom";
import { dueLabel } from "../rounds";
import { progressText, type RoundProgress } from "./progress";

export interface OfficerRound {
  round: Round;
  /** Null when the report list could not be read. */
  progress: RoundProgress | null;
}

export interface OfficerRoundsViewOptions {
  rounds: readonly OfficerRound[];
  note?: string;
  now: Date;
  open(roundId: string): void;
  reload(): void;
}

export function officerRoundsView(options: OfficerRoundsViewOptions): HTMLElement {
  const list = h("ul", { class: "hb-rounds", role: "list" });
  for (const { round, progress } of options.rounds) {
    const due = dueLabel(round.dueDate, options.now);
    const openButton = h("button", { type: "button", class: "hb-primary", "data-round": round.id }, "汇总");
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
          round.status === "locked" ? h("span", { class: "hb-hint" }, "已锁定") : null,
        ),
        h("div", { class: "hb-progress", "data-progress": round.id }, progress ? progressText(progress) : "完成情况暂时无法读取"),
        h("div", { class: "hb-round-actions" }, openButton),
      ),
    );
  }
  const reload = h("button", { type: "button", class: "hb-link" }, "刷新");
  reload.addEventListener("click", options.reload);
  return h(
    "section",
    { class: "hb-card", "aria-labelledby": "hb-rounds-title" },
    h("div", { class: "hb-card-head" }, h("h2", { id: "hb-rounds-title" }, "审核：各单位报表"), reload),
    options.note ? h("p", { class: "hb-status", "data-tone": "error" }, options.note) : null,
    options.rounds.length === 0
      ? h("p", { class: "hb-hint" }, "目前没有本级及下级单位的报表。")
      : h("p", { class: "hb-hint" }, "点击“汇总”，工作簿中会生成填报情况、节点汇总和分单位明细三张表，并随各单位上报自动更新。"),
    list,
  );
}

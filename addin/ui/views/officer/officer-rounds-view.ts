/** 审核：本级及下级的报表 — each round with its due date and how many units have reported. */
import type { Round } from "../../../../schemas/api/rounds";
import { summaryText, type StatusCounts } from "../../../../schemas/status";
import { h } from "../dom";
import { roundList } from "../round-list";

export interface OfficerRound {
  round: Round;
  /** Null when the report list could not be read. */
  progress: StatusCounts | null;
}

export interface OfficerRoundsViewOptions {
  rounds: readonly OfficerRound[];
  note?: string;
  now: Date;
  open(roundId: string): void;
  reload(): void;
  /** 新建表单, for an officer who may define forms. */
  author?: () => void;
  /** 继续编辑表单定义: the workbook already holds definition sheets (a reloaded pane goes on from them). */
  resumeAuthor?: () => void;
}

export function officerRoundsView(options: OfficerRoundsViewOptions): HTMLElement {
  return roundList({
    ...options,
    title: "审核：各单位报表",
    openLabel: "汇总",
    empty: "目前没有本级及下级单位的报表。",
    hint: "点击“汇总”，工作簿中会生成填报情况、节点汇总和分单位明细三张表，并随各单位上报自动更新。",
    extra: options.author
      ? h(
          "div",
          { class: "hb-actions" },
          h(
            "button",
            { type: "button", class: "hb-secondary", "data-author-new": "", onclick: options.author },
            "新建表单",
          ),
          options.resumeAuthor
            ? h(
                "button",
                { type: "button", class: "hb-primary", "data-author-resume": "", onclick: options.resumeAuthor },
                "继续编辑表单定义",
              )
            : null,
        )
      : undefined,
    rows: options.rounds.map(({ round, progress }) => ({
      round,
      meta: [round.status === "locked" ? h("span", { class: "hb-hint" }, "已锁定") : null],
      detail: h(
        "div",
        { class: "hb-progress", "data-progress": round.id },
        progress ? summaryText(progress) : "完成情况暂时无法读取",
      ),
    })),
  });
}

/** 我的填报任务: each round with its due date, days left and where my report stands. */
import { h } from "./dom";
import type { MyRound } from "../sessions/pane-store";
import { roundList } from "./round-list";
import { statusLabel } from "../sessions/rounds";

export interface RoundsViewOptions {
  rounds: readonly MyRound[];
  /** A zh-CN note above the list (e.g. shown from the offline cache). */
  note?: string;
  now: Date;
  open(roundId: string): void;
  reload(): void;
  /** 下载离线填报表: the round's form as a workbook, to fill without the add-in. */
  download?(roundId: string): void;
}

export function roundsView(options: RoundsViewOptions): HTMLElement {
  return roundList({
    ...options,
    title: "我的填报任务",
    openLabel: "打开",
    empty: "目前没有需要本单位填报的报表。",
    hint: "点击“打开”，表格会出现在工作表中，在浅蓝色格中填报即可。",
    rows: options.rounds.map(({ round, status, late }) => ({
      round,
      meta: [h("span", { class: `hb-state hb-state-${status ?? "unknown"}` }, statusLabel(status, late))],
      actions: [
        round.status === "locked" ? h("span", { class: "hb-hint" }, "已锁定") : null,
        options.download
          ? h(
              "button",
              {
                type: "button",
                class: "hb-link",
                // Not data-round: that names the row's 打开 button, which tests and scripts click by it.
                "data-form-file": round.id,
                onclick: () => options.download?.(round.id),
              },
              "下载离线填报表",
            )
          : null,
      ],
    })),
  });
}

/** The card both round lists share: title, refresh, a note, a hint, one row per round. */
import type { Round } from "../../../schemas/api/rounds";
import { add, h } from "./dom";
import { dueLabel } from "../sessions/rounds";

export interface RoundRow {
  round: Pick<Round, "id" | "title" | "dueDate">;
  /** Extra spans after 截止 and the days left. */
  meta: (Node | null)[];
  /** A line under the meta row (the officer's completeness). */
  detail?: Node;
  /** What sits before the open button. */
  actions?: (Node | null)[];
}

export interface RoundListOptions {
  title: string;
  rows: readonly RoundRow[];
  /** The open button's label: 打开 for a filler, 汇总 for an officer. */
  openLabel: string;
  /** Shown when there is no round / above a non-empty list. */
  empty: string;
  hint: string;
  /** A zh-CN note above the list (e.g. shown from the offline cache). */
  note?: string;
  now: Date;
  /** Shown above the list (the officer's 新建表单). */
  extra?: Node;
  open(roundId: string): void;
  reload(): void;
}

export function roundList(options: RoundListOptions): HTMLElement {
  const list = h("ul", { class: "hb-rounds", role: "list" });
  for (const { round, meta, detail, actions = [] } of options.rows) {
    const due = dueLabel(round.dueDate, options.now);
    const openButton = h(
      "button",
      { type: "button", class: "hb-primary", "data-round": round.id, onclick: () => options.open(round.id) },
      options.openLabel,
    );
    add(
      list,
      h(
        "li",
        { class: "hb-round", "data-round": round.id },
        h("div", { class: "hb-round-title" }, round.title),
        h(
          "div",
          { class: "hb-round-meta" },
          h("span", {}, `截止 ${round.dueDate}`),
          h("span", { class: `hb-due hb-due-${due.tone}` }, due.text),
          ...meta,
        ),
        detail ?? null,
        h("div", { class: "hb-round-actions" }, ...actions, openButton),
      ),
    );
  }
  const reload = h("button", { type: "button", class: "hb-link", onclick: options.reload }, "刷新");
  return h(
    "section",
    { class: "hb-card", "aria-labelledby": "hb-rounds-title" },
    h("div", { class: "hb-card-head" }, h("h2", { id: "hb-rounds-title" }, options.title), reload),
    options.note ? h("p", { class: "hb-status", "data-tone": "error" }, options.note) : null,
    h("p", { class: "hb-hint" }, options.rows.length === 0 ? options.empty : options.hint),
    options.extra ?? null,
    list,
  );
}

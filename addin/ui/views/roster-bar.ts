/**
 * 名册: the rows the sheet has prepared for each roster, and 增加行. A roster
 * grows by itself once its last row is filled; a long block pasted from
 * another workbook needs the rows first, because Excel refuses a paste that
 * runs past the table onto the protected lines below it.
 */
import { add, clear, h } from "./dom";
import type { FormState, RosterState } from "../sessions/form-state";
import { ROW_STEP } from "../sessions/roster-rows";

export interface RosterBar {
  el: HTMLElement;
  show(s: FormState): void;
}

export function rosterBar(addRows: (roster: string, count: number) => Promise<void>): RosterBar {
  const body = h("div", { class: "hb-rosters" });
  const el = h(
    "section",
    { class: "hb-card", id: "hb-rosters", "aria-labelledby": "hb-rosters-title", hidden: true },
    h("h2", { id: "hb-rosters-title" }, "名册"),
    body,
  );
  let shown = "";
  const rows = new Map<string, { line: HTMLElement; count: HTMLInputElement; button: HTMLButtonElement }>();

  const line = (r: RosterState) => `${r.title}：表中已有 ${r.rows} 行（最多 ${r.maxRows} 行）。`;

  const build = (rosters: readonly RosterState[]) => {
    clear(body);
    rows.clear();
    for (const r of rosters) {
      const text = h("p", { class: "hb-roster-rows", "data-roster": r.key }, line(r));
      const count = h("input", {
        type: "number",
        class: "hb-input hb-roster-count",
        id: `hb-add-rows-${r.key}`,
        min: 1,
        step: 1,
        value: ROW_STEP,
        "aria-label": `${r.title}要增加的行数`,
      });
      const button = h("button", { type: "button", class: "hb-primary hb-add-rows", "data-roster": r.key }, "增加行");
      button.addEventListener("click", () => {
        const n = Math.floor(Number(count.value));
        if (!Number.isFinite(n) || n < 1) {
          count.focus();
          return;
        }
        button.disabled = true;
        button.textContent = "正在增加…";
        void addRows(r.key, n).finally(() => {
          button.textContent = "增加行";
          button.disabled = false;
        });
      });
      add(
        body,
        h(
          "div",
          { class: "hb-roster" },
          text,
          h(
            "div",
            { class: "hb-roster-add" },
            h("label", { for: count.id }, "增加"),
            count,
            h("span", {}, "行"),
            button,
          ),
        ),
      );
      rows.set(r.key, { line: text, count, button });
    }
    add(
      body,
      h(
        "p",
        { class: "hb-hint" },
        `填到名册最后一行时，会自动再增加 ${ROW_STEP} 行。要从别的表格一次粘贴更多行，请先在这里增加行数再粘贴：Excel 不允许粘贴到名册末行以下。`,
      ),
    );
  };

  return {
    el,
    show(s) {
      el.hidden = s.rosters.length === 0 || !s.editable;
      const key = s.rosters.map((r) => r.key).join(",");
      if (key !== shown) {
        shown = key;
        build(s.rosters);
      }
      for (const r of s.rosters) {
        const v = rows.get(r.key);
        if (!v) continue;
        v.line.textContent = line(r);
        v.count.max = String(Math.max(1, r.maxRows - r.rows));
        if (r.rows >= r.maxRows) v.button.disabled = true;
      }
    },
  };
}

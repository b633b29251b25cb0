/**
 * 冲突: a cell both this clerk and someone else changed. Each conflict shows
 * mine and theirs; nothing is decided until the clerk picks one.
 */
import type { EditConflict } from "../../../schemas/api/reports";
import type { Choice } from "../../sync/sync-engine";
import { add, clear, h } from "./dom";

export interface ConflictDialog {
  el: HTMLElement;
  show(conflicts: readonly EditConflict[]): void;
}

export function conflictDialog(
  describe: (cell: string) => string,
  resolve: (choices: Record<string, Choice>) => void,
): ConflictDialog {
  const body = h("div", { class: "hb-conflicts" });
  const apply = h("button", { type: "button", class: "hb-primary", id: "hb-conflict-apply" }, "确定");
  const el = h(
    "section",
    { class: "hb-dialog", role: "dialog", "aria-modal": "true", "aria-labelledby": "hb-conflict-title", hidden: true },
    h(
      "div",
      { class: "hb-dialog-box" },
      h("h2", { id: "hb-conflict-title" }, "与他人的修改冲突"),
      h(
        "p",
        { class: "hb-hint" },
        "以下单元格在您修改的同时被他人改成了不同的值。请逐一选择保留哪个值，未选择的不会被覆盖。",
      ),
      body,
      h("div", { class: "hb-actions" }, apply),
    ),
  );
  let shown = "";
  let current: readonly EditConflict[] = [];
  const text = (v: string | null) => (v === null || v === "" ? "（空白）" : v);
  apply.addEventListener("click", () => {
    const choices: Record<string, Choice> = {};
    for (const c of current) {
      const picked = body.querySelector<HTMLInputElement>(`input[name="hb-c-${CSS.escape(c.cell)}"]:checked`);
      if (picked) choices[c.cell] = picked.value as Choice;
    }
    resolve(choices);
  });
  return {
    el,
    show(conflicts) {
      const sig = JSON.stringify(conflicts);
      el.hidden = conflicts.length === 0;
      if (sig === shown) return;
      shown = sig;
      current = conflicts;
      clear(body);
      for (const c of conflicts) {
        const option = (value: Choice, title: string, v: string | null) =>
          h(
            "label",
            { class: `hb-choice hb-choice-${value}` },
            h("input", { type: "radio", name: `hb-c-${c.cell}`, value, "data-cell": c.cell }),
            h("span", {}, title),
            h("strong", {}, text(v)),
          );
        add(
          body,
          h(
            "fieldset",
            { class: "hb-conflict", "data-cell": c.cell },
            h("legend", {}, describe(c.cell)),
            option("mine", "我的：", c.mine),
            option("theirs", "他人的：", c.theirs),
          ),
        );
      }
    },
  };
}

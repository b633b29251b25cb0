/**
 * The 问题 list: errors first, each entry selects its cell when clicked.
 * Rendering only; where problems come from is the caller's business.
 */
import type { Problem } from "../../schemas/problem";
import { add, clear, h } from "./dom";

export interface ProblemListView {
  show(problems: readonly Problem[]): void;
}

export function problemList(root: HTMLElement, onPick: (problem: Problem) => void): ProblemListView {
  const summary = h("p", { class: "hb-summary" });
  const list = h("ul", { class: "hb-problems", role: "list" });
  add(root, summary, list);

  const show = (problems: readonly Problem[]) => {
    clear(list);
    const errors = problems.filter((p) => p.severity === "error").length;
    const warnings = problems.length - errors;
    summary.textContent =
      problems.length === 0 ? "暂无问题。录入时会自动检查，问题会列在这里。" : `${errors} 个错误，${warnings} 个警告`;
    const ordered = [...problems].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
    for (const p of ordered) {
      const item = h(
        "li",
        { class: `hb-problem hb-${p.severity}` },
        h(
          "button",
          { type: "button", title: "定位到单元格", onclick: () => onPick(p) },
          h("span", { class: "hb-pill" }, p.severity === "error" ? "错误" : "警告"),
          h("span", { class: "hb-message" }, p.message),
        ),
      );
      add(list, item);
    }
  };
  show([]);
  return { show };
}

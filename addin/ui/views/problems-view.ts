/**
 * The 问题 list: errors first, each entry selects its cell when clicked; a
 * warning has its 上报说明 box right below it. The list is rebuilt only when the
 * problems themselves change, so typing an explanation never loses the caret.
 */
import { MAX_EXPLANATION_LENGTH } from "../../../schemas/report-problems";
import type { ProblemEntry, ProblemSummary } from "../sessions/problem-map";
import { summaryText } from "../sessions/problem-words";
import { add, clear, h } from "./dom";

const PILL: Record<ProblemEntry["severity"], string> = { error: "错误", warning: "警告", notice: "提示" };

export interface ProblemsView {
  el: HTMLElement;
  show(summary: ProblemSummary, explanations: Readonly<Record<string, string>>, editable: boolean): void;
}

export interface ProblemsViewOptions {
  pick(entry: ProblemEntry): void;
  explain(problemId: string, text: string): void;
}

export function problemsView(options: ProblemsViewOptions): ProblemsView {
  const summaryLine = h("p", { class: "hb-summary", id: "hb-problem-summary" });
  const list = h("ul", { class: "hb-problems", role: "list" });
  const el = h(
    "section",
    { class: "hb-card", "aria-labelledby": "hb-problems-title" },
    h("h2", { id: "hb-problems-title" }, "问题"),
    summaryLine,
    list,
  );
  let shown = "";
  const boxes = new Map<string, HTMLTextAreaElement>();

  const entryView = (p: ProblemEntry, explanation: string, editable: boolean) => {
    const item = h(
      "li",
      { class: `hb-problem hb-${p.severity}`, "data-problem": p.id },
      h(
        "button",
        { type: "button", title: p.cell ? "定位到单元格" : "", onclick: () => options.pick(p) },
        h("span", { class: "hb-pill" }, PILL[p.severity]),
        h("span", { class: "hb-message" }, p.message),
      ),
    );
    if (p.severity === "warning") {
      const box = h("textarea", {
        class: "hb-explain",
        rows: 2,
        maxlength: MAX_EXPLANATION_LENGTH,
        "data-problem": p.id,
        "aria-label": "上报说明",
        placeholder: "上报说明：如情况属实，请说明原因（必填，随数据报送）",
        readonly: !editable,
      });
      box.value = explanation;
      box.addEventListener("input", () => options.explain(p.id, box.value));
      boxes.set(p.id, box);
      add(item, box);
    }
    return item;
  };

  return {
    el,
    show(summary, explanations, editable) {
      const { entries } = summary;
      summaryLine.textContent = summaryText(summary);
      const sig = JSON.stringify([editable, entries.map((e) => [e.id, e.severity, e.message])]);
      if (sig === shown) {
        // Same problems: only refresh explanations the clerk is not typing in (they may come from another device).
        for (const [id, box] of boxes) {
          const text = explanations[id] ?? "";
          if (document.activeElement !== box && box.value.trim() !== text) box.value = text;
        }
        return;
      }
      shown = sig;
      const focused = [...boxes.entries()].find(([, b]) => document.activeElement === b);
      const caret = focused ? ([focused[1].selectionStart, focused[1].selectionEnd, focused[1].value] as const) : null;
      boxes.clear();
      clear(list);
      for (const p of entries) add(list, entryView(p, explanations[p.id] ?? "", editable));
      if (focused && caret) {
        const box = boxes.get(focused[0]);
        if (box) {
          box.value = caret[2];
          box.focus();
          box.setSelectionRange(caret[0], caret[1]);
        }
      }
    },
  };
}

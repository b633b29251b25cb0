/**
 * The definition being edited: what the check found (red) and what the draft
 * guessed (amber, 确认 each), then 预览 → 发布 → 开启填报. Clicking a line selects
 * its cell. Every outcome is a zh-CN sentence in the card's status line.
 */
import type { UnitTreeNode } from "../../../../schemas/api/me";
import type { AuthorEntry, AuthorSession, AuthorState } from "../../sessions/author/author-session";
import { add, clear, h } from "../dom";

export interface AuthorEditOptions {
  session: AuthorSession;
  /** The caller's visible unit tree: 开启填报 picks a node or units of it. */
  tree: readonly UnitTreeNode[];
  preview(): Promise<string>;
  publish(): Promise<{ ok: boolean; message: string }>;
  openRound(request: { id: string; period: string; dueDate: string; rootUnit: string; units: string[] }): Promise<{
    ok: boolean;
    message: string;
  }>;
  back(): void;
}

export interface AuthorEditView {
  el: HTMLElement;
  /** What the 预览 sheet's test values show, as the clerk's counts would. */
  previewed(text: string): void;
  dispose(): void;
}

export function authorEditView(o: AuthorEditOptions): AuthorEditView {
  const status = h("p", { class: "hb-status", "data-author-status": "", role: "status" });
  const say = (text: string, tone: "info" | "error" = "info") => {
    status.textContent = text;
    status.setAttribute("data-tone", tone);
  };
  const counts = h("p", { class: "hb-hint", "data-author-counts": "" });
  const previewLine = h("p", { class: "hb-hint", "data-author-preview": "" });
  const list = h("ul", { class: "hb-problems", "data-author-entries": "" });
  const run = (button: HTMLButtonElement, busy: string, work: () => Promise<void>) => async () => {
    button.disabled = true;
    say(busy);
    try {
      await work();
    } finally {
      button.disabled = false;
    }
  };

  const previewButton = h("button", { type: "button", class: "hb-secondary", "data-author-action": "preview" }, "预览");
  previewButton.addEventListener(
    "click",
    run(previewButton, "正在生成预览…", async () => say(await o.preview())),
  );
  const publishButton = h("button", { type: "button", class: "hb-primary", "data-author-action": "publish" }, "发布");
  const roundCard = h("div", { class: "hb-author-round", "data-author-round": "" });
  publishButton.addEventListener(
    "click",
    run(publishButton, "正在发布…", async () => {
      const r = await o.publish();
      say(r.message, r.ok ? "info" : "error");
      if (r.ok) showRoundForm();
    }),
  );

  function showRoundForm(): void {
    clear(roundCard);
    const template = o.session.current().template;
    if (!template) return;
    const field = (label: string, input: HTMLElement) => h("label", { class: "hb-label" }, label, input);
    const id = h("input", { class: "hb-input", "data-round-field": "id", value: `${template.id}-${template.period}` });
    const period = h("input", { class: "hb-input", "data-round-field": "period", value: template.period });
    const due = h("input", { class: "hb-input", "data-round-field": "dueDate", type: "date", value: template.dueDate });
    const root = o.tree[0];
    const boxes = (root?.children ?? []).map((u) =>
      h(
        "label",
        { class: "hb-check" },
        h("input", { type: "checkbox", value: u.code, "data-round-unit": u.code }),
        u.name,
      ),
    );
    const open = h("button", { type: "button", class: "hb-primary", "data-author-action": "open-round" }, "开启填报");
    open.addEventListener(
      "click",
      run(open, "正在开启填报…", async () => {
        const units = boxes.flatMap((b) => {
          const input = b.querySelector("input");
          return input?.checked ? [input.value] : [];
        });
        const r = await o.openRound({
          id: id.value.trim(),
          period: period.value.trim(),
          dueDate: due.value,
          rootUnit: root?.code ?? "",
          units,
        });
        say(r.message, r.ok ? "info" : "error");
      }),
    );
    add(
      roundCard,
      h("h3", {}, "开启填报"),
      field("轮次编号", id),
      field("填报期间", period),
      field("报送截止", due),
      h("p", { class: "hb-hint" }, `填报单位（不勾选则为${root?.name ?? "本级"}以下全部单位）：`),
      h("div", { class: "hb-units" }, ...boxes),
      open,
    );
  }

  function entryLine(e: AuthorEntry): HTMLElement {
    const line = h(
      "li",
      { class: `hb-problem hb-${e.kind === "issue" ? "error" : "warning"}`, "data-author-entry": e.kind },
      h("button", { type: "button", class: "hb-problem-text", onclick: () => void o.session.select(e) }, e.message),
    );
    if (e.kind === "guess") {
      add(
        line,
        h(
          "button",
          {
            type: "button",
            class: "hb-link",
            "data-author-confirm": e.id,
            onclick: () => void o.session.confirm(e.id),
          },
          "确认",
        ),
      );
    }
    return line;
  }

  const render = (s: AuthorState) => {
    clear(list);
    for (const e of s.entries) add(list, entryLine(e));
    const issues = s.entries.filter((e) => e.kind === "issue").length;
    const guesses = s.entries.length - issues;
    counts.textContent = s.checking
      ? "正在检查…"
      : issues > 0
        ? `${issues} 处错误须改正，${guesses} 处起草时的推测待确认`
        : guesses > 0
          ? `没有错误；${guesses} 处起草时的推测待确认（确认后即可发布）`
          : "表单定义检查通过，可以预览和发布";
    publishButton.disabled = s.template === null || guesses > 0;
    previewButton.disabled = s.template === null;
  };
  const unsubscribe = o.session.subscribe(render);

  const el = h(
    "section",
    { class: "hb-card", "data-author-edit": "" },
    h(
      "div",
      { class: "hb-card-head" },
      h("h2", {}, "编辑表单定义"),
      h("button", { type: "button", class: "hb-link", onclick: o.back }, "返回"),
    ),
    h("p", { class: "hb-hint" }, "在“表单”“项目”“规则”等工作表中修改；改动会自动检查。点击下面一条即选中对应的格子。"),
    counts,
    list,
    h("div", { class: "hb-actions" }, previewButton, publishButton),
    previewLine,
    status,
    roundCard,
  );
  return { el, previewed: (text) => (previewLine.textContent = text), dispose: unsubscribe };
}

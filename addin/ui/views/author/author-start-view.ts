/** 新建表单: where the definition starts — the notice's text, a published form, or nothing. */
import type { TemplateSummary } from "../../../../schemas/api/templates";
import { h } from "../dom";

export interface AuthorStartOptions {
  /** Published versions, to copy one as the next version. */
  templates: readonly TemplateSummary[];
  fromText(text: string): void;
  /** Drafts from the printed table in the active sheet. */
  fromSheet(): void;
  fromTemplate(id: string, version: number): void;
  blank(): void;
  /** Present when the workbook already holds definition sheets. */
  resume?: () => void;
  back(): void;
}

export function authorStartView(o: AuthorStartOptions): HTMLElement {
  const text = h("textarea", {
    class: "hb-author-text",
    rows: 10,
    "data-author-text": "",
    placeholder:
      "把通知附件中的表格文字粘贴到这里，如：\n1. 2014 年助学活动共筹集资金_____（万元）；\n其中：各级党委政府资助_____（万元），…",
  });
  const latest = new Map<string, TemplateSummary>();
  for (const t of o.templates) if ((latest.get(t.id)?.version ?? 0) < t.version) latest.set(t.id, t);
  const pick = h(
    "select",
    { "data-author-copy-pick": "" },
    ...[...latest.values()].map((t) =>
      h("option", { value: `${t.id}\u0000${t.version}` }, `${t.title}（第 ${t.version} 版）`),
    ),
  );
  return h(
    "section",
    { class: "hb-card", "data-author-start": "" },
    h(
      "div",
      { class: "hb-card-head" },
      h("h2", {}, "新建表单"),
      h("button", { type: "button", class: "hb-link", onclick: o.back }, "返回"),
    ),
    h(
      "p",
      { class: "hb-hint" },
      "表单定义写在工作簿的“表单”“项目”“规则”等工作表中；起草后逐项核对标黄的格子，改正标红的格子，即可预览和发布。",
    ),
    o.resume
      ? h(
          "button",
          { type: "button", class: "hb-primary", "data-author-draft": "resume", onclick: o.resume },
          "继续编辑工作簿中的表单定义",
        )
      : null,
    h("h3", {}, "从通知文字起草"),
    text,
    h(
      "button",
      { type: "button", class: "hb-primary", "data-author-draft": "text", onclick: () => o.fromText(text.value) },
      "起草",
    ),
    h("h3", {}, "从工作表中的表格起草"),
    h(
      "p",
      { class: "hb-hint" },
      "把通知中印的表格（序号、项目、单位，或名册的表头）粘贴到一个空白工作表，选中该工作表后点击：",
    ),
    h(
      "button",
      { type: "button", class: "hb-secondary", "data-author-draft": "sheet", onclick: o.fromSheet },
      "从当前工作表起草",
    ),
    latest.size > 0 ? h("h3", {}, "复制已发布的表单（作为新版本）") : null,
    latest.size > 0 ? pick : null,
    latest.size > 0
      ? h(
          "button",
          {
            type: "button",
            class: "hb-secondary",
            "data-author-draft": "copy",
            onclick: () => {
              const [id, version] = pick.value.split("\u0000");
              if (id && version) o.fromTemplate(id, Number(version));
            },
          },
          "复制",
        )
      : null,
    h("h3", {}, "空白表单"),
    h(
      "button",
      { type: "button", class: "hb-secondary", "data-author-draft": "blank", onclick: o.blank },
      "从空白开始",
    ),
  );
}

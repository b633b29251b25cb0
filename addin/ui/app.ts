/**
 * The task pane. It sees the workbook only through `FormWorkbook`, so the same
 * code runs inside Excel (Office.js adapter) and in the preview page (memory
 * workbook).
 *
 * Today it picks a template, renders or reopens its sheet and keeps the 问题
 * list; the live check and sync plug in through `FormSession` (`showProblems`,
 * `onCellsChanged`) without touching the DOM code.
 */
import type { Problem } from "../../schemas/problem";
import type { Template } from "../../schemas/template";
import { buildLayout, type SheetLayout } from "../excel/layout";
import type { CellKey, CellMark, CellValue, FormWorkbook, Subscription } from "../excel/workbook";
import { add, clear, describeError, h } from "./dom";
import { problemList } from "./problem-list";

export interface AppOptions {
  root: HTMLElement;
  workbook: FormWorkbook;
  /** e.g. `https://localhost:8787/api/v1`; the pane and the API share an origin. */
  apiBase: string;
  /**
   * Published templates, already validated (zod defaults applied) where they
   * were published: the pane never bundles the schema validator.
   */
  loadTemplates: () => Promise<readonly Template[]>;
  /** 填报单位, from the token. */
  unitName?: string;
  /** Called whenever the clerk changes cells of the open form (typed or pasted). */
  onCellsChanged?: (session: FormSession, cells: CellKey[], values: Record<CellKey, CellValue>) => void;
}

/** The form currently open in the pane. */
export interface FormSession {
  template: Template;
  layout: SheetLayout;
  workbook: FormWorkbook;
  /** Replaces the 问题 list and the cell marks with `problems`. */
  showProblems(problems: readonly Problem[]): Promise<void>;
}

export interface App {
  session(): FormSession | undefined;
  open(templateId: string): Promise<void>;
  dispose(): Promise<void>;
}

export function createApp(options: AppOptions): App {
  const { root, workbook } = options;
  clear(root);
  root.classList.add("hb-app");

  const picker = h("select", { id: "hb-template", "aria-label": "报表" });
  const openButton = h("button", { type: "button", class: "hb-primary", id: "hb-open" }, "生成表格");
  const status = h("p", { class: "hb-status", role: "status", "aria-live": "polite" });
  const problemsBox = h("section", { class: "hb-card", "aria-labelledby": "hb-problems-title" });
  add(problemsBox, h("h2", { id: "hb-problems-title" }, "问题"));
  const problemsView = problemList(problemsBox, (p) => void pick(p));

  add(root,
    h(
      "header",
      { class: "hb-header" },
      h("span", { class: "hb-logo", "aria-hidden": "true" }, "汇"),
      h("div", {}, h("h1", {}, "汇表"), h("p", { class: "hb-unit" }, options.unitName ?? "未登录")),
    ),
    h(
      "section",
      { class: "hb-card" },
      h("h2", {}, "报表"),
      h("label", { for: "hb-template", class: "hb-label" }, "选择要填报的统计表"),
      picker,
      h("div", { class: "hb-actions" }, openButton),
      status,
    ),
    problemsBox,
  );

  let templates: Template[] = [];
  let current: FormSession | undefined;
  let subscription: Subscription | undefined;
  let marked = new Set<CellKey>();

  const say = (text: string, tone: "info" | "error" = "info") => {
    status.textContent = text;
    status.dataset.tone = tone;
  };

  async function pick(p: Problem): Promise<void> {
    const cell = p.cells[0];
    if (!current || !cell) return;
    try {
      await workbook.selectCell(current.layout.sheet, cell);
    } catch (e) {
      say(describeError(e), "error");
    }
  }

  const session = (template: Template, layout: SheetLayout): FormSession => ({
    template,
    layout,
    workbook,
    async showProblems(problems) {
      problemsView.show(problems);
      const marks: CellMark[] = problems.flatMap((p) =>
        p.cells.map((cell) => ({ cell, severity: p.severity, note: p.message })),
      );
      const next = new Set(marks.map((m) => m.cell));
      const cleared = [...marked].filter((c) => !next.has(c));
      marked = next;
      await workbook.markCells(layout.sheet, marks, cleared);
    },
  });

  async function open(templateId: string): Promise<void> {
    await ready;
    picker.value = templateId;
    const template = templates.find((t) => t.id === templateId);
    if (!template) return;
    openButton.disabled = true;
    try {
      await subscription?.remove();
      subscription = undefined;
      const layout = buildLayout(template, { unitName: options.unitName });
      // Reopening keeps what the clerk typed; only a missing sheet is drawn.
      const reopened = await workbook.attachForm(layout);
      if (!reopened) await workbook.renderForm(layout);
      current = session(template, layout);
      marked = new Set();
      problemsView.show([]);
      const opened = current;
      subscription = await workbook.onCellsChanged(layout.sheet, (cells, values) => {
        say(`已记录 ${cells.length} 个单元格的修改`);
        options.onCellsChanged?.(opened, cells, values);
      });
      say(reopened ? `已打开工作表「${layout.sheet}」` : `已生成工作表「${layout.sheet}」，请在浅蓝色格中填报`);
    } catch (e) {
      say(describeError(e), "error");
    } finally {
      openButton.disabled = false;
    }
  }

  openButton.addEventListener("click", () => void open(picker.value));

  const ready = (async () => {
    say("正在载入报表…");
    try {
      templates = [...(await options.loadTemplates())];
      clear(picker);
      for (const t of templates) {
        add(picker, h("option", { value: t.id }, `${t.attachment ? `${t.attachment} ` : ""}${t.title}`));
      }
      say(templates.length ? `共 ${templates.length} 张报表可填报` : "暂无可填报的报表", templates.length ? "info" : "error");
    } catch (e) {
      say(describeError(e), "error");
    }
  })();

  return {
    session: () => current,
    open,
    dispose: async () => {
      await subscription?.remove();
      clear(root);
    },
  };
}

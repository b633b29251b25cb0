/**
 * 新建表单 → 编辑表单定义 → 预览 → 发布 → 开启填报, for an officer who may author
 * (sessions/author/can-author.ts). The officer pane hands it the area below the
 * header; `back` returns to the round list, where an opened round now shows.
 */
import type { Me, UnitTreeNode } from "../../../../schemas/api/me";
import { draftFromTable } from "../../../../schemas/definition/draft-table";
import { draftFromText } from "../../../../schemas/definition/draft-text";
import type { DraftGuess } from "../../../../schemas/definition/draft";
import { SHEETS } from "../../../../schemas/definition/sheets";
import { templateToDefinition } from "../../../../schemas/definition/write";
import { Template, type TemplateInput } from "../../../../schemas/template";
import type { FormWorkbook } from "../../../sheet/form-workbook";
import type { ApiClient } from "../../../sync/api-client";
import { AuthorSession } from "../../sessions/author/author-session";
import { blankForm } from "../../sessions/author/blank-form";
import { FormPreview } from "../../sessions/author/form-preview";
import { describeError } from "../../sessions/describe-error";
import { authorEditView, type AuthorEditView } from "./author-edit-view";
import { authorStartView } from "./author-start-view";

export interface AuthorPaneOptions {
  api: ApiClient;
  me: Me;
  forms: FormWorkbook;
  show(el: HTMLElement): void;
  say(text: string, tone?: "info" | "error"): void;
  back(): void;
}

export interface AuthorPane {
  /** Shows the start choices (继续编辑 among them when the workbook holds a definition). */
  start(): Promise<void>;
  /** Goes on with the definition sheets the workbook holds. */
  resume(): Promise<void>;
  close(): Promise<void>;
}

export function createAuthorPane(o: AuthorPaneOptions): AuthorPane {
  let session: AuthorSession | undefined;
  let preview: FormPreview | undefined;
  let view: AuthorEditView | undefined;
  const sessionOptions = { workbook: o.forms, api: o.api };

  async function close(): Promise<void> {
    view?.dispose();
    view = undefined;
    await preview?.dispose();
    preview = undefined;
    await session?.dispose();
    session = undefined;
  }

  async function edit(begin: () => Promise<AuthorSession>): Promise<void> {
    o.say("正在写入表单定义…");
    try {
      await close();
      session = await begin();
      const units = await o.api.units();
      const tree: UnitTreeNode[] = units.ok ? units.data.roots : [];
      view = authorEditView({ session, tree, preview: showPreview, publish, openRound, back: () => void leave() });
      o.show(view.el);
      o.say("");
    } catch (e) {
      o.say(describeError(e), "error");
    }
  }

  const fromDraft = (template: TemplateInput, guesses: DraftGuess[]) =>
    edit(() => AuthorSession.start(sessionOptions, templateToDefinition(Template.parse(template)), guesses));

  async function start(): Promise<void> {
    const list = await o.api.templates();
    const held = await o.forms.hasSheet(SHEETS.form).catch(() => false);
    o.show(
      authorStartView({
        templates: list.ok ? list.data.templates : [],
        fromText: (text) => {
          if (!text.trim()) return o.say("请先把通知附件中的表格文字粘贴到文本框中", "error");
          const draft = draftFromText(text);
          void fromDraft(draft.template, draft.guesses);
        },
        fromSheet: () => void fromSheet(),
        fromTemplate: (id, version) => void copy(id, version, list.ok ? list.data.templates : []),
        blank: () => void fromDraft(blankForm(new Date()), []),
        // The definition lives in the workbook's sheets: a reopened pane goes on from them.
        resume: held ? () => void resume() : undefined,
        back: o.back,
      }),
    );
  }

  function resume(): Promise<void> {
    return edit(async () => {
      const resumed = await AuthorSession.resume(sessionOptions);
      if (!resumed) throw new Error("工作簿中没有表单定义");
      return resumed;
    });
  }

  async function fromSheet(): Promise<void> {
    try {
      const printed = await o.forms.readPrinted();
      if (!printed) return o.say("当前工作表是空的：请先把通知中的表格粘贴到一个空白工作表，再点击起草", "error");
      const draft = draftFromTable(printed);
      await fromDraft(draft.template, draft.guesses);
    } catch (e) {
      o.say(describeError(e), "error");
    }
  }

  /** The next version of a published form starts as a copy of it. */
  async function copy(
    id: string,
    version: number,
    published: readonly { id: string; version: number }[],
  ): Promise<void> {
    const got = await o.api.template(id, version);
    if (!got.ok) return o.say(got.message, "error");
    const next = Math.max(...published.filter((t) => t.id === id).map((t) => t.version)) + 1;
    await fromDraft({ ...(got.data.definition as TemplateInput), version: next }, []);
  }

  async function showPreview(): Promise<string> {
    const template = session?.current().template;
    if (!template) return "表单定义还有错误，改正后才能预览";
    await preview?.dispose();
    preview = await FormPreview.open(o.forms, template, o.me.unit.name);
    preview.subscribe((s) =>
      view?.previewed(
        s.errors + s.warnings === 0
          ? `预览试填：没有发现问题（待填 ${s.toFill} 项）`
          : `预览试填：错误 ${s.errors} · 警告 ${s.warnings}`,
      ),
    );
    return "已在“预览”工作表中生成填报表：可以试填，问题会像填报单位看到的那样标出；试填的数不会保存";
  }

  async function publish(): Promise<{ ok: boolean; message: string }> {
    if (!session) return { ok: false, message: "请先起草表单定义" };
    const r = await session.publish();
    if (r.ok) {
      const how = r.status === 201 ? "已发布" : "这一版已发布过，内容相同";
      return {
        ok: true,
        message: `${how}：${r.data.title}（${r.data.id} 第 ${r.data.version} 版）。下面可以开启填报。`,
      };
    }
    return { ok: false, message: r.message };
  }

  async function openRound(request: {
    id: string;
    period: string;
    dueDate: string;
    rootUnit: string;
    units: string[];
  }) {
    const template = session?.current().template;
    if (!session || !template) return { ok: false, message: "请先发布表单" };
    const r = await session.openRound({
      id: request.id,
      templateId: template.id,
      templateVersion: template.version,
      rootUnit: request.rootUnit,
      ...(request.units.length > 0 ? { units: request.units } : {}),
      period: request.period,
      dueDate: request.dueDate,
    });
    if (!r.ok) return { ok: false, message: r.message };
    return {
      ok: true,
      message: `已开启填报：${r.data.title}，截止 ${r.data.dueDate}。返回列表即可看到各单位的填报情况。`,
    };
  }

  async function leave(): Promise<void> {
    await close();
    o.back();
  }

  return { start, resume, close };
}

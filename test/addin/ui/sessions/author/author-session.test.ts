import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { PublishedTemplate } from "../../../../../schemas/api/templates";
import { draftFromText } from "../../../../../schemas/definition/draft-text";
import { draftFromTable } from "../../../../../schemas/definition/draft-table";
import { templateToDefinition } from "../../../../../schemas/definition/write";
import { SH_2014_YGJY } from "../../../../../schemas/forms";
import { buildLayout } from "../../../../../schemas/layout/form/layout";
import { Template } from "../../../../../schemas/template";
import { MemoryWorkbook } from "../../../../../addin/memory/memory-workbook";
import type { ApiClient } from "../../../../../addin/sync/api-client";
import { AuthorSession } from "../../../../../addin/ui/sessions/author/author-session";
import { blankForm } from "../../../../../addin/ui/sessions/author/blank-form";
import { FormPreview, PREVIEW_SHEET } from "../../../../../addin/ui/sessions/author/form-preview";

const NOTICE = readFileSync(new URL("../../../../../docs/notices/shanghai-2014-156.txt", import.meta.url), "utf8");
const ATTACHMENT_2 = NOTICE.slice(NOTICE.indexOf("附件 2"));

/** The API as far as authoring uses it: what was published. */
function fakeApi(published: Template[]): ApiClient {
  const api: Partial<ApiClient> = {
    publishTemplate: async (t) => {
      published.push(t);
      const data = { id: t.id, version: t.version, title: t.title } as PublishedTemplate;
      return { ok: true, status: 201, data, etag: null };
    },
  };
  return api as ApiClient;
}

async function started(workbook: MemoryWorkbook, published: Template[] = []) {
  const draft = draftFromText(ATTACHMENT_2);
  const book = templateToDefinition(Template.parse(draft.template));
  const session = await AuthorSession.start({ workbook, api: fakeApi(published), debounceMs: 0 }, book, draft.guesses);
  return { session, draft };
}

describe("authoring in the pane's workbook", () => {
  it("draws the definition sheets from a drafted notice and marks each guess amber on its cell", async () => {
    const workbook = new MemoryWorkbook();
    const { session, draft } = await started(workbook);
    expect(workbook.sheetNames()).toEqual(expect.arrayContaining(["表单", "分节", "项目", "规则", "名册列"]));
    const state = session.current();
    expect(state.template?.sections[0]?.kind).toBe("items");
    expect(state.entries.filter((e) => e.kind === "guess")).toHaveLength(draft.guesses.length);
    const amber = [...(workbook.sheet("项目")?.marks.values() ?? [])].filter((m) => m.severity === "warning");
    expect(amber.length).toBeGreaterThan(0);
    expect(workbook.sheet("表单")?.values.get("B5")).toBe("（请填写）");
  });

  it("checks what the officer types: a wrong formula is red on its cell, fixed it clears", async () => {
    const workbook = new MemoryWorkbook();
    const { session } = await started(workbook);
    expect(workbook.type("规则", "A2", "my-rule").ok).toBe(true);
    expect(workbook.type("规则", "C2", "item1 >= itme2").ok).toBe(true);
    expect(workbook.type("规则", "D2", "错误").ok).toBe(true);
    expect(workbook.type("规则", "E2", "检查").ok).toBe(true);
    await session.check();
    const issue = session.current().entries.find((e) => e.kind === "issue");
    expect(issue).toMatchObject({ at: { sheet: "规则", key: "C2" } });
    expect(issue?.message).toMatch(/^「规则」第 2 行「公式」第 10 个字符：未知字段 itme2/);
    expect(workbook.sheet("规则")?.marks.get("C2")?.severity).toBe("error");
    expect(session.current().template).toBeNull();

    workbook.type("规则", "C2", "item1 >= item2");
    await session.check();
    expect(session.current().entries.filter((e) => e.kind === "issue")).toEqual([]);
    expect(workbook.sheet("规则")?.marks.has("C2")).toBe(false);
    expect(session.current().template?.rules.at(-1)).toMatchObject({ id: "my-rule", expr: "item1 >= item2" });
  });

  it("refuses a word not in a column's dropdown as Excel would", async () => {
    const workbook = new MemoryWorkbook();
    await started(workbook);
    expect(workbook.type("项目", "G2", "整形")).toMatchObject({ ok: false });
  });

  it("publishes only once every guess is confirmed and nothing is wrong", async () => {
    const workbook = new MemoryWorkbook();
    const published: Template[] = [];
    const { session } = await started(workbook, published);
    for (const e of session.current().entries) await session.confirm(e.id);
    expect(session.current().entries).toEqual([]);
    const r = await session.publish();
    expect(r.ok).toBe(true);
    expect(published).toEqual([session.current().template]);
  });

  it("goes on from the sheets after the pane reloads", async () => {
    const workbook = new MemoryWorkbook();
    const { session } = await started(workbook);
    workbook.type("表单", "B2", "sh-2015-ygjy");
    await session.check();
    await session.dispose();
    const again = await AuthorSession.resume({ workbook, api: fakeApi([]) });
    expect(again?.current().template?.id).toBe("sh-2015-ygjy");
    expect(again?.current().template).toEqual(session.current().template);
  });

  it("previews the form as a clerk gets it: typed test values are checked live", async () => {
    const workbook = new MemoryWorkbook();
    const { session } = await started(workbook);
    const template = session.current().template as Template;
    const preview = await FormPreview.open(workbook, template, "上海市总工会");
    const sheet = workbook.sheet(PREVIEW_SHEET);
    const first = sheet?.layout.cells.find((c) => c.key === "item1")?.address as string;
    const part = sheet?.layout.cells.find((c) => c.key === "item1_1")?.address as string;
    expect(workbook.type(PREVIEW_SHEET, first, "10").ok).toBe(true);
    // The 其中 part's entry check lets it in only within its total, as Excel's validation does.
    expect(workbook.type(PREVIEW_SHEET, part, "12").ok).toBe(false);
    // A paste skips validation; the live check still finds it.
    workbook.paste(PREVIEW_SHEET, part, [["12"]]);
    await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => setTimeout(r, 0));
    expect(preview.summary().errors).toBeGreaterThan(0);
    expect(workbook.sheet(PREVIEW_SHEET)?.marks.size).toBeGreaterThan(0);
  });

  it("drafts from the printed table in the active sheet (a form drawn there, read as printed)", async () => {
    const workbook = new MemoryWorkbook();
    await workbook.renderForm(buildLayout(Template.parse(SH_2014_YGJY), { unitName: "黄浦区总工会" }));
    const printed = await workbook.readPrinted();
    expect(printed?.cells.length).toBeGreaterThan(20);
    const draft = draftFromTable(printed ?? { cells: [] });
    const session = await AuthorSession.start(
      { workbook, api: fakeApi([]) },
      templateToDefinition(Template.parse(draft.template)),
      draft.guesses,
    );
    const items = session.current().template?.sections.flatMap((s) => (s.kind === "items" ? s.items : []));
    expect(items?.map((i) => i.label)).toContain("共为困难职工家庭高校毕业生提供实习见习机会");
  });

  it("starts from blank: one item, the fields to fill, this year in China time", async () => {
    const workbook = new MemoryWorkbook();
    const blank = Template.parse(blankForm(new Date("2026-12-31T17:00:00Z")));
    expect([blank.period, blank.dueDate]).toEqual(["2027", "2027-12-31"]);
    const session = await AuthorSession.start({ workbook, api: fakeApi([]) }, templateToDefinition(blank));
    expect(session.current().template).toEqual(blank);
    expect(workbook.sheet("项目")?.values.get("D2")).toBe("（请填写项目名称）");
  });

  it("checks an edit from what the change event brought: no whole read of the sheets per pause", async () => {
    const workbook = new MemoryWorkbook();
    const { session } = await started(workbook);
    let reads = 0;
    const readValues = workbook.readValues.bind(workbook);
    workbook.readValues = (sheet) => {
      reads++;
      return readValues(sheet);
    };
    workbook.type("规则", "A2", "r1");
    workbook.type("规则", "C2", "item1 >= itme2");
    workbook.type("规则", "D2", "错误");
    workbook.type("规则", "E2", "检查");
    await expect
      .poll(() => session.current().entries.find((e) => e.kind === "issue")?.at)
      .toEqual({ sheet: "规则", key: "C2" });
    expect(reads).toBe(0);
  });
});

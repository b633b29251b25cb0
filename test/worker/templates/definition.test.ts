import { beforeAll, describe, expect, it } from "vitest";
import { readDefinition } from "../../../schemas/definition/read";
import type { DefinitionBook, DefinitionCell } from "../../../schemas/definition/sheets";
import { templateToDefinition } from "../../../schemas/definition/write";
import { Template } from "../../../schemas/template";
import { definitionXlsx, readDefinitionFile } from "../../../worker/templates/definition-file";
import { XLSX_TYPE } from "../../../worker/xlsx/write";
import { api, FORM, seed, storageSnapshot, TOKENS } from "../helpers";

beforeAll(() => seed());

const XLSX = { "Content-Type": XLSX_TYPE };

async function download(token: string, path: string): Promise<Response> {
  const { exports } = await import("cloudflare:workers");
  return exports.default.fetch(`http://huibiao.test/api/v1${path}`, { headers: { Authorization: `Bearer ${token}` } });
}

/** The test form's definition with the 表单 sheet's 版本 set, and any other edit. */
function definitionOf(version: number, edit: (sheet: (name: string) => DefinitionCell[][]) => void = () => {}) {
  const book: DefinitionBook = templateToDefinition(Template.parse({ ...FORM, version }));
  const sheet = (name: string) => book.sheets.find((s) => s.name === name)?.rows ?? [];
  edit(sheet);
  return book;
}

describe("the definition workbook over the API", () => {
  it("GET definition.xlsx: the published version as sheets that read back to it", async () => {
    const res = await download(TOKENS.filler, "/templates/test-jqzx/1/definition.xlsx");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(XLSX_TYPE);
    expect(res.headers.get("content-disposition")).toContain("test-jqzx-v1-definition.xlsx");
    const book = await readDefinitionFile(new Uint8Array(await res.arrayBuffer()));
    expect(book.sheets.map((s) => s.name)).toEqual([
      "表单",
      "分节",
      "项目",
      "表格",
      "名册列",
      "选项",
      "规则",
      "其中",
      "上年对照",
    ]);
    const read = readDefinition(book);
    expect(read.ok ? read.template : read.issues).toStrictEqual(Template.parse(FORM));
    expect((await download(TOKENS.filler, "/templates/test-jqzx/9/definition.xlsx")).status).toBe(404);
  });

  it("POST /templates with a definition workbook publishes it (a city author) → 201, the same again → 200", async () => {
    const bytes = await definitionXlsx(definitionOf(7));
    const first = await api(TOKENS.cityAuthor, "POST", "/templates", bytes, XLSX);
    expect(first.status).toBe(201);
    expect(first.body.definition).toEqual(Template.parse({ ...FORM, version: 7 }));
    const again = await api(TOKENS.admin, "POST", "/templates", bytes, XLSX);
    expect(again.status).toBe(200);
  });

  it("refuses a workbook with a wrong formula: 422 naming sheet, row, column and character; nothing stored", async () => {
    const before = await storageSnapshot();
    const bytes = await definitionXlsx(
      definitionOf(8, (sheet) => {
        const rules = sheet("规则");
        const expr = (rules[0] as DefinitionCell[]).indexOf("公式");
        (rules[1] as DefinitionCell[])[expr] = "1 >= funds.totl";
      }),
    );
    const res = await api(TOKENS.admin, "POST", "/templates", bytes, XLSX);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("invalid_template");
    expect(res.body.error.details.errors[0]).toMatchObject({
      sheet: "规则",
      row: 2,
      column: "公式",
      char: 6,
      message: expect.stringMatching(/^「规则」第 2 行「公式」第 6 个字符：未知字段 funds\.totl/),
    });
    expect(res.body.error.message).toContain("「规则」第 2 行「公式」第 6 个字符");
    expect(await storageSnapshot()).toEqual(before);
  });

  it("checks 上年对照 against the version before, and names the cell", async () => {
    const before = await storageSnapshot();
    const bytes = await definitionXlsx(
      definitionOf(10, (sheet) => {
        sheet("上年对照").push(["total", "totl + part"]);
      }),
    );
    const res = await api(TOKENS.admin, "POST", "/templates", bytes, XLSX);
    expect(res.status).toBe(422);
    expect(res.body.error.details.errors[0]).toMatchObject({ sheet: "上年对照", row: 2, column: "上版取值" });
    expect(res.body.error.details.errors[0].message).toMatch(/^「上年对照」第 2 行「上版取值」.*totl/);
    expect(await storageSnapshot()).toEqual(before);
  });

  it("refuses what is not a workbook, and a workbook that is not a definition", async () => {
    const before = await storageSnapshot();
    const text = await api(TOKENS.admin, "POST", "/templates", new TextEncoder().encode("id,version"), XLSX);
    expect([text.status, text.body.error.code]).toEqual([415, "unsupported_media_type"]);
    const other = await definitionXlsx({ sheets: [{ name: "Sheet1", rows: [["填报单位"]] }] });
    const res = await api(TOKENS.admin, "POST", "/templates", other, XLSX);
    expect(res.status).toBe(422);
    expect(res.body.error.details.errors[0].message).toBe("「表单」：不是表单定义：缺少「表单」工作表");
    expect(await storageSnapshot()).toEqual(before);
  });

  it("lets only admins and a root unit's reviewer with `author` publish", async () => {
    const bytes = await definitionXlsx(definitionOf(9));
    for (const t of [TOKENS.filler, TOKENS.reviewer, TOKENS.cityReviewer, TOKENS.districtAuthor]) {
      const res = await api(t, "POST", "/templates", bytes, XLSX);
      expect([t, res.status]).toEqual([t, 403]);
    }
  });
});

describe("the author permission on tokens", () => {
  it("is granted to a root unit's reviewer and shown by /me", async () => {
    const res = await api(TOKENS.admin, "POST", "/tokens", {
      role: "reviewer",
      unit: "hs",
      label: "市总 制表员",
      permissions: ["author", "pii"],
    });
    expect(res.status).toBe(201);
    expect(res.body.permissions).toEqual(["pii", "author"]);
    const me = await api(res.body.token, "GET", "/me");
    expect(me.body.permissions).toEqual(["pii", "author"]);
  });

  it("is refused for a district's reviewer and for a filler, nothing stored", async () => {
    const before = await storageSnapshot();
    for (const [role, unit] of [
      ["reviewer", "hs-tunxi"],
      ["filler", "hs"],
    ]) {
      const res = await api(TOKENS.admin, "POST", "/tokens", { role, unit, label: "x", permissions: ["author"] });
      expect([res.status, res.body.error.code]).toEqual([400, "invalid_request"]);
    }
    expect(await storageSnapshot()).toEqual(before);
  });
});

describe("an author opens rounds in its own tree", () => {
  const round = (id: string, rootUnit: string) => ({
    id,
    templateId: "test-jqzx",
    templateVersion: 1,
    rootUnit,
    units: rootUnit === "hs" ? ["hs-tunxi", "hs-huizhou"] : undefined,
    dueDate: "2099-10-31",
  });

  it("a city author opens one for chosen districts → 201, and sees it in its round list", async () => {
    const res = await api(TOKENS.cityAuthor, "POST", "/rounds", round("author-2099", "hs"));
    expect(res.status).toBe(201);
    const reports = await api(TOKENS.cityAuthor, "GET", "/rounds/author-2099/reports");
    expect(reports.body.reports.map((r: { unit: string }) => r.unit).sort()).toEqual(["hs-huizhou", "hs-tunxi"]);
    const list = await api(TOKENS.cityAuthor, "GET", "/rounds");
    expect(list.body.rounds.map((r: { id: string }) => r.id)).toContain("author-2099");
  });

  it("not in another city's tree, nor as a district's reviewer; nothing stored", async () => {
    const before = await storageSnapshot();
    const other = await api(TOKENS.cityAuthor, "POST", "/rounds", round("author-sh", "sh"));
    expect([other.status, other.body.error.code]).toEqual([422, "unknown_unit"]);
    const district = await api(TOKENS.districtAuthor, "POST", "/rounds", round("author-tunxi", "hs-tunxi"));
    expect(district.status).toBe(403);
    expect(await storageSnapshot()).toEqual(before);
  });
});

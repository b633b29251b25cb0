import { describe, expect, it } from "vitest";
import { readDefinition } from "../../../schemas/definition/read";
import type { DefinitionBook, DefinitionCell } from "../../../schemas/definition/sheets";
import { templateToDefinition } from "../../../schemas/definition/write";
import { SH_2014_JQZX } from "../../../schemas/forms";
import { Template } from "../../../schemas/template";

/** The 附件1 definition with one sheet's cells changed, as an officer would edit them. */
function edited(edit: (sheet: (name: string) => DefinitionCell[][]) => void): DefinitionBook {
  const book = templateToDefinition(Template.parse(SH_2014_JQZX));
  edit((name) => {
    const s = book.sheets.find((x) => x.name === name);
    if (!s) throw new Error(name);
    return s.rows;
  });
  return book;
}

function messages(book: DefinitionBook): string[] {
  const read = readDefinition(book);
  return read.ok ? [] : read.issues.map((i) => i.message);
}

const col = (rows: DefinitionCell[][], heading: string) => (rows[0] as DefinitionCell[]).indexOf(heading);

describe("publish checks point at the definition cell", () => {
  it("an unknown field in a rule's formula: sheet, row, column and character", () => {
    const book = edited((sheet) => {
      const rules = sheet("规则");
      (rules[3] as DefinitionCell[])[col(rules, "公式")] = "raised >= funds.totl";
    });
    expect(messages(book)).toEqual([expect.stringMatching(/^「规则」第 4 行「公式」第 11 个字符：.*funds\.totl/)]);
  });

  it("a cycle of computed items names the rows of its members", () => {
    const book = edited((sheet) => {
      const items = sheet("项目");
      const row = (key: string) => items.findIndex((r) => r[col(items, "键")] === key);
      (items[row("raised")] as DefinitionCell[])[col(items, "计算公式")] = "granted + 1";
      (items[row("granted")] as DefinitionCell[])[col(items, "计算公式")] = "raised + 1";
      (items[row("raised")] as DefinitionCell[])[col(items, "必填")] = null;
      (items[row("granted")] as DefinitionCell[])[col(items, "必填")] = null;
    });
    const [message] = messages(book);
    expect(message).toMatch(/^「项目」第 2 行：计算项形成循环：raised → granted → raised（涉及第 2、6 行）$/);
  });

  it("a prompt Excel cannot hold names its cell", () => {
    const book = edited((sheet) => {
      const items = sheet("项目");
      (items[1] as DefinitionCell[])[col(items, "说明")] = "很长的说明".repeat(60);
    });
    expect(messages(book)[0]).toMatch(/^「项目」第 2 行「说明」：/);
  });

  it("unreadable cells are all reported at once, before the template is checked", () => {
    const book = edited((sheet) => {
      const items = sheet("项目");
      (items[1] as DefinitionCell[])[col(items, "类型")] = "浮点";
      (items[2] as DefinitionCell[])[col(items, "小数位")] = "两位";
      const form = sheet("表单");
      (form[8] as DefinitionCell[])[1] = "2014-02-30";
    });
    expect(messages(book)).toEqual([
      "「表单」第 9 行「内容」：“2014-02-30” 不是有效日期",
      "「项目」第 2 行「类型」：应为“整数”、“小数”之一，“浮点” 无法识别",
      "「项目」第 3 行「小数位」：应填写数字，“两位” 无法识别",
    ]);
  });

  it("a zod issue on a key points at its cell", () => {
    const book = edited((sheet) => {
      const items = sheet("项目");
      (items[4] as DefinitionCell[])[col(items, "键")] = "Raised Union";
    });
    expect(messages(book)[0]).toMatch(/^「项目」第 5 行「键」：键名只能使用小写字母/);
  });

  it("a workbook without 表单 is not a definition", () => {
    expect(messages({ sheets: [{ name: "Sheet1", rows: [["a"]] }] })).toEqual([
      "「表单」：不是表单定义：缺少「表单」工作表",
    ]);
  });

  it("a sheet missing a needed heading says which", () => {
    const book = edited((sheet) => {
      const rules = sheet("规则");
      (rules[0] as DefinitionCell[])[col(rules, "级别")] = "严重程度";
    });
    expect(messages(book)).toEqual([expect.stringMatching(/^「规则」第 1 行：缺少「级别」列/)]);
  });
});

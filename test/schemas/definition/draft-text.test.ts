import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkTemplate } from "../../../schemas/check";
import type { Draft } from "../../../schemas/definition/draft";
import { draftFromText, FORM_PLACEHOLDER, NEW_FORM_ID } from "../../../schemas/definition/draft-text";
import { SH_2014_JQZX, SH_2014_YGJY } from "../../../schemas/forms";
import { STANDARD_HEADER } from "../../../schemas/forms/header";
import { Template, type TemplateInput } from "../../../schemas/template";

// The notice as the project received it (沪工总保〔2014〕156号); its 附件 1 and 附件 2 are
// the fill-in-the-blanks texts an officer pastes.
const SEED = readFileSync(new URL("../../../docs/notices/shanghai-2014-156.txt", import.meta.url), "utf8");

/** The text of 附件 n as printed: from its 「附件 n」 line to the next 附件 or the end. */
function attachment(n: 1 | 2): string {
  const start = SEED.search(new RegExp(`^附件 ${n}$`, "m"));
  const next = SEED.search(new RegExp(`^附件 ${n + 1}$`, "m"));
  expect(start).toBeGreaterThan(0);
  return next < 0 ? SEED.slice(start) : SEED.slice(start, next);
}

type Parsed = ReturnType<typeof Template.parse>;

/** Parses the draft as the pane's publishing check does; a draft must always pass it. */
function checked(draft: Draft): Parsed {
  const result = checkTemplate(draft.template);
  if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
  return result.template;
}

function itemsOf(t: Parsed) {
  return t.sections.flatMap((s) => (s.kind === "items" ? s.items : []));
}

const printed = (t: Parsed) =>
  itemsOf(t).map(({ no, label, unit, type, scale, indent, required }) => ({
    no,
    label,
    unit,
    type,
    scale,
    indent,
    required,
  }));

/** The draft's breakdowns with its keys replaced by the official keys of the items at the same position. */
function breakdownsAs(draft: Parsed, official: Parsed) {
  const officialKeys = itemsOf(official).map((i) => i.key);
  const key = new Map(itemsOf(draft).map((i, n) => [i.key, officialKeys[n] ?? `?${i.key}`]));
  return draft.breakdowns.map((b) => ({
    total: key.get(b.total),
    parts: b.parts.map((p) => key.get(p)),
    mode: b.mode,
  }));
}

const structure = (t: Parsed) => t.breakdowns.map(({ total, parts, mode }) => ({ total, parts, mode }));

function draftItems(text: string) {
  const draft = draftFromText(text);
  return { draft, items: itemsOf(checked(draft)), template: checked(draft) };
}

const KEY = /^[a-z][a-z0-9_]*$/;

describe("draftFromText on the Shanghai 附件 as printed", () => {
  const cases: [string, 1 | 2, TemplateInput][] = [
    ["附件1 金秋助学", 1, SH_2014_JQZX],
    ["附件2 阳光就业", 2, SH_2014_YGJY],
  ];

  for (const [name, n, official] of cases) {
    describe(name, () => {
      const draft = draftFromText(attachment(n));
      const template = checked(draft);
      const expected = Template.parse(official);

      it("passes the publishing check", () => {
        expect(checkTemplate(draft.template).ok).toBe(true);
      });

      it("drafts the official items in order: no, label, unit, type, scale, indent, required", () => {
        // No exception: item 7's 「与___单位联系」 (the blank inside the sentence), the kept
        // 「其中：」 on a first part and the PDF line breaks of items 5 and 7 come out as the
        // official templates print them.
        expect(printed(template)).toEqual(printed(expected));
      });

      it("reads the attachment, the standard header and the period from the text", () => {
        expect(template.attachment).toBe(expected.attachment);
        expect(template.header).toEqual(Template.parse({ ...official, header: STANDARD_HEADER }).header);
        expect(template.period).toBe(expected.period);
      });

      it("keeps the title as printed (the official title drops the PDF's space in 「2014 年」)", () => {
        // Exception: the title line of each 附件 reads 「2014 年上海工会…」; the official templates
        // take the title from the notice's list of 附件 (「附件：1. 2014年上海工会…」), which the
        // pasted 附件 does not contain. The drafter copies the printed title as it copies labels.
        expect(template.title).not.toBe(expected.title);
        expect(template.title.replace(/\s+/g, "")).toBe(expected.title);
      });

      it("leaves what the 附件 does not say to the officer, each marked as a guess on the form", () => {
        expect(template.id).toBe(NEW_FORM_ID);
        expect(template.version).toBe(1);
        expect(template.issuer).toBe(FORM_PLACEHOLDER);
        expect(template.docNo).toBe(FORM_PLACEHOLDER);
        const form = draft.guesses.filter((g) => g.key === "").map((g) => g.message);
        expect(form.some((m) => m.includes("发文单位"))).toBe(true);
        expect(form.some((m) => m.includes("文号"))).toBe(true);
        expect(form.some((m) => m.includes("截止日期"))).toBe(true);
        expect(form.some((m) => m.includes("模板编号"))).toBe(true);
      });

      it("guesses the mode of every breakdown and the scale of every money item, nothing else", () => {
        const items = itemsOf(template);
        const money = items.filter((i) => i.unit === "万元" || i.unit === "元").map((i) => i.key);
        const itemGuesses = draft.guesses.filter((g) => g.key !== "");
        expect(itemGuesses.filter((g) => g.field === "scale").map((g) => g.key)).toEqual(money);
        expect(itemGuesses.filter((g) => g.field === "mode").map((g) => g.key)).toEqual(
          template.breakdowns.map((b) => b.total),
        );
        expect(itemGuesses.every((g) => g.field === "scale" || g.field === "mode")).toBe(true);
      });

      it("generates readable, unique keys", () => {
        const keys = itemsOf(template).map((i) => i.key);
        expect(keys.every((k) => KEY.test(k))).toBe(true);
        expect(new Set(keys).size).toBe(keys.length);
        expect(draftFromText(attachment(n))).toEqual(draft);
      });
    });
  }

  it("附件1: the same breakdowns, item 5's 人 and 万元 parts each with the total of their unit", () => {
    const draft = checked(draftFromText(attachment(1)));
    const expected = Template.parse(SH_2014_JQZX);
    expect(breakdownsAs(draft, expected)).toEqual(structure(expected));
    expect(draft.description).not.toContain("表中其他文字");
  });

  it("附件2: item 1's two 其中 lists are two breakdowns of the one total", () => {
    const draft = checked(draftFromText(attachment(2)));
    const expected = Template.parse(SH_2014_YGJY);
    // Exception: the official template writes the second split (（2）已自谋职业 + 需要就业帮扶 =
    // 毕业生总数) as the rule grads-employment-split, from before a total could have two
    // breakdowns (the engine now names the second one parts:<total>:2). The drafter declares
    // both (1) and (2) as exhaustive breakdowns, which check the same sums.
    const split = expected.rules.find((r) => r.id === "grads-employment-split");
    expect(split?.expr).toBe("grads_self + grads_need = grads");
    expect(breakdownsAs(draft, expected)).toEqual([
      ...structure(expected),
      { total: "grads", parts: ["grads_self", "grads_need"], mode: "exhaustive" },
    ]);
  });
});

describe("draftFromText rules on crafted texts", () => {
  it("a blank with its unit becomes an item labelled with the words back to the numbering", () => {
    const { items } = draftItems("1. 共筹集资金_____（万元）。");
    expect(items).toEqual([
      expect.objectContaining({
        key: "item1",
        no: "1",
        label: "共筹集资金",
        unit: "万元",
        type: "decimal",
        scale: 2,
        indent: 0,
        required: true,
      }),
    ]);
  });

  it("takes blanks of any length ≥ 2, full-width underscores, spaces before the unit", () => {
    const { items } = draftItems("1. 甲__（人）；乙＿＿＿＿＿（人次），丙 _________ （个）。\n2. 丁_ （人）");
    expect(items.map((i) => [i.label, i.unit])).toEqual([
      ["甲", "人"],
      ["乙", "人次"],
      ["丙", "个"],
    ]);
  });

  it("reads full-width numbering as printed: １． → 1, （１） → (1), ２．（１） → 2(1)", () => {
    const { items } = draftItems(
      "１．共有会员＿＿＿＿（人）；\n２．（１）共举办活动＿＿＿＿（场）；\n（２）提供岗位＿＿＿＿（个）。",
    );
    expect(items.map((i) => [i.no, i.label, i.indent, i.required])).toEqual([
      ["1", "共有会员", 0, true],
      ["2(1)", "共举办活动", 0, true],
      ["(2)", "提供岗位", 1, false],
    ]);
    expect(items.map((i) => i.key)).toEqual(["item1", "item2_1", "item2_2"]);
  });

  it("reads half-width parentheses and separators: 9. (1) …_____ (人次); (2) …_____ (万元)。", () => {
    const { items } = draftItems("9. (1) 共资助求职_____ (人次);\n(2) 发放求职补贴_____ (万元)。");
    expect(items.map((i) => [i.no, i.label, i.unit, i.indent])).toEqual([
      ["9(1)", "共资助求职", "人次", 0],
      ["(2)", "发放求职补贴", "万元", 1],
    ]);
  });

  it("keeps half-width parentheses inside a label, e.g. (含本地和外地生源学生)", () => {
    const { items } = draftItems("10. 应届毕业生(含本地和外地生源学生) _____ (人)。");
    expect(items.map((i) => [i.no, i.label])).toEqual([["10", "应届毕业生(含本地和外地生源学生)"]]);
  });

  it("does not split an item at a PDF line break, and joins the label without it", () => {
    const { items } = draftItems(
      "5. 共资助困难农民工子女_____（人），共发放\n\n助学款_____（万元）；\n6. 通过企业及政府公益性岗位等\n为毕业生提供就业岗位 _____（个）。",
    );
    expect(items.map((i) => [i.no, i.label, i.unit])).toEqual([
      ["5", "共资助困难农民工子女", "人"],
      ["5", "共发放助学款", "万元"],
      ["6", "通过企业及政府公益性岗位等为毕业生提供就业岗位", "个"],
    ]);
  });

  it("gives a sentence with two blanks two items that share the number", () => {
    const { items } = draftItems("6. 共资助单亲女职工子女_____（人），共发放助学款_____（万元）。");
    expect(items.map((i) => [i.key, i.no, i.label, i.unit, i.required])).toEqual([
      ["item6", "6", "共资助单亲女职工子女", "人", true],
      ["item6b", "6", "共发放助学款", "万元", true],
    ]);
  });

  it("reads a unit split across lines or put on the next line", () => {
    const { items, draft } = draftItems(
      "7. 共帮助落实扶持政策 _____（人\n\n次)。\n8. 提供小额担保贷款 _____\n （元）。",
    );
    expect(items.map((i) => [i.label, i.unit])).toEqual([
      ["共帮助落实扶持政策", "人次"],
      ["提供小额担保贷款", "元"],
    ]);
    expect(draft.guesses.filter((g) => g.field === "unit")).toEqual([]);
  });

  it("keeps the sentence around a blank inside it: 与_____（家）单位联系 → 与___单位联系", () => {
    const { items } = draftItems("7. 与_____（家）单位联系，为在读子女提供岗位_____（个）。");
    expect(items.map((i) => [i.key, i.label, i.unit])).toEqual([
      ["item7", "与___单位联系", "家"],
      ["item7b", "为在读子女提供岗位", "个"],
    ]);
  });

  it("guesses a missing unit from the words before the blank and says so", () => {
    const { items, draft } = draftItems(
      "1. 共发放助学金额_____；\n2. 共举办招聘活动_____；\n3. 通过爱心企业提供就业岗位_____；\n4. 共资助困难职工子女_____。",
    );
    expect(items.map((i) => [i.label, i.unit, i.type])).toEqual([
      ["共发放助学金额", "万元", "decimal"],
      ["共举办招聘活动", "场", "integer"],
      ["通过爱心企业提供就业岗位", "个", "integer"],
      ["共资助困难职工子女", "人", "integer"],
    ]);
    const unit = draft.guesses.filter((g) => g.field === "unit");
    expect(unit.map((g) => g.key)).toEqual(["item1", "item2", "item3", "item4"]);
    expect(unit[0]?.message).toBe("第 1 项「共发放助学金额」的空格后没有印单位，已按“万元”处理，请确认");
  });

  it("maps a unit printed under another name, and guesses for one the template language lacks", () => {
    const { items, draft } = draftItems(
      "1. 共资助学生_____（名）；\n2. 共走访困难家庭_____（户）；\n3. 共有_____（%）。",
    );
    expect(items.map((i) => i.unit)).toEqual(["人", "家", "人"]);
    const unit = draft.guesses.filter((g) => g.field === "unit").map((g) => g.message);
    expect(unit[0]).toBe("第 1 项「共资助学生」印的单位是“名”，已按“人”处理，请确认");
    expect(unit[1]).toBe("第 2 项「共走访困难家庭」印的单位是“户”，已按“家”处理，请确认");
    expect(unit[2]).toBe(
      "第 3 项「共有」印的单位“%”不是可选的单位（万元、元、人、人次、个、场、家），已暂按“人”处理，请改成合适的单位",
    );
  });

  it("makes a 其中 list the parts of the item before it, exhaustive and marked as a guess", () => {
    const { items, draft, template } = draftItems(
      "1. 共筹集资金_____（万元）；\n其中：政府资助_____（万元），\n社会捐助_____（万元）。\n2. 共资助_____（人）。",
    );
    expect(items.map((i) => [i.key, i.no, i.label, i.indent, i.required])).toEqual([
      ["item1", "1", "共筹集资金", 0, true],
      ["item1_1", "", "其中：政府资助", 1, false],
      ["item1_2", "", "社会捐助", 1, false],
      ["item2", "2", "共资助", 0, true],
    ]);
    expect(structure(template)).toEqual([{ total: "item1", parts: ["item1_1", "item1_2"], mode: "exhaustive" }]);
    expect(draft.guesses.filter((g) => g.field === "mode")).toEqual([
      {
        key: "item1",
        field: "mode",
        message:
          "第 1 项「共筹集资金」的其中项（政府资助、社会捐助）之和是否应等于合计？已按“全部”处理（之和等于合计），请确认",
      },
    ]);
  });

  it("drafts a single 其中 part as partial (a part of the total, not all of it)", () => {
    const { template, draft } = draftItems("1. 共有会员_____（人），其中女会员_____（人）。");
    expect(itemsOf(template).map((i) => i.label)).toEqual(["共有会员", "其中女会员"]);
    expect(structure(template)).toEqual([{ total: "item1", parts: ["item1_1"], mode: "partial" }]);
    expect(draft.guesses.find((g) => g.field === "mode")?.message).toContain("已按“部分”处理");
  });

  it("pairs interleaved 其中 parts with the total of the same unit", () => {
    const { template } = draftItems(
      "5. 共资助子女_____（人），共发放\n助学款_____（万元）；\n其中：小学_____（人），发放助学款_____（万元）；\n中学_____（人），发放助学款_____（万元）。",
    );
    expect(itemsOf(template).map((i) => [i.key, i.unit, i.indent])).toEqual([
      ["item5", "人", 0],
      ["item5b", "万元", 0],
      ["item5_1", "人", 1],
      ["item5_2", "万元", 1],
      ["item5_3", "人", 1],
      ["item5_4", "万元", 1],
    ]);
    expect(structure(template)).toEqual([
      { total: "item5", parts: ["item5_1", "item5_3"], mode: "exhaustive" },
      { total: "item5b", parts: ["item5_2", "item5_4"], mode: "exhaustive" },
    ]);
  });

  it("leaves a part whose unit no total has out of the breakdowns, and says why", () => {
    const { template, draft } = draftItems("1. 共资助_____（人）；其中：小学_____（人），发放_____（万元）。");
    expect(structure(template)).toEqual([{ total: "item1", parts: ["item1_1"], mode: "partial" }]);
    expect(draft.guesses.filter((g) => g.field === "part")).toEqual([
      {
        key: "item1_2",
        field: "part",
        message: "第 1 项「发放」的单位（万元）与合计（人）不同，未列入其中项的校验，请确认",
      },
    ]);
  });

  it("splits a numbered 其中 list into one breakdown per (1), (2), numbering only its first part", () => {
    const { template } = draftItems(
      "1. 共有毕业生 _____（人）；\n其中：（1）应届 _____（人）；\n 往届 _____（人）；\n （2）已就业 _____（人）；\n 待就业 _____（人）。\n2. 共培训_____（人次）。",
    );
    expect(itemsOf(template).map((i) => [i.no, i.label, i.indent])).toEqual([
      ["1", "共有毕业生", 0],
      ["(1)", "应届", 1],
      ["", "往届", 1],
      ["(2)", "已就业", 1],
      ["", "待就业", 1],
      ["2", "共培训", 0],
    ]);
    expect(structure(template)).toEqual([
      { total: "item1", parts: ["item1_1", "item1_2"], mode: "exhaustive" },
      { total: "item1", parts: ["item1_3", "item1_4"], mode: "exhaustive" },
    ]);
  });

  it("indents a sub-number under its item without making it a part", () => {
    const { template } = draftItems("6. （1）提供创业指导 _____（人次）；\n （2）提供创业培训 _____（人次）。");
    expect(itemsOf(template).map((i) => [i.key, i.no, i.indent, i.required])).toEqual([
      ["item6_1", "6(1)", 0, true],
      ["item6_2", "(2)", 1, false],
    ]);
    expect(template.breakdowns).toEqual([]);
  });

  it("turns 填报单位/填报人/联系电话 lines into the standard header, wherever printed", () => {
    const { template, draft } = draftItems(
      "附件 3\n\n2025 年某某情况统计表\n\n填报单位：_____ 填报人：_____ 联系电话：_____\n\n1. 共有_____（人）。\n填报日期：_____",
    );
    expect(itemsOf(template).map((i) => i.label)).toEqual(["共有"]);
    expect(template.header).toEqual(Template.parse({ ...SH_2014_JQZX, header: STANDARD_HEADER }).header);
    expect(template.attachment).toBe("附件3");
    expect(template.title).toBe("2025 年某某情况统计表");
    expect(template.period).toBe("2025");
    expect(draft.guesses.some((g) => g.message.includes("没有印填报人"))).toBe(false);
  });

  it("adds the standard header and says so when the text prints none", () => {
    const { template, draft } = draftItems("1. 共有_____（人）。");
    expect(template.header.map((h) => h.key)).toEqual(STANDARD_HEADER.map((h) => h.key));
    expect(draft.guesses.some((g) => g.key === "" && g.message.includes("没有印填报人"))).toBe(true);
  });

  it("reads 附件１：title on one line, and a 文号 when the notice's head was pasted too", () => {
    const { template } = draftItems(
      "黄工办〔2022〕20号\n附件１：2022年金秋助学活动资金需求汇总表\n1. 资金需求_____（元）。",
    );
    expect(template.attachment).toBe("附件1");
    expect(template.title).toBe("2022年金秋助学活动资金需求汇总表");
    expect(template.docNo).toBe("黄工办〔2022〕20号");
    expect(template.dueDate).toBe("2022-12-31");
  });

  it("drafts the first form of a whole notice and names the other 附件 to paste on their own", () => {
    const draft = draftFromText(SEED);
    const template = checked(draft);
    expect(template.title).toBe("2014 年上海工会金秋助学情况统计表");
    expect(template.attachment).toBe("附件1");
    expect(template.docNo).toBe("沪工总保〔2014〕156号");
    expect(printed(template)).toEqual(printed(Template.parse(SH_2014_JQZX)));
    expect(draft.guesses).toContainEqual({
      key: "",
      field: "",
      message: "粘贴的文字还有附件2，本草稿只含第一张表；其余的表请分别粘贴起草",
    });
  });

  it("fills a placeholder and asks for the title when there is none", () => {
    const { template, draft } = draftItems("共有会员_____（人）；其中：女会员_____（人）。");
    expect(template.title).toBe(FORM_PLACEHOLDER);
    expect(template.period).toBe(FORM_PLACEHOLDER);
    expect(draft.guesses.some((g) => g.key === "" && g.message.includes("表名"))).toBe(true);
    // Unnumbered, the first item still stands at the top level and is required.
    expect(itemsOf(template).map((i) => [i.key, i.no, i.indent, i.required])).toEqual([
      ["item1", "", 0, true],
      ["item1_1", "", 1, false],
    ]);
  });

  it("finds the first item's number on the line before its blank (a PDF break)", () => {
    const { template } = draftItems("2014 年金秋助学情况统计表\n1. 2014 年助学活动共筹\n集资金_____（万元）。");
    expect(template.title).toBe("2014 年金秋助学情况统计表");
    expect(itemsOf(template).map((i) => [i.no, i.label])).toEqual([["1", "2014 年助学活动共筹集资金"]]);
  });

  it("keeps words no blank claims (a 注 line) in the description, not in a label", () => {
    const { template } = draftItems("1. 共有_____（人）\n注：本表数据截至 8 月 31 日。");
    expect(itemsOf(template).map((i) => i.label)).toEqual(["共有"]);
    expect(template.description).toContain("注：本表数据截至 8 月 31 日");
  });

  it("does not read a decimal such as 1.27 as numbering", () => {
    const { template } = draftItems("2. 开展活动_____（场）；\n1.27 爱心助学结对_____（人）。");
    expect(itemsOf(template).map((i) => [i.no, i.label])).toEqual([
      ["2", "开展活动"],
      ["2", "1.27 爱心助学结对"],
    ]);
  });

  it("names a blank with no words for the officer to fill", () => {
    const { template, draft } = draftItems("1. _____（人）。\n_____。");
    expect(itemsOf(template).map((i) => i.label)).toEqual(["（请填写项目名称）", "（请填写项目名称）"]);
    expect(draft.guesses).toContainEqual({
      key: "item1b",
      field: "unit",
      message: "第 1 项的空格后没有印单位，已按“人”处理，请确认",
    });
    expect(draft.guesses).toContainEqual({
      key: "item1",
      field: "label",
      message: "第 1 项空格前后没有文字，请填写项目名称",
    });
  });

  it("drafts a placeholder item from a text without blanks, still a valid template", () => {
    const { template, draft } = draftItems("2014 年上海工会金秋助学情况统计表");
    expect(itemsOf(template)).toHaveLength(1);
    expect(draft.guesses.some((g) => g.key === "item1" && g.message.includes("没有找到填空"))).toBe(true);
  });

  it("gives unique keys when printed numbers repeat", () => {
    const { template } = draftItems("1. 甲_____（人）。\n1. 乙_____（人）。\n（1）丙_____（人）；（1）丁_____（人）。");
    const keys = itemsOf(template).map((i) => i.key);
    expect(keys).toEqual(["item1", "item1b", "item1_1", "item1_1b"]);
    expect(keys.every((k) => KEY.test(k))).toBe(true);
  });
});

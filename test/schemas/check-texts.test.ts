/**
 * The publish check refuses an author's text that Excel's popups cannot hold
 * whole (a hint in the input prompt, a 其中 message in the stop alert), naming
 * the item and the text; labels and options are shortened by the layout instead.
 */
import { describe, expect, it } from "vitest";
import { checkTemplate } from "../../schemas/check";
import { SH_2014_JQZX } from "../../schemas/forms/index";
import { Template, type TemplateInput } from "../../schemas/template";

const base = (): TemplateInput => JSON.parse(JSON.stringify(SH_2014_JQZX)) as TemplateInput;

function errorsOf(input: TemplateInput) {
  const checked = checkTemplate(input);
  if (checked.ok) throw new Error("expected the check to refuse the template");
  return checked.errors;
}

/** Section 0, item `index` of the Shanghai form (items: 共筹集资金 …). */
function withItem(input: TemplateInput, index: number, change: Record<string, unknown>): TemplateInput {
  const section = input.sections[0] as { items: Record<string, unknown>[] };
  section.items[index] = { ...section.items[index], ...change };
  return input;
}

describe("publish check: texts Excel's popups must hold whole", () => {
  it("refuses a hint too long for the input prompt, naming the item, the text and the room left", () => {
    const hint = "请按财务报表口径填写本年度实际筹集的资金总额，".repeat(12);
    const errors = errorsOf(withItem(base(), 0, { hint }));
    expect(errors).toEqual([
      {
        path: "sections[0].items[0].hint",
        message: expect.stringMatching(
          /^第 1 项「2014 年助学活动共筹集资金」的提示文字有 \d+ 个字符，Excel 的输入提示放不下：.*最多 \d+ 个字符。请精简/,
        ),
      },
    ]);
  });

  it("accepts the longest hint that fits, and counts a character outside the BMP as two", () => {
    const room = 255 - "应填：数字（万元，最多 2 位小数），不小于 0\n".length;
    expect(checkTemplate(withItem(base(), 0, { hint: "注".repeat(room) }))).toMatchObject({ ok: true });
    expect(errorsOf(withItem(base(), 0, { hint: `${"注".repeat(room - 1)}𠀀` }))[0]?.path).toBe(
      "sections[0].items[0].hint",
    );
  });

  it("refuses a 其中 message too long for the stop alert of its parts", () => {
    const input = base();
    const breakdowns = input.breakdowns as { message?: string }[];
    breakdowns[0] = { ...breakdowns[0], message: "其中各项之和应等于共筹集资金，请逐项核对后再填写。".repeat(10) };
    const errors = errorsOf(input);
    expect(errors).toEqual([
      {
        path: "breakdowns[0].message",
        message: expect.stringMatching(
          /^第 1 项「2014 年助学活动共筹集资金」的其中说明有 \d+ 个字符，Excel 的出错警告放不下：.*最多 \d+ 个字符。请精简/,
        ),
      },
    ]);
  });

  it("leaves a message with {placeholders} alone: Excel never shows it", () => {
    const input = base();
    const breakdowns = input.breakdowns as { message?: string }[];
    breakdowns[0] = { ...breakdowns[0], message: `差 {diff} 万元${"，请核对".repeat(80)}` };
    expect(checkTemplate(input)).toMatchObject({ ok: true });
  });

  it("names a roster column's and a header field's hint by their labels", () => {
    const input = base();
    const long = "填写说明".repeat(70);
    input.header = input.header?.map((h) => (h.key === "phone" ? { ...h, hint: long } : h));
    input.sections = [
      ...input.sections,
      {
        kind: "roster",
        key: "students",
        title: "受助学生名册",
        columns: [{ key: "name", label: "姓名", type: "text", hint: long }],
      },
    ];
    const errors = errorsOf(input);
    expect(errors.map((e) => e.path)).toEqual([
      "header[1].hint",
      `sections[${input.sections.length - 1}].columns[0].hint`,
    ]);
    expect(errors[0]?.message).toMatch(/^表头「联系电话」的提示文字/);
    expect(errors[1]?.message).toMatch(/^受助学生名册「姓名」的提示文字/);
  });

  it("accepts long labels and long dropdowns: the layout shortens them", () => {
    const input = withItem(base(), 0, { label: "共筹集资金".repeat(80) });
    const options = Array.from({ length: 60 }, (_, i) => `第${i}街道`);
    input.header = [...(input.header ?? []), { key: "area", label: "所在街道".repeat(20), type: "enum", options }];
    expect(checkTemplate(input)).toMatchObject({ ok: true });
    expect(Template.safeParse(input).success).toBe(true);
  });
});

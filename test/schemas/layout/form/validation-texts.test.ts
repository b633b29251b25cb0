/**
 * Excel's limits on data-validation texts (prompt title 32, prompt 255, alert
 * title 32, alert 224, inline list 255, counted in UTF-16 units as Excel
 * counts): every layout keeps them, shortening what it generates and never
 * cutting an author's hint or 其中 message that the publish check let through.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkTemplate } from "../../../../schemas/check";
import { OFFICIAL_TEMPLATES } from "../../../../schemas/forms/index";
import { buildLayout, type SheetLayout } from "../../../../schemas/layout/form/layout";
import { inlineListSource } from "../../../../schemas/layout/form/validation-texts";
import { Template, type TemplateInput } from "../../../../schemas/template";
import { edgeTemplate, LONG_OPTIONS } from "../../fixtures/templates";

const LIMITS = { promptTitle: 32, promptMessage: 255, alertTitle: 32, alertMessage: 224, listSource: 255 };

/** A lone surrogate: what a cut through a pair leaves, and Excel shows as garbage. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function expectWithinLimits(layout: SheetLayout): void {
  for (const b of layout.validations) {
    const where = `${layout.sheet} ${b.range}`;
    expect(b.prompt.title.length, where).toBeLessThanOrEqual(LIMITS.promptTitle);
    expect(b.prompt.message.length, where).toBeLessThanOrEqual(LIMITS.promptMessage);
    expect(b.alert.title.length, where).toBeLessThanOrEqual(LIMITS.alertTitle);
    expect(b.alert.message.length, where).toBeLessThanOrEqual(LIMITS.alertMessage);
    for (const text of [b.prompt.title, b.prompt.message, b.alert.message]) expect(text).not.toMatch(LONE_SURROGATE);
    if (b.rule.type === "list" && !b.rule.source.startsWith("=")) {
      expect(b.rule.source.length, where).toBeLessThanOrEqual(LIMITS.listSource);
    }
  }
}

const BASE = {
  id: "test-limits",
  version: 1,
  title: "测试表",
  issuer: "测试总工会",
  docNo: "测工〔2024〕1号",
  period: "2024",
  dueDate: "2024-06-30",
};

/** One item section: a total and its parts, every text as given. */
function itemsTemplate(labels: string[], extra: Partial<TemplateInput> = {}, hints: (string | undefined)[] = []) {
  return {
    ...BASE,
    sections: [
      {
        kind: "items",
        key: "main",
        items: labels.map((label, i) => ({
          key: `k${i}`,
          no: i === 0 ? "1" : "",
          label,
          unit: "人",
          type: "integer",
          ...(hints[i] === undefined ? {} : { hint: hints[i] }),
        })),
      },
    ],
    ...extra,
  };
}

const layoutOf = (input: unknown) => buildLayout(Template.parse(input));
const blockOf = (layout: SheetLayout, key: string) => {
  const address = layout.cells.find((c) => c.key === key)?.address;
  const block = layout.validations.find((v) => v.range === address);
  if (!block) throw new Error(`no validation on ${key}`);
  return block;
};

describe("Excel's data-validation limits", () => {
  it.each(OFFICIAL_TEMPLATES.map((t) => [t.id, t] as const))("%s: every text fits", (_, input) => {
    expectWithinLimits(buildLayout(Template.parse(input), { unitName: "屯溪区总工会" }));
  });

  it("keeps an alert under 225 and still says what the cell takes when the label is long", () => {
    const label = `通过国有大中型企业、劳模企业、社会爱心企业及政府公益性岗位等${"为困难职工家庭高校毕业生提供就业岗位".repeat(12)}`;
    const layout = layoutOf(itemsTemplate([label]));
    const alert = blockOf(layout, "k0").alert.message;
    expect(alert.length).toBeLessThanOrEqual(LIMITS.alertMessage);
    expect(alert).toMatch(/^第 1 项「通过国有大中型企业.*…」应填写整数（人），不小于 0$/);
    expectWithinLimits(layout);
  });

  it("counts a character outside the BMP as two, as Excel does, and never splits it", () => {
    const label = "𠀀".repeat(200);
    const layout = layoutOf(itemsTemplate([label]));
    const block = blockOf(layout, "k0");
    expect(block.prompt.title).toBe(`${"𠀀".repeat(15)}…`);
    expectWithinLimits(layout);
  });

  it("names a long dropdown by the dropdown instead of cutting its options", () => {
    const layout = buildLayout(edgeTemplate());
    const block = layout.validations.find((v) => v.rule.type === "list");
    expect(LONG_OPTIONS.join("、").length).toBeGreaterThan(LIMITS.promptMessage);
    expect(block?.prompt.message).toContain("应填：从下拉列表中选择（共 48 项）");
    expect(block?.alert.message).toContain("应填写从下拉列表中选择（共 48 项）");
    expectWithinLimits(layout);
  });

  it("keeps a hint whole and shortens the label before it", () => {
    const hint = "按实际发放人数填写，".repeat(20); // 200 characters
    const layout = layoutOf(itemsTemplate(["资助人数".repeat(30)], {}, [hint]));
    const message = blockOf(layout, "k0").prompt.message;
    expect(message.endsWith(`\n应填：整数（人），不小于 0\n${hint}`)).toBe(true);
    expect(message.length).toBeLessThanOrEqual(LIMITS.promptMessage);
  });

  it("keeps an authored 其中 message whole in each part's alert", () => {
    const message = "其中各项之和不得超过资助总人数，".repeat(11); // 176 characters
    const layout = layoutOf(
      itemsTemplate(["资助总人数", `其中：${"困难职工子女".repeat(10)}`, "其中：其他"], {
        breakdowns: [{ total: "k0", parts: ["k1", "k2"], mode: "partial", message }],
      }),
    );
    const part = blockOf(layout, "k1");
    expect(part.sumRuleIds).toEqual(["parts:k0"]);
    expect(part.alert.message.endsWith(`应填写整数（人），不小于 0；${message}`)).toBe(true);
    expect(part.alert.message.length).toBeLessThanOrEqual(LIMITS.alertMessage);
  });
});

/** Text with 汉字, ASCII, a pair outside the BMP, spaces and the quotes messages use. */
const text = (minLength: number, maxLength: number) =>
  fc.string({
    unit: fc.constantFrom("汇", "表", "填", "a", "7", " ", "𠀀", "，", "「", "」", "（", "）"),
    minLength,
    maxLength,
  });

const generated = fc.record({
  labels: fc.array(text(1, 400), { minLength: 2, maxLength: 4 }),
  hints: fc.array(fc.option(text(0, 300), { nil: undefined }), { minLength: 4, maxLength: 4 }),
  message: fc.option(text(1, 300), { nil: undefined }),
  title: text(1, 200),
  columnLabel: text(1, 300),
  columnHint: fc.option(text(0, 300), { nil: undefined }),
  options: fc.array(fc.string({ unit: fc.constantFrom("街", "道", ",", "𠀀", "a"), minLength: 1, maxLength: 30 }), {
    minLength: 1,
    maxLength: 60,
  }),
});

describe("generated templates", () => {
  it("always fit Excel; what the check accepts keeps its hints and messages whole; only those are refused", () => {
    fc.assert(
      fc.property(generated, (g) => {
        const input = itemsTemplate(
          g.labels,
          {
            breakdowns: g.message
              ? [
                  {
                    total: "k0",
                    parts: g.labels.slice(1).map((_, i) => `k${i + 1}`),
                    mode: "partial",
                    message: g.message,
                  },
                ]
              : [],
          },
          g.hints,
        );
        const sections = [
          ...input.sections,
          {
            kind: "roster",
            key: "roster",
            title: g.title,
            maxRows: 3,
            columns: [
              { key: "pick", label: g.columnLabel, type: "enum", options: g.options, hint: g.columnHint },
              { key: "name", label: `${g.columnLabel}（姓名）`, type: "text", maxLength: 20 },
            ],
          },
        ];
        const full = { ...input, sections };
        const layout = layoutOf(full);
        expectWithinLimits(layout);

        const checked = checkTemplate(full);
        if (!checked.ok) {
          for (const e of checked.errors) expect(e.path).toMatch(/\.hint$|^breakdowns\[0\]\.message$/);
          return;
        }
        g.labels.forEach((_, i) => {
          const hint = g.hints[i]?.trim();
          if (hint) expect(blockOf(layout, `k${i}`).prompt.message.endsWith(`\n${hint}`)).toBe(true);
          const block = blockOf(layout, `k${i}`);
          if (g.message && !/\{[^}]+\}/.test(g.message) && block.sumRuleIds.length > 0) {
            expect(block.alert.message.endsWith(`；${g.message}`)).toBe(true);
          }
        });
        const pick = layout.validations.find((v) => v.rule.type === "list");
        const columnHint = g.columnHint?.trim();
        if (columnHint) expect(pick?.prompt.message.endsWith(`\n${columnHint}`)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe("inline list sources", () => {
  it("are the options joined, unless Excel would read them otherwise", () => {
    expect(inlineListSource(["是", "否"])).toBe("是,否");
    expect(inlineListSource(["a,b", "c"])).toBeUndefined();
    expect(inlineListSource(['说"明', "c"])).toBeUndefined();
    // "=A,B" would be a reference to Excel, not two options: such a list goes to the hidden option columns.
    expect(inlineListSource(["=A", "B"])).toBeUndefined();
    expect(inlineListSource(["A", "=B"])).toBe("A,=B");
  });
});

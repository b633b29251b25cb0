import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkTemplate } from "../../../schemas/check";
import { draftFromTable } from "../../../schemas/definition/draft-table";
import { merge, printed } from "./printed";

/** Words printed tables are made of, so random sheets hit headers, 其中 lines, totals and rosters. */
const WORDS = [
  "序号",
  "项目",
  "指标",
  "单位",
  "数值",
  "合计",
  "小计",
  "总计",
  "其中",
  "其中：社会捐助",
  "　　应届毕业生",
  "学前教育",
  "义务教育",
  "金额（万元）",
  "人数（人）",
  "姓名",
  "身份证号",
  "银行卡号",
  "助学金额",
  "联系电话",
  "性别",
  "是否建档",
  "出生日期",
  "就读阶段",
  "万元",
  "元",
  "人",
  "户",
  "名",
  "1",
  "２．",
  "一、资金筹集",
  "（1）",
  "①创业指导",
  "4(1)",
  "筹集资金（万元）",
  "发放助学金",
  "资助学生",
  "填报单位：",
  "单位：万元",
  "注：说明",
  "附件2",
  "2022年度黄山工会金秋助学汇总表",
  "_____",
  "  ",
];

const cell = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 30 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);

const sheet = fc
  .tuple(
    fc.array(fc.array(cell, { maxLength: 7 }), { maxLength: 14 }),
    fc.array(
      fc.tuple(fc.nat(13), fc.nat(6), fc.nat(2), fc.nat(3)).map(([r, c, h, w]) => merge(r, c, r + h, c + w)),
      { maxLength: 4 },
    ),
  )
  .map(([cells, merges]) => printed(cells, merges));

describe("draftFromTable on any sheet", () => {
  it("never throws, and its draft passes the publishing check with ASCII keys and guesses on known keys", () => {
    fc.assert(
      fc.property(sheet, (s) => {
        const d = draftFromTable(s);
        const checked = checkTemplate(d.template);
        if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
        for (const section of checked.template.sections) {
          expect(section.key).toMatch(/^[a-z][a-z0-9_]*$/);
        }
        for (const g of d.guesses) expect(g.message).not.toBe("");
      }),
      { numRuns: 2000 },
    );
  });

  it("leaves out a 序号 column that a merged two-row header names (a case the property found)", () => {
    const s = printed(
      [[], ["序号", "银行卡号", 0, 0, 0, "性别", "指标"], [null, "序号", "", "", null, "", "序号"]],
      [merge(1, 1, 2, 4)],
    );
    const checked = checkTemplate(draftFromTable(s).template);
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  });
});

import { describe, expect, it } from "vitest";
import { STANDARD_HEADER } from "../../../schemas/forms/header";
import { draftFromTable } from "../../../schemas/definition/draft-table";
import { draft, guessesOf, itemsOf, merge, printed } from "./printed";

const KEY = /^[a-z][a-z0-9_]*$/;

/** 沪工总保〔2014〕156号 附件1's first two items as a clerk would type them into a table. */
const SH_ITEMS = [
  ["序号", "项目", "数值", "单位"],
  ["1", "2014 年助学活动共筹集资金", null, "万元"],
  [null, "其中：各级党委政府资助", null, "万元"],
  [null, "社会捐助", null, "万元"],
  [null, "各级工会投入", null, "万元"],
  ["2", "2014 年助学活动共发放助学款", null, "万元"],
  [null, "其中：小学和初中阶段", null, "万元"],
  [null, "高中和中等职业教育阶段", null, "万元"],
  [null, "大专以上", null, "万元"],
];

describe("draftFromTable: the form around the table", () => {
  it("takes the merged title, the 附件 line and the 填报单位/填报人/联系电话 line; skips spacer rows anywhere", () => {
    const d = draft(
      printed(
        [
          ["附件1"],
          [],
          ["2014年上海工会金秋助学情况统计表"],
          [null, null, null, null],
          ["填报单位：_____", null, "填报人：_____", "联系电话：_____"],
          [],
          SH_ITEMS[0] as string[],
          ...SH_ITEMS.slice(1, 5),
          [],
          [null, null, null, null],
          ...SH_ITEMS.slice(5),
        ],
        [merge(2, 0, 2, 3)],
      ),
    );
    const t = d.template;
    expect(t.title).toBe("2014年上海工会金秋助学情况统计表");
    expect(t.attachment).toBe("附件1");
    expect(t.header).toEqual(STANDARD_HEADER);
    expect(t.period).toBe("2014");
    // Spacers change nothing: the same table without them drafts the same template.
    const tight = draftFromTable(
      printed(
        [
          ["附件1"],
          ["2014年上海工会金秋助学情况统计表"],
          ["填报单位：_____", null, "填报人：_____", "联系电话：_____"],
          ...SH_ITEMS,
        ],
        [merge(1, 0, 1, 3)],
      ),
    );
    expect(tight.template).toEqual(t);
    expect(tight.guesses).toEqual(d.guesses);
  });

  it('fills what a table cannot say with placeholders the officer is asked about (guess key "")', () => {
    const d = draft(printed([["2022年度黄山工会金秋助学汇总表"], ...SH_ITEMS]));
    expect(d.template).toMatchObject({
      id: "new-form",
      version: 1,
      issuer: "（请填写）",
      docNo: "（请填写）",
      period: "2022",
      dueDate: "2022-12-31",
      header: [],
    });
    const asked = d.guesses.filter((g) => g.key === "").map((g) => g.message);
    expect(asked).toEqual(
      expect.arrayContaining([
        expect.stringContaining("模板编号"),
        expect.stringContaining("发文单位"),
        expect.stringContaining("文号"),
        expect.stringContaining("截止日期"),
        expect.stringContaining("填报人、联系电话"),
      ]),
    );
  });

  it("asks for a title and a period when the sheet has none, and drafts a placeholder from an empty sheet", () => {
    const bare = draft(printed(SH_ITEMS));
    expect(bare.template.title).toBe("（请填写）");
    expect(bare.guesses.some((g) => g.key === "" && g.message.includes("标题"))).toBe(true);
    expect(bare.guesses.some((g) => g.key === "" && g.message.includes("年份"))).toBe(true);
    const empty = draft(printed([]));
    expect(empty.checked.sections).toHaveLength(1);
    expect(empty.guesses.some((g) => g.key === "item1" && g.message.includes("表头"))).toBe(true);
  });

  it("takes the form's name for the title when another line (the issuer) comes first", () => {
    const d = draft(printed([["黄山市总工会"], ["2022年黄山工会金秋助学活动情况统计表"], ...SH_ITEMS]));
    expect(d.template.title).toBe("2022年黄山工会金秋助学活动情况统计表");
    expect(d.template.description).toContain("黄山市总工会");
  });

  it("puts notes under the table into the description", () => {
    const d = draft(printed([["统计表"], ...SH_ITEMS, [], ["注：1. 金额保留两位小数。"], ["2. 人数为整数。"]]));
    expect(d.template.description).toContain("注：1. 金额保留两位小数。");
    expect(d.template.description).toContain("2. 人数为整数。");
    expect(itemsOf(d.checked)).toHaveLength(8);
  });
});

describe("draftFromTable: item tables", () => {
  it("reads 序号/项目/单位 under any of their printed names; the 数值 column stays blank", () => {
    const variants = [
      ["序号", "项目", "单位", "数值"],
      ["编号", "指标", "计量单位", "填报数"],
      ["No.", "项目名称", "单位", null],
      ["序 号", "内容", "单 位", "本年数"],
    ];
    const drafts = variants.map((h) =>
      draftFromTable(printed([["表"], h, ["1", "资助困难职工子女", "人", null], ["2", "发放助学金", "万元", null]])),
    );
    for (const d of drafts) expect(d.template.sections).toEqual(drafts[0]?.template.sections);
    expect(
      itemsOf(draft(printed([["表"], variants[1] as string[], ["1", "资助困难职工子女", "人", null]])).checked),
    ).toMatchObject([{ key: "item1", no: "1", label: "资助困难职工子女", unit: "人", type: "integer", scale: 0 }]);
  });

  it("makes 其中 lines and the unnumbered lines after them parts of the item above, exhaustive as a guess", () => {
    const d = draft(printed([["统计表"], ...SH_ITEMS]));
    expect(itemsOf(d.checked).map((i) => [i.key, i.no, i.label, i.indent])).toEqual([
      ["item1", "1", "2014 年助学活动共筹集资金", 0],
      ["item1_1", "", "其中：各级党委政府资助", 1],
      ["item1_2", "", "社会捐助", 1],
      ["item1_3", "", "各级工会投入", 1],
      ["item2", "2", "2014 年助学活动共发放助学款", 0],
      ["item2_1", "", "其中：小学和初中阶段", 1],
      ["item2_2", "", "高中和中等职业教育阶段", 1],
      ["item2_3", "", "大专以上", 1],
    ]);
    expect(d.checked.breakdowns).toEqual([
      { total: "item1", parts: ["item1_1", "item1_2", "item1_3"], mode: "exhaustive" },
      { total: "item2", parts: ["item2_1", "item2_2", "item2_3"], mode: "exhaustive" },
    ]);
    expect(guessesOf(d, "item1")).toContain("mode");
    expect(guessesOf(d, "item2")).toContain("mode");
  });

  it("makes lines indented under a total its parts (leading full-width spaces, or text in a deeper 项目 column)", () => {
    const spaces = draft(
      printed([
        ["表"],
        ["序号", "项目", "单位"],
        ["1", "帮扶困难职工家庭高校毕业生", "人"],
        [null, "　　应届毕业生", "人"],
        [null, "　　往届毕业生", "人"],
        ["2", "举办招聘会", "场"],
      ]),
    );
    const columns = draft(
      printed(
        [
          ["表"],
          ["序号", "项目", null, "单位"],
          ["1", "帮扶困难职工家庭高校毕业生", null, "人"],
          [null, null, "应届毕业生", "人"],
          [null, null, "往届毕业生", "人"],
          ["2", "举办招聘会", null, "场"],
        ],
        [merge(1, 1, 1, 2), merge(2, 1, 2, 2), merge(5, 1, 5, 2)],
      ),
    );
    for (const d of [spaces, columns]) {
      expect(itemsOf(d.checked).map((i) => [i.key, i.label, i.indent, i.unit])).toEqual([
        ["item1", "帮扶困难职工家庭高校毕业生", 0, "人"],
        ["item1_1", "应届毕业生", 1, "人"],
        ["item1_2", "往届毕业生", 1, "人"],
        ["item2", "举办招聘会", 0, "场"],
      ]);
      expect(d.checked.breakdowns).toEqual([{ total: "item1", parts: ["item1_1", "item1_2"], mode: "exhaustive" }]);
    }
  });

  it("reads a 其中 cell merged down beside its parts (项目 printed over two columns)", () => {
    const d = draft(
      printed(
        [
          ["表"],
          ["序号", "项目", null, "单位"],
          ["1", "筹集资金", null, "万元"],
          [null, "其中", "党委政府资助", "万元"],
          [null, null, "社会捐助", "万元"],
          [null, null, "工会投入", "万元"],
        ],
        [merge(1, 1, 1, 2), merge(2, 1, 2, 2), merge(3, 1, 5, 1)],
      ),
    );
    expect(itemsOf(d.checked).map((i) => [i.label, i.indent])).toEqual([
      ["筹集资金", 0],
      ["其中：党委政府资助", 1],
      ["社会捐助", 1],
      ["工会投入", 1],
    ]);
    expect(d.checked.breakdowns).toEqual([
      { total: "item1", parts: ["item1_1", "item1_2", "item1_3"], mode: "exhaustive" },
    ]);
  });

  it("gives a line without a unit the unit its 其中 parts print", () => {
    const d = draft(
      printed([
        ["表"],
        ["序号", "项目", "单位"],
        ["1", "帮扶对象", null],
        [null, "其中：困难职工", "人"],
        [null, "农民工", null],
      ]),
    );
    expect(itemsOf(d.checked).map((i) => [i.key, i.unit])).toEqual([
      ["item1", "人"],
      ["item1_1", "人"],
      ["item1_2", "人"],
    ]);
    expect(guessesOf(d, "item1")).toEqual(["unit", "mode"]);
    expect(guessesOf(d, "item1_2")).toEqual(["unit"]);
  });

  it("does not count a line in another unit as a part, and says so", () => {
    const d = draft(
      printed([
        ["表"],
        ["序号", "项目", "单位"],
        ["3", "资助非建档困难职工家庭高校在读学生", "人"],
        [null, "其中：新入学学生", "人"],
        [null, "发放省总金秋助学经费", "万元"],
        ["4", "资助接受特殊教育的残疾儿童", "人"],
      ]),
    );
    expect(itemsOf(d.checked).map((i) => [i.key, i.indent])).toEqual([
      ["item3", 0],
      ["item3_1", 1],
      ["item3_2", 1],
      ["item4", 0],
    ]);
    expect(d.checked.breakdowns).toEqual([{ total: "item3", parts: ["item3_1"], mode: "exhaustive" }]);
    expect(guessesOf(d, "item3_2")).toContain("part");
  });

  it("makes a 合计 line the total of the lines it closes, or of those after it when it comes first", () => {
    const below = draft(
      printed([
        ["表"],
        ["序号", "项目", "单位"],
        ["1", "屯溪区", "人"],
        ["2", "黄山区", "人"],
        ["3", "徽州区", "人"],
        ["合  计", null, "人"],
      ]),
    );
    expect(below.checked.breakdowns).toEqual([
      { total: "total", parts: ["item1", "item2", "item3"], mode: "exhaustive" },
    ]);
    expect(guessesOf(below, "total")).toEqual(["mode"]);
    const above = draft(
      printed([["表"], ["序号", "项目", "单位"], [null, "总计", null], ["1", "屯溪区", "人"], ["2", "黄山区", "人"]]),
    );
    expect(itemsOf(above.checked)[0]).toMatchObject({ key: "total", label: "总计", unit: "人", indent: 0 });
    expect(above.checked.breakdowns).toEqual([{ total: "total", parts: ["item1", "item2"], mode: "exhaustive" }]);
    const nested = draft(
      printed([
        ["表"],
        ["序号", "项目", "单位"],
        ["1", "屯溪区", "人"],
        ["2", "黄山区", "人"],
        [null, "小计", "人"],
        ["3", "歙县", "人"],
        ["4", "休宁县", "人"],
        [null, "小计", "人"],
        [null, "合计", "人"],
      ]),
    );
    expect(nested.checked.breakdowns).toEqual([
      { total: "subtotal", parts: ["item1", "item2"], mode: "exhaustive" },
      { total: "subtotal_2", parts: ["item3", "item4"], mode: "exhaustive" },
      { total: "total", parts: ["subtotal", "subtotal_2"], mode: "exhaustive" },
    ]);
  });

  it("keeps printed sub-item numbers (1)（1）① in `no`; 其中：（1）… / （2）… are two breakdowns of one total", () => {
    const d = draft(
      printed([
        ["阳光就业行动情况统计表"],
        ["序号", "项目", "单位"],
        ["1", "共有困难职工家庭高校毕业生", "人"],
        [null, "其中：（1）应届毕业生", "人"],
        [null, "往届毕业生", "人"],
        [null, "（2）已自谋职业", "人"],
        [null, "需要就业帮扶", "人"],
        ["4", "（1）共举办就业招聘会等就业服务系列活动", "场"],
        [null, "(2)提供适合高校毕业生的就业岗位", "个"],
        ["6", "提供创业服务", "人次"],
        [null, "①创业指导", "人次"],
        [null, "②创业培训", "人次"],
      ]),
    );
    expect(itemsOf(d.checked).map((i) => [i.key, i.no, i.label, i.indent])).toEqual([
      ["item1", "1", "共有困难职工家庭高校毕业生", 0],
      ["item1_1", "（1）", "其中：应届毕业生", 1],
      ["item1_2", "", "往届毕业生", 1],
      ["item1_3", "（2）", "已自谋职业", 1],
      ["item1_4", "", "需要就业帮扶", 1],
      ["item4", "4（1）", "共举办就业招聘会等就业服务系列活动", 0],
      ["item4_1", "(2)", "提供适合高校毕业生的就业岗位", 1],
      ["item6", "6", "提供创业服务", 0],
      ["item6_1", "①", "创业指导", 1],
      ["item6_2", "②", "创业培训", 1],
    ]);
    // Numbered sub-items are not sums unless a 其中 says so.
    expect(d.checked.breakdowns).toEqual([
      { total: "item1", parts: ["item1_1", "item1_2"], mode: "exhaustive" },
      { total: "item1", parts: ["item1_3", "item1_4"], mode: "exhaustive" },
    ]);
  });

  it("keeps full-width numbering as printed; a 一、 line without a unit over numbered lines is a chapter", () => {
    const d = draft(
      printed([
        ["表"],
        ["序号", "项目", "单位"],
        [null, "一、资金筹集", null],
        ["１．", "筹集助学资金", "万元"],
        ["２．", "通过银行卡发放的助学金", "万元"],
        [null, "二、人数", null],
        [null, "３．资助学生", "人"],
      ]),
    );
    const sections = d.checked.sections;
    expect(sections.map((s) => [s.kind, s.title])).toEqual([
      ["items", "一、资金筹集"],
      ["items", "二、人数"],
    ]);
    expect(itemsOf(d.checked).map((i) => [i.key, i.no, i.label])).toEqual([
      ["item1", "１", "筹集助学资金"],
      ["item2", "２", "通过银行卡发放的助学金"],
      ["item3", "３", "资助学生"],
    ]);
    const chinese = draft(
      printed([["表"], ["项目", "单位"], ["一、参与助学的爱心企业", "家"], ["二、提供实习岗位", "个"]]),
    );
    expect(itemsOf(chinese.checked).map((i) => [i.key, i.no, i.label])).toEqual([
      ["item1", "一", "参与助学的爱心企业"],
      ["item2", "二", "提供实习岗位"],
    ]);
  });

  it("reads a 项目 merged over two lines as the label of both (one printed number, two blanks)", () => {
    const d = draft(
      printed(
        [
          ["表"],
          ["序号", "项目", "单位"],
          ["5", "共资助困难农民工子女", "人"],
          [null, null, "万元"],
          ["6", "共资助困难单亲女职工子女", "人"],
        ],
        [merge(2, 0, 3, 0), merge(2, 1, 3, 1)],
      ),
    );
    expect(itemsOf(d.checked).map((i) => [i.key, i.no, i.label, i.unit, i.indent])).toEqual([
      ["item5", "5", "共资助困难农民工子女", "人", 0],
      ["item5b", "5", "共资助困难农民工子女", "万元", 0],
      ["item6", "6", "共资助困难单亲女职工子女", "人", 0],
    ]);
    expect(guessesOf(d, "item5b")).toContain("label");
    expect(d.checked.breakdowns).toEqual([]);
  });

  it("takes units from the 单位 column, a label suffix, a note above the table or the 数值 heading", () => {
    const suffix = draft(
      printed([
        ["表"],
        ["序号", "项目"],
        ["1", "2014 年助学活动共筹集资金_____（万元）；"],
        ["2", "共资助困难职工子女（人）"],
        ["3", "共为毕业生提供实习见习机会（人次）"],
      ]),
    );
    expect(itemsOf(suffix.checked).map((i) => [i.label, i.unit, i.type, i.scale])).toEqual([
      ["2014 年助学活动共筹集资金", "万元", "decimal", 2],
      ["共资助困难职工子女", "人", "integer", 0],
      ["共为毕业生提供实习见习机会", "人次", "integer", 0],
    ]);
    expect(guessesOf(suffix, "item1")).toEqual(["scale"]);
    expect(guessesOf(suffix, "item2")).toEqual([]);
    const note = draft(printed([["表"], ["单位：元"], ["序号", "项目", "数值"], ["1", "发放求职补贴", null]]));
    expect(itemsOf(note.checked)[0]).toMatchObject({ unit: "元", type: "decimal", scale: 2 });
    expect(guessesOf(note, "item1")).toEqual(["scale"]);
    const heading = draft(printed([["表"], ["序号", "项目", "数值（万元）"], ["1", "筹集资金", null]]));
    expect(itemsOf(heading.checked)[0]).toMatchObject({ unit: "万元" });
  });

  it("guesses a unit the print leaves out from the label's words, and maps printed words the language lacks", () => {
    const d = draft(
      printed([
        ["表"],
        ["序号", "项目", "单位"],
        ["1", "发放助学金", null],
        ["2", "资助困难学生", null],
        ["3", "举办校企对接招聘会", null],
        ["4", "其他", null],
        ["5", "受助学生", "名"],
        ["6", "走访困难家庭", "户"],
      ]),
    );
    expect(itemsOf(d.checked).map((i) => [i.unit, i.type])).toEqual([
      ["万元", "decimal"],
      ["人", "integer"],
      ["场", "integer"],
      ["个", "integer"],
      ["人", "integer"],
      ["家", "integer"],
    ]);
    for (const key of ["item1", "item2", "item3", "item4", "item5", "item6"]) {
      expect(guessesOf(d, key)).toContain("unit");
    }
  });
});

describe("draftFromTable: lines typed without a table header", () => {
  it("reads numbered lines pasted from a notice as an item table (number, label, blanks and unit in one cell)", () => {
    const d = draft(
      printed([
        ["2014年上海工会阳光就业行动情况统计表"],
        ["填报单位：_____ 填报人：_____ 联系电话：_____"],
        ["1. 区县局（产业）共有困难职工家庭高校毕业生 _____（人）；"],
        ["其中：（1）应届毕业生 _____（人）；"],
        ["　　　往届毕业生 _____（人）；"],
        ["2. 共为困难职工家庭高校毕业生提供实习见习机会 _____（人次）。"],
        ["3", "提供就业岗位", "个"],
      ]),
    );
    expect(d.template.header).toEqual(STANDARD_HEADER);
    expect(itemsOf(d.checked).map((i) => [i.key, i.no, i.label, i.unit, i.indent])).toEqual([
      ["item1", "1", "区县局（产业）共有困难职工家庭高校毕业生", "人", 0],
      ["item1_1", "（1）", "其中：应届毕业生", "人", 1],
      ["item1_2", "", "往届毕业生", "人", 1],
      ["item2", "2", "共为困难职工家庭高校毕业生提供实习见习机会", "人次", 0],
      ["item3", "3", "提供就业岗位", "个", 0],
    ]);
    expect(d.checked.breakdowns).toEqual([{ total: "item1", parts: ["item1_1", "item1_2"], mode: "exhaustive" }]);
  });

  it("does not take a line whose text starts with 项目 for a new table header", () => {
    const d = draft(
      printed([
        ["表"],
        ["填报单位：", "单位：元"],
        ["序号", "项目", "数值"],
        ["1", "项目数（个）", null],
        ["2", "项目资金", null],
      ]),
    );
    expect(itemsOf(d.checked).map((i) => [i.key, i.label, i.unit])).toEqual([
      ["item1", "项目数", "个"],
      ["item2", "项目资金", "元"],
    ]);
  });
});

describe("draftFromTable: keys", () => {
  it("are ASCII, follow the printed numbers, and do not move with spacer rows or other lines' wording", () => {
    const rows = [["表"], ...SH_ITEMS];
    const a = draftFromTable(printed(rows));
    const b = draftFromTable(
      printed([["表"], [], ...SH_ITEMS.slice(0, 3), [], [null, "社会各界捐助", null, "万元"], ...SH_ITEMS.slice(4)]),
    );
    const keys = (d: typeof a) =>
      d.template.sections.flatMap((s) => (s.kind === "items" ? s.items.map((i) => i.key) : []));
    expect(keys(a)).toEqual(keys(b));
    for (const k of keys(a)) expect(k).toMatch(KEY);
    expect(draftFromTable(printed(rows))).toEqual(a);
  });
});

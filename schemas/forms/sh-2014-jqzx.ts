import type { TemplateInput } from "../template";
import { STANDARD_HEADER } from "./header";

/**
 * 沪工总保〔2014〕156号 附件1. The notice prints every field, so the labels below are
 * the printed text (whitespace as in the notice, e.g. "2014 年"); a printed line with
 * two blanks is two items sharing the line's number.
 */

const wan = { unit: "万元", type: "decimal", scale: 2 } as const;
const ren = { unit: "人", type: "integer" } as const;

/** The three 学段 of items 2–5, in printed order. */
const STAGES = [
  { key: "primary", label: "其中：小学和初中阶段" },
  { key: "secondary", label: "高中和中等职业教育阶段" },
  { key: "college", label: "大专以上" },
] as const;

const stageItems = (prefix: string, measure: typeof wan | typeof ren) =>
  STAGES.map((s) => ({ key: `${prefix}_${s.key}`, label: s.label, indent: 1, ...measure }));

/** A count and its amount on one printed line: neither may be filled without the other. */
const pair = (id: string, count: string, amount: string, what: string) => ({
  id,
  expr: `(${count} > 0 and ${amount} > 0) or (${count} = 0 and ${amount} = 0)`,
  severity: "error" as const,
  message: `${what}：填写了人数就必须填写发放助学款，填写了助学款也必须填写人数（现为 {${count}} 人、{${amount}} 万元）`,
});

/** 助学款 (万元) per person outside 200–20000 元 is almost always a unit or typing slip. */
const average = (id: string, amount: string, count: string, what: string) => ({
  id,
  expr: `if(${count} > 0, ${amount} * 10000 / ${count} >= 200 and ${amount} * 10000 / ${count} <= 20000, true)`,
  severity: "warning" as const,
  message: `${what}人均助学款（{${amount}} 万元 ÷ {${count}} 人）不在 200～20000 元之间，请检查是否把“元”填成了“万元”或人数有误；如确属实情，请在上报说明中说明`,
});

export const SH_2014_JQZX: TemplateInput = {
  id: "sh-2014-jqzx",
  version: 1,
  title: "2014年上海工会金秋助学情况统计表",
  issuer: "上海市总工会",
  docNo: "沪工总保〔2014〕156号",
  attachment: "附件1",
  period: "2014",
  dueDate: "2014-09-01",
  description:
    "各区县局（产业）工会于2014年9月1日前连同总结报告报送市总工会保障工作部。" +
    "各项文字与通知附件1所印一致；一行中有两个空格的（第5、6、7项及第5项各学段行）拆成两个填报项，共用同一序号。" +
    "“万元”保留两位小数，“人”“家”“个”为整数。",
  header: STANDARD_HEADER,
  sections: [
    {
      kind: "items",
      key: "main",
      items: [
        { key: "raised", no: "1", label: "2014 年助学活动共筹集资金", required: true, ...wan },
        { key: "raised_gov", label: "其中：各级党委政府资助", indent: 1, ...wan },
        { key: "raised_social", label: "社会捐助", indent: 1, ...wan },
        { key: "raised_union", label: "各级工会投入", indent: 1, ...wan },

        { key: "granted", no: "2", label: "2014 年助学活动共发放助学款", required: true, ...wan },
        ...stageItems("granted", wan),

        {
          key: "enrolled",
          no: "3",
          label: "2014 年在档的困难职工和困难农民工家庭子女升学的共",
          required: true,
          ...ren,
        },
        ...stageItems("enrolled", ren),

        { key: "aided", no: "4", label: "2014 年助学活动中共资助困难职工和困难农民工子女", required: true, ...ren },
        ...stageItems("aided", ren),

        { key: "mw_aided", no: "5", label: "2014 年助学活动中共资助困难农民工子女", required: true, ...ren },
        { key: "mw_granted", no: "5", label: "共发放助学款", required: true, ...wan },
        ...STAGES.flatMap((s) => [
          { key: `mw_aided_${s.key}`, label: s.label, indent: 1, ...ren },
          { key: `mw_granted_${s.key}`, label: "发放助学款", indent: 1, ...wan },
        ]),

        { key: "sm_aided", no: "6", label: "2014年助学活动中共资助困难单亲女职工子女", required: true, ...ren },
        { key: "sm_granted", no: "6", label: "共发放助学款", required: true, ...wan },

        // The first blank of item 7 sits inside the sentence; "___" marks where.
        { key: "posts_units", no: "7", label: "与___单位联系", required: true, unit: "家", type: "integer" },
        {
          key: "posts",
          no: "7",
          label: "为在读困难职工子女提供勤工俭学社会实践岗位",
          required: true,
          unit: "个",
          type: "integer",
        },
      ],
    },
  ],
  breakdowns: [
    { total: "raised", parts: ["raised_gov", "raised_social", "raised_union"], mode: "exhaustive" },
    ...(["granted", "enrolled", "aided", "mw_aided"] as const).map((total) => ({
      total,
      parts: STAGES.map((s) => `${total}_${s.key}`),
      mode: "exhaustive" as const,
    })),
    {
      // The printed label "共发放助学款" alone would not say which item it belongs to.
      total: "mw_granted",
      parts: STAGES.map((s) => `mw_granted_${s.key}`),
      mode: "exhaustive",
      message:
        "第 5 项向困难农民工子女共发放助学款 {mw_granted} 万元，应等于各学段发放助学款之和（{mw_granted_primary} + {mw_granted_secondary} + {mw_granted_college} 万元）",
    },
  ],
  rules: [
    {
      id: "granted-vs-raised",
      expr: "granted <= raised",
      severity: "warning",
      message:
        "第 2 项共发放助学款 {left} 万元，超过第 1 项共筹集资金 {right} 万元（多 {diff} 万元）。如使用了往年结余资金，请在上报说明中写明",
    },
    {
      id: "mw-aided-subset",
      expr: "mw_aided <= aided",
      severity: "error",
      message: "第 5 项资助困难农民工子女 {left} 人，不能多于第 4 项资助困难职工和困难农民工子女总数 {right} 人",
    },
    {
      id: "mw-granted-subset",
      expr: "mw_granted <= granted",
      severity: "error",
      message: "第 5 项向困难农民工子女发放助学款 {left} 万元，不能多于第 2 项共发放助学款 {right} 万元",
    },
    {
      id: "sm-aided-subset",
      expr: "sm_aided <= aided",
      severity: "error",
      message: "第 6 项资助困难单亲女职工子女 {left} 人，不能多于第 4 项资助总人数 {right} 人",
    },
    {
      id: "sm-granted-subset",
      expr: "sm_granted <= granted",
      severity: "error",
      message: "第 6 项向困难单亲女职工子女发放助学款 {left} 万元，不能多于第 2 项共发放助学款 {right} 万元",
    },
    pair("pair-aided-granted", "aided", "granted", "第 2 项与第 4 项"),
    pair("pair-mw", "mw_aided", "mw_granted", "第 5 项"),
    ...STAGES.map((s) =>
      pair(`pair-mw-${s.key}`, `mw_aided_${s.key}`, `mw_granted_${s.key}`, `第 5 项${s.label.replace("其中：", "")}`),
    ),
    pair("pair-sm", "sm_aided", "sm_granted", "第 6 项"),
    {
      id: "posts-need-units",
      expr: "posts = 0 or posts_units > 0",
      severity: "error",
      message: "第 7 项填写了勤工俭学社会实践岗位 {posts} 个，但联系单位为 0 家，请填写提供岗位的单位数",
    },
    average("avg-grant", "granted", "aided", "第 2、4 项"),
    average("avg-grant-mw", "mw_granted", "mw_aided", "第 5 项"),
    average("avg-grant-sm", "sm_granted", "sm_aided", "第 6 项"),
  ],
};

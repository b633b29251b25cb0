import type { TemplateInput } from "../template";
import { STANDARD_HEADER } from "./header";

/**
 * 沪工总保〔2014〕156号 附件2. Labels are the printed text, including the notice's own
 * punctuation (item 10 prints half-width parentheses). Sub-items keep their printed
 * number: "4(1)" is the first blank of item 4, "(2)" the next; a line with two blanks
 * (items 3 and 6(3)) is two items sharing the number.
 */

const ren = { unit: "人", type: "integer" } as const;
const renci = { unit: "人次", type: "integer" } as const;

export const SH_2014_YGJY: TemplateInput = {
  id: "sh-2014-ygjy",
  version: 1,
  title: "2014年上海工会阳光就业行动情况统计表",
  issuer: "上海市总工会",
  docNo: "沪工总保〔2014〕156号",
  attachment: "附件2",
  period: "2014",
  dueDate: "2014-09-01",
  description:
    "各区县局（产业）工会于2014年9月1日前连同总结报告报送市总工会保障工作部。" +
    "各项文字与通知附件2所印一致；第 1 项的两组“其中”各自相加应等于毕业生总数；" +
    "第 6(3) 项小额担保贷款的金额以“元”为单位（保留两位小数），第 9(2) 项求职补贴以“万元”为单位。",
  header: STANDARD_HEADER,
  sections: [
    {
      kind: "items",
      key: "main",
      items: [
        { key: "grads", no: "1", label: "区县局（产业）共有困难职工家庭高校毕业生", required: true, ...ren },
        { key: "grads_fresh", no: "(1)", label: "应届毕业生", indent: 1, ...ren },
        { key: "grads_past", label: "往届毕业生", indent: 1, ...ren },
        { key: "grads_self", no: "(2)", label: "已自谋职业", indent: 1, ...ren },
        { key: "grads_need", label: "需要就业帮扶", indent: 1, ...ren },

        { key: "internship", no: "2", label: "共为困难职工家庭高校毕业生提供实习见习机会", required: true, ...renci },

        { key: "skill_training", no: "3", label: "向困难职工家庭高校毕业生提供就业技能培训", required: true, ...renci },
        { key: "certificates", no: "3", label: "帮助通过职业技能鉴定获得相应职业资格证书", required: true, ...renci },

        {
          key: "job_fairs",
          no: "4(1)",
          label: "共举办就业招聘会等就业服务系列活动",
          required: true,
          unit: "场",
          type: "integer",
        },
        { key: "fair_posts", no: "(2)", label: "提供适合高校毕业生的就业岗位", indent: 1, unit: "个", type: "integer" },

        {
          key: "posts",
          no: "5",
          label: "通过国有大中型企业、劳模企业、社会爱心企业及政府公益性岗位等为困难职工家庭高校毕业生提供就业岗位",
          required: true,
          unit: "个",
          type: "integer",
        },

        {
          key: "startup_guidance",
          no: "6(1)",
          label: "共为困难职工家庭高校毕业生提供创业指导",
          required: true,
          ...renci,
        },
        { key: "startup_training", no: "(2)", label: "提供创业培训", indent: 1, ...renci },
        { key: "loan_times", no: "(3)", label: "提供小额担保贷款", indent: 1, ...renci },
        { key: "loan_amount", no: "(3)", label: "提供小额担保贷款", indent: 1, unit: "元", type: "decimal", scale: 2 },

        { key: "policy", no: "7", label: "共帮助落实对困难职工家庭高校毕业生的就业扶持政策", required: true, ...renci },

        { key: "employed", no: "8", label: "共实际帮助困难职工家庭高校毕业生实现就业", required: true, ...renci },

        { key: "jobhunt_times", no: "9(1)", label: "共资助困难职工家庭高校毕业生求职", required: true, ...renci },
        { key: "jobhunt_amount", no: "(2)", label: "发放求职补贴", indent: 1, unit: "万元", type: "decimal", scale: 2 },

        {
          key: "fresh_unsigned",
          no: "10",
          label: "在本地就读的尚未签约就业的应届困难职工家庭高校毕业生(含本地和外地生源学生)",
          required: true,
          ...ren,
        },

        { key: "past_unemployed", no: "11", label: "往届未就业的困难职工家庭高校毕业生", required: true, ...ren },
      ],
    },
  ],
  breakdowns: [
    {
      total: "grads",
      parts: ["grads_fresh", "grads_past"],
      mode: "exhaustive",
      message:
        "第 1 项（1）应届毕业生 {grads_fresh} 人与往届毕业生 {grads_past} 人之和应等于困难职工家庭高校毕业生总数 {grads} 人",
    },
  ],
  rules: [
    // A second exhaustive breakdown of the same total would get the same generated
    // id (parts:grads), so it is written out as a rule.
    {
      id: "grads-employment-split",
      expr: "grads_self + grads_need = grads",
      severity: "error",
      message:
        "第 1 项（2）已自谋职业与需要就业帮扶之和为 {left} 人，应等于困难职工家庭高校毕业生总数 {right} 人（相差 {diff} 人）",
    },
    {
      id: "fresh-unsigned-subset",
      expr: "fresh_unsigned <= grads_fresh",
      severity: "error",
      message: "第 10 项尚未签约就业的应届毕业生 {left} 人，不能多于第 1 项（1）应届毕业生 {right} 人",
    },
    {
      id: "past-unemployed-subset",
      expr: "past_unemployed <= grads_past",
      severity: "error",
      message: "第 11 项往届未就业的毕业生 {left} 人，不能多于第 1 项（1）往届毕业生 {right} 人",
    },
    {
      id: "pair-loan",
      expr: "(loan_times > 0 and loan_amount > 0) or (loan_times = 0 and loan_amount = 0)",
      severity: "error",
      message: "第 6(3) 项小额担保贷款的人次和金额应同时填写（现为 {loan_times} 人次、{loan_amount} 元）",
    },
    {
      id: "pair-jobhunt",
      expr: "(jobhunt_times > 0 and jobhunt_amount > 0) or (jobhunt_times = 0 and jobhunt_amount = 0)",
      severity: "error",
      message: "第 9 项资助求职的人次和发放的求职补贴应同时填写（现为 {jobhunt_times} 人次、{jobhunt_amount} 万元）",
    },
    {
      id: "avg-jobhunt",
      expr: "if(jobhunt_times > 0, jobhunt_amount * 10000 / jobhunt_times >= 100 and jobhunt_amount * 10000 / jobhunt_times <= 5000, true)",
      severity: "warning",
      message:
        "第 9 项每人次求职补贴（{jobhunt_amount} 万元 ÷ {jobhunt_times} 人次）不在 100～5000 元之间，请检查是否把“元”填成了“万元”；如确属实情，请在上报说明中说明",
    },
    {
      id: "fair-posts-need-fairs",
      expr: "fair_posts = 0 or job_fairs > 0",
      severity: "warning",
      message:
        "第 4 项提供了就业岗位 {fair_posts} 个，但举办的招聘会等活动为 0 场，请核实；岗位如通过其他途径提供，请在上报说明中写明",
    },
  ],
};

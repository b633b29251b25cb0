import type { TemplateInput } from "../template";
import { STANDARD_HEADER } from "./header";

/**
 * 黄工办〔2022〕20号 asks each 区县 to “统一汇总形成金秋助学资金需求情况汇总表，并于7月15日前上报”
 * but prints no form. This is a reconstruction from the notice's text; every
 * assumption is written in `description` so the city officer can confirm or correct it.
 */

/**
 * 就读阶段 as the notice names them (学前教育、义务教育、高中阶段教育（含中等职业教育）、
 * 普通高等教育（含高职、大专）), plus 接受特殊教育的残疾儿童, which the notice funds as
 * its own group and which is therefore counted in its own column, not in a stage.
 * Shared by the three Huangshan templates.
 */
export const HS_STAGES = [
  { key: "preschool", label: "学前教育" },
  { key: "compulsory", label: "义务教育" },
  { key: "highschool", label: "高中阶段教育（含中等职业教育）" },
  { key: "higher", label: "普通高等教育（含高职、大专）" },
  { key: "special", label: "特殊教育（残疾儿童）" },
] as const;

export type HsStageKey = (typeof HS_STAGES)[number]["key"];

export const HS_STAGE_COLUMNS = [{ key: "total", label: "合计" }, ...HS_STAGES];

/** 省总金秋助学经费 per person, 元 (“按照不超过2000元/人的标准发放助学金”). */
export const HS_PROVINCIAL_CAP_YUAN = 2000;

/** 建档 + 非建档 = all, in every stage column (the 合计 column follows from the grid totals). */
export function hsFiledSplit(row: string, what: string, unit: string) {
  return HS_STAGES.map((s) => ({
    total: `${row}.${s.key}`,
    parts: [`${row}_filed.${s.key}`, `${row}_unfiled.${s.key}`],
    mode: "exhaustive" as const,
    message:
      `${what}“${s.label}”栏：建档 {${row}_filed.${s.key}} ${unit}与非建档 {${row}_unfiled.${s.key}} ${unit}之和，` +
      `应等于该栏的 {${row}.${s.key}} ${unit}`,
  }));
}

/** 省总经费 (万元) may not exceed 2000 元 × persons. */
export function hsProvincialCap(id: string, amount: string, persons: string, who: string) {
  return {
    id,
    expr: `${amount} * 10000 <= ${persons} * ${HS_PROVINCIAL_CAP_YUAN}`,
    severity: "error" as const,
    message: `${who}省总金秋助学经费折合 {left} 元，超过按每人不超过 ${HS_PROVINCIAL_CAP_YUAN} 元计算的上限 {right} 元（{${persons}} 人）`,
  };
}

/** Neither a count nor its amount may be filled without the other. */
export function hsPair(id: string, count: string, amount: string, what: string, unit = "人") {
  return {
    id,
    expr: `(${count} > 0 and ${amount} > 0) or (${count} = 0 and ${amount} = 0)`,
    severity: "error" as const,
    message: `${what}：人数和金额应同时填写（现为 {${count}} ${unit}、{${amount}} 万元）`,
  };
}

/** 万元 per person outside 200–20000 元 is almost always a unit or typing slip. */
export function hsAverage(id: string, amount: string, count: string, what: string) {
  return {
    id,
    expr: `if(${count} > 0, ${amount} * 10000 / ${count} >= 200 and ${amount} * 10000 / ${count} <= 20000, true)`,
    severity: "warning" as const,
    message: `${what}人均金额（{${amount}} 万元 ÷ {${count}} 人）不在 200～20000 元之间，请检查是否把“元”填成了“万元”或人数有误；如确属实情，请在上报说明中说明`,
  };
}

const ren = { unit: "人", type: "integer" } as const;
const wan = { unit: "万元", type: "decimal", scale: 2 } as const;

export const HS_2022_NEED: TemplateInput = {
  id: "hs-2022-need",
  version: 1,
  title: "金秋助学资金需求情况汇总表",
  issuer: "黄山市总工会",
  docNo: "黄工办〔2022〕20号",
  period: "2022",
  dueDate: "2022-07-15",
  description: [
    "【说明】通知只要求区县总工会“统一汇总形成金秋助学资金需求情况汇总表，并于7月15日前上报”，未印发表样。本表是根据通知正文重建的，以下假设请市总权益保障部确认：",
    "1. 填报单位为各区县、黄山高新区总工会和黄山风景区工会，汇总本区域符合条件的困难职工家庭（含困难新就业形态劳动者家庭）子女的助学需求。",
    "2. 就读阶段按通知第二部分第3条分为学前教育、义务教育、高中阶段教育（含中等职业教育）、普通高等教育（含高职、大专）四个阶段；“接受特殊教育的残疾儿童”单列一栏，不再计入上述阶段，合计栏为五栏之和。",
    "3. “建档”指建档在册的困难职工家庭，助学金按《黄山市工会困难职工帮扶实施办法（试行）》标准；“非建档”指生活困难但不符合建档条件的职工家庭。每个阶段建档与非建档之和应等于该阶段人数（金额）。",
    "4. 省总金秋助学经费只用于非建档家庭的高校在读学生（同等条件优先新入学）和接受特殊教育的残疾儿童，每人不超过2000元；本表按此分别填写拟申请人数和金额，并假定残疾儿童同样来自非建档家庭。",
    "5. 金额单位为万元（保留两位小数），人数单位为人。",
    "6. “困难新就业形态劳动者家庭子女”是上述人数和金额中的“其中”数，不单独相加。",
    "7. 圆梦计划的对象即“普通高等教育”栏中的建档在册困难职工子女，不另设栏目；金牌蓝领（就读中职、高职）、暑期专项勤工俭学和阳光就业暖心行动（高校毕业生，分应届、往届）只填需求人数。",
    "8. “资金安排”填写市县工会帮扶资金拟安排数和已落实的社会捐助；需求超过拟申请省总经费与已安排资金之和时提示缺口（警告，可附上报说明提交）。",
    "9. 人均需求不在200～20000元之间时给出警告，提示可能把“元”误填为“万元”。",
  ].join("\n"),
  header: STANDARD_HEADER,
  sections: [
    {
      kind: "grid",
      key: "need",
      title: "一、助学需求（按就读阶段）",
      columns: HS_STAGE_COLUMNS,
      total: "total",
      rows: [
        { key: "applicants", no: "1", label: "符合条件的困难职工家庭子女", ...ren },
        { key: "applicants_filed", label: "其中：建档在册困难职工家庭子女", indent: 1, ...ren },
        { key: "applicants_unfiled", label: "非建档困难职工家庭子女", indent: 1, ...ren },
        { key: "demand", no: "2", label: "助学资金需求", ...wan },
        { key: "demand_filed", label: "其中：建档在册困难职工家庭子女", indent: 1, ...wan },
        { key: "demand_unfiled", label: "非建档困难职工家庭子女", indent: 1, ...wan },
      ],
    },
    {
      kind: "items",
      key: "provincial",
      title: "二、拟申请省总金秋助学经费（每人不超过2000元）",
      items: [
        { key: "prov_higher", no: "3", label: "非建档困难职工家庭高校在读学生", required: true, ...ren },
        { key: "prov_higher_new", label: "其中：新入学学生", indent: 1, ...ren },
        { key: "prov_higher_amount", label: "拟申请省总金秋助学经费", indent: 1, ...wan },
        { key: "prov_special", no: "4", label: "接受特殊教育的残疾儿童", required: true, ...ren },
        { key: "prov_special_amount", label: "拟申请省总金秋助学经费", indent: 1, ...wan },
      ],
    },
    {
      kind: "items",
      key: "newform",
      title: "三、困难新就业形态劳动者家庭",
      items: [
        { key: "newform", no: "5", label: "其中：困难新就业形态劳动者家庭子女", required: true, ...ren },
        { key: "newform_amount", label: "助学资金需求", indent: 1, ...wan },
      ],
    },
    {
      kind: "items",
      key: "programs",
      title: "四、金牌蓝领、勤工俭学和阳光就业需求",
      items: [
        { key: "bluecollar", no: "6", label: "金牌蓝领：就读中职、高职院校的困难职工家庭子女", required: true, ...ren },
        { key: "summer", no: "7", label: "有意参加暑期专项勤工俭学的在档困难职工家庭高校学生", required: true, ...ren },
        { key: "grads", no: "8", label: "需要就业帮扶的困难职工家庭高校毕业生", required: true, ...ren },
        { key: "grads_fresh", label: "其中：应届毕业生", indent: 1, ...ren },
        { key: "grads_past", label: "往届毕业生", indent: 1, ...ren },
      ],
    },
    {
      kind: "items",
      key: "funds",
      title: "五、资金安排",
      items: [
        { key: "plan_local", no: "9", label: "市县工会帮扶资金拟安排", required: true, ...wan },
        { key: "plan_social", no: "10", label: "已落实的社会捐助资金", required: true, ...wan },
      ],
    },
  ],
  breakdowns: [
    ...hsFiledSplit("applicants", "助学需求人数", "人"),
    ...hsFiledSplit("demand", "助学资金需求", "万元"),
    { total: "prov_higher", parts: ["prov_higher_new"], mode: "partial" },
    { total: "grads", parts: ["grads_fresh", "grads_past"], mode: "exhaustive" },
  ],
  rules: [
    hsProvincialCap("prov-higher-cap", "prov_higher_amount", "prov_higher", "非建档高校在读学生拟申请"),
    hsProvincialCap("prov-special-cap", "prov_special_amount", "prov_special", "残疾儿童拟申请"),
    {
      id: "prov-higher-subset",
      expr: "prov_higher <= applicants_unfiled.higher",
      severity: "error",
      message: "拟申请省总经费的高校在读学生 {left} 人，不能多于第 1 行“非建档·普通高等教育”的 {right} 人",
    },
    {
      id: "prov-special-subset",
      expr: "prov_special <= applicants_unfiled.special",
      severity: "error",
      message: "拟申请省总经费的残疾儿童 {left} 人，不能多于第 1 行“非建档·特殊教育”的 {right} 人",
    },
    {
      id: "prov-higher-amount-subset",
      expr: "prov_higher_amount <= demand_unfiled.higher",
      severity: "error",
      message: "高校在读学生拟申请省总经费 {left} 万元，不能多于第 2 行“非建档·普通高等教育”的资金需求 {right} 万元",
    },
    {
      id: "prov-special-amount-subset",
      expr: "prov_special_amount <= demand_unfiled.special",
      severity: "error",
      message: "残疾儿童拟申请省总经费 {left} 万元，不能多于第 2 行“非建档·特殊教育”的资金需求 {right} 万元",
    },
    hsPair("pair-prov-higher", "prov_higher", "prov_higher_amount", "第 3 项非建档高校在读学生"),
    hsPair("pair-prov-special", "prov_special", "prov_special_amount", "第 4 项接受特殊教育的残疾儿童"),
    {
      id: "newform-subset",
      expr: "newform <= applicants.total",
      severity: "error",
      message: "困难新就业形态劳动者家庭子女 {left} 人，不能多于符合条件的困难职工家庭子女合计 {right} 人",
    },
    {
      id: "newform-amount-subset",
      expr: "newform_amount <= demand.total",
      severity: "error",
      message: "困难新就业形态劳动者家庭子女资金需求 {left} 万元，不能多于助学资金需求合计 {right} 万元",
    },
    hsPair("pair-newform", "newform", "newform_amount", "第 5 项困难新就业形态劳动者家庭子女"),
    {
      id: "bluecollar-subset",
      expr: "bluecollar <= applicants.highschool + applicants.higher",
      severity: "warning",
      message: "金牌蓝领对象 {left} 人，多于高中阶段和普通高等教育阶段的困难职工家庭子女合计 {right} 人，请核实",
    },
    {
      id: "summer-subset",
      expr: "summer <= applicants_filed.higher",
      severity: "warning",
      message: "有意参加暑期勤工俭学的在档高校学生 {left} 人，多于建档在册的普通高等教育阶段子女 {right} 人，请核实",
    },
    {
      id: "fund-gap",
      expr: "demand.total <= prov_higher_amount + prov_special_amount + plan_local + plan_social",
      severity: "warning",
      message:
        "助学资金需求 {left} 万元，超过拟申请省总经费与已安排资金合计 {right} 万元，缺口 {diff} 万元。请在上报说明中写明缺口的解决办法",
    },
    hsAverage("avg-need", "demand.total", "applicants.total", "助学资金需求"),
  ],
};

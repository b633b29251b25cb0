import type { TemplateInput } from "../template";
import { HS_PROVINCIAL_CAP_YUAN, HS_STAGES } from "./hs-2022-need";
import { STANDARD_HEADER } from "./header";

/**
 * 黄工办〔2022〕20号 附件2, a roster of every 助学金 recipient, due 11月30日. The notice
 * lists the attachment's title only; the columns are reconstructed from the notice's
 * text and every assumption is written in `description`.
 */

const [PRESCHOOL, COMPULSORY, HIGHSCHOOL, HIGHER, SPECIAL] = HS_STAGES.map((s) => s.label) as [
  string,
  string,
  string,
  string,
  string,
];

export const HS_FUND_SOURCES = ["省总经费", "市县工会帮扶资金", "社会捐助", "其他"] as const;

/** Ages (whole years at the reference date) plausible for each stage, generous at both ends. */
export const HS_STAGE_AGES: Record<string, readonly [number, number]> = {
  [PRESCHOOL]: [2, 7],
  [COMPULSORY]: [5, 17],
  [HIGHSCHOOL]: [13, 21],
  [HIGHER]: [16, 30],
  [SPECIAL]: [3, 22],
};

const STAGE_RULE_IDS: Record<string, string> = {
  [PRESCHOOL]: "age-preschool",
  [COMPULSORY]: "age-compulsory",
  [HIGHSCHOOL]: "age-highschool",
  [HIGHER]: "age-higher",
  [SPECIAL]: "age-special",
};

const ageRules = Object.entries(HS_STAGE_AGES).map(([stage, [lo, hi]]) => ({
  id: STAGE_RULE_IDS[stage] as string,
  expr: `isblank(idno) or stage != "${stage}" or (age(idno) >= ${lo} and age(idno) <= ${hi})`,
  severity: "error" as const,
  message: `就读阶段为“${stage}”，但按身份证号计算，该学生在 2022 年 9 月 1 日不在 ${lo}～${hi} 周岁之间，请核对身份证号或就读阶段`,
}));

export const HS_2022_ROSTER: TemplateInput = {
  id: "hs-2022-roster",
  version: 1,
  title: "2022年黄山工会金秋助学汇总表",
  issuer: "黄山市总工会",
  docNo: "黄工办〔2022〕20号",
  attachment: "附件2",
  period: "2022",
  dueDate: "2022-11-30",
  referenceDate: "2022-09-01",
  description: [
    "【说明】通知只列出附件2的标题，未印发表样。本表是根据通知正文重建的受助学生名册，以下假设请市总权益保障部确认：",
    "1. 每名获得金秋助学金的学生填一行，11月30日前报市总权益保障部；同一身份证号只能出现一次。",
    "2. 就读阶段可选学前教育、义务教育、高中阶段教育（含中等职业教育）、普通高等教育（含高职、大专），以及“特殊教育（残疾儿童）”；年龄按身份证号计算到2022年9月1日（秋季学期开学），各阶段的合理年龄为：学前教育2～7周岁、义务教育5～17周岁、高中阶段13～21周岁、普通高等教育16～30周岁、特殊教育3～22周岁，超出范围视为填错。",
    "3. “是否建档”区分建档在册困难职工家庭和生活困难但不符合建档条件的家庭；“家庭类型”区分困难职工家庭和困难新就业形态劳动者家庭。",
    "4. 资金来源可选省总经费、市县工会帮扶资金、社会捐助、其他，一名学生只填主要来源一项。使用省总经费的，只能是非建档家庭的普通高等教育在读学生或接受特殊教育的残疾儿童，每人不超过2000元。通知另要求使用省总经费的填写“安徽省工会金秋助学汇总表”，本表不代替该表。",
    "5. 助学金通过银行卡发放，须填写银行卡号（按Luhn校验位检查）和开户行；联系电话填家长手机或固定电话。",
    "6. 助学金额以元为单位，保留两位小数；单人金额不在200～20000元之间时给出警告。",
    "7. 名册最左列的“序号”和名册末尾的“合计”（资助人数、助学金额，及其中使用省总经费的人数和金额）由系统根据名册自动计算，不需填写。名册与附件1（8月31日报送）不在同一模板中，而且附件1只统计到8月底，因此两者之间的一致性不在此校验，由市总在汇总时比对。",
    "8. 入学情况（新入学/在读）用于落实“同等条件优先考虑新入学”，为选填。",
  ].join("\n"),
  header: STANDARD_HEADER,
  sections: [
    {
      kind: "roster",
      key: "roster",
      title: "受助学生名册",
      columns: [
        { key: "name", label: "学生姓名", type: "text", required: true, maxLength: 30 },
        { key: "idno", label: "身份证号", type: "idcard", required: true },
        { key: "school", label: "就读学校", type: "text", required: true, maxLength: 60 },
        { key: "stage", label: "就读阶段", type: "enum", required: true, options: HS_STAGES.map((s) => s.label) },
        { key: "enrolment", label: "入学情况", type: "enum", options: ["新入学", "在读"] },
        { key: "filed", label: "是否建档", type: "enum", required: true, options: ["建档", "非建档"] },
        {
          key: "family",
          label: "家庭类型",
          type: "enum",
          required: true,
          options: ["困难职工家庭", "困难新就业形态劳动者家庭"],
        },
        { key: "parent", label: "家长姓名", type: "text", required: true, maxLength: 30 },
        { key: "employer", label: "家长工作单位", type: "text", maxLength: 60 },
        { key: "source", label: "资金来源", type: "enum", required: true, options: [...HS_FUND_SOURCES] },
        { key: "amount", label: "助学金额", type: "money", required: true, scale: 2, unit: "元", min: 0 },
        { key: "bankcard", label: "银行卡号", type: "bankcard", required: true },
        { key: "bank", label: "开户行", type: "text", required: true, maxLength: 60 },
        { key: "phone", label: "联系电话", type: "phone", required: true },
      ],
      unique: [["idno"]],
      rowRules: [
        {
          id: "prov-cap",
          expr: `source != "省总经费" or amount <= ${HS_PROVINCIAL_CAP_YUAN}`,
          severity: "error",
          message: `资金来源为省总经费的助学金每人不超过 ${HS_PROVINCIAL_CAP_YUAN} 元，本行为 {amount} 元`,
        },
        {
          id: "prov-target",
          expr: `source != "省总经费" or (filed = "非建档" and (stage = "${HIGHER}" or stage = "${SPECIAL}"))`,
          severity: "error",
          message:
            "省总金秋助学经费只用于非建档家庭的高校在读学生和接受特殊教育的残疾儿童；本行为“{filed}”“{stage}”，请改用其他资金来源或核对是否建档、就读阶段",
        },
        {
          id: "amount-positive",
          expr: "isblank(amount) or amount > 0",
          severity: "error",
          message: "助学金额应大于 0 元",
        },
        {
          id: "amount-range",
          expr: "amount <= 0 or (amount >= 200 and amount <= 20000)",
          severity: "warning",
          message:
            "助学金额 {amount} 元不在 200～20000 元之间，请检查是否把“万元”当作“元”填写；如确属实情，请在上报说明中说明",
        },
        ...ageRules,
      ],
    },
    {
      kind: "items",
      key: "summary",
      title: "合计",
      // Determined by the roster: computed, never typed (written as formulas on the sheet).
      items: [
        { key: "total_persons", label: "资助人数合计", unit: "人", type: "integer", calc: "count(roster)" },
        {
          key: "total_amount",
          label: "助学金额合计",
          unit: "元",
          type: "decimal",
          scale: 2,
          calc: "sum(roster.amount)",
        },
        {
          key: "prov_persons",
          label: "其中：使用省总经费资助人数",
          indent: 1,
          unit: "人",
          type: "integer",
          calc: 'count(roster, roster.source = "省总经费")',
        },
        {
          key: "prov_amount",
          label: "其中：使用省总经费发放金额",
          indent: 1,
          unit: "元",
          type: "decimal",
          scale: 2,
          calc: 'sum(roster.amount, roster.source = "省总经费")',
        },
      ],
    },
  ],
};

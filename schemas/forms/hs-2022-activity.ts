import type { TemplateInput } from "../template";
import { HS_STAGE_COLUMNS, HS_STAGES, hsAverage, hsFiledSplit, hsPair, hsProvincialCap } from "./hs-2022-need";
import { STANDARD_HEADER } from "./header";

/**
 * 黄工办〔2022〕20号 附件1, due with the 活动初步总结 on 8月31日. The notice lists the
 * attachment's title only; the fields are reconstructed from the notice's text and
 * every assumption is written in `description`.
 */

const ren = { unit: "人", type: "integer" } as const;
const wan = { unit: "万元", type: "decimal", scale: 2 } as const;

export const HS_2022_ACTIVITY: TemplateInput = {
  id: "hs-2022-activity",
  version: 1,
  title: "2022年黄山工会金秋助学活动情况统计表",
  issuer: "黄山市总工会",
  docNo: "黄工办〔2022〕20号",
  attachment: "附件1",
  period: "2022",
  dueDate: "2022-08-31",
  description: [
    "【说明】通知只列出附件1的标题，未印发表样。本表是根据通知正文重建的，以下假设请市总权益保障部确认：",
    "1. 填报单位为各区县、黄山高新区总工会和黄山风景区工会，8月31日前连同活动初步总结报市总权益保障部，填报截至填报日的累计数。",
    "2. 就读阶段分为学前教育、义务教育、高中阶段教育（含中等职业教育）、普通高等教育（含高职、大专）；“接受特殊教育的残疾儿童”单列一栏，不计入上述阶段，合计栏为五栏之和。",
    "3. “建档”指建档在册困难职工家庭子女（按《黄山市工会困难职工帮扶实施办法（试行）》标准资助），“非建档”指生活困难但不符合建档条件的职工家庭子女；每个阶段两者之和等于该阶段合计。",
    "4. 省总金秋助学经费只用于非建档家庭的高校在读学生（同等条件优先新入学）和接受特殊教育的残疾儿童，每人不超过2000元；假定残疾儿童同样来自非建档家庭，因此省总经费的人数、金额分别不超过表一“非建档”行对应栏目。",
    "5. 资金来源分为省总金秋助学经费、市县工会帮扶资金、社会捐助和其他资金，四项之和等于筹集资金；发放数超过筹集数时给出警告（可能使用了往年结余，附上报说明即可提交）。",
    "6. 通知要求“全面落实助学金、就业补贴等资金银行卡发放”，因此单列“通过银行卡发放的助学金”，少于发放总额时给出警告。",
    "7. 圆梦计划的对象为高校新入学及在读的建档在册困难职工子女，人数不超过表一“建档·普通高等教育”栏；金牌蓝领填校企结对的企业数和结对的中职、高职学生数；暑期专项勤工俭学填参加人数和岗位补贴金额。",
    "8. 阳光就业暖心行动填帮扶的困难职工家庭高校毕业生（分应届、往届）、招聘会场次、提供的岗位数和已实现就业人数。",
    "9. 社会力量参与只作统计，不设校验。",
    "10. 金额单位为万元（保留两位小数）；人均助学金不在200～20000元之间时给出警告。",
  ].join("\n"),
  header: STANDARD_HEADER,
  sections: [
    {
      kind: "grid",
      key: "grants",
      title: "一、助学金发放情况（按就读阶段）",
      columns: HS_STAGE_COLUMNS,
      total: "total",
      rows: [
        { key: "aided", no: "1", label: "资助困难职工家庭子女", ...ren },
        { key: "aided_filed", label: "其中：建档在册困难职工家庭子女", indent: 1, ...ren },
        { key: "aided_unfiled", label: "非建档困难职工家庭子女", indent: 1, ...ren },
        { key: "granted", no: "2", label: "发放助学金", ...wan },
        { key: "granted_filed", label: "其中：建档在册困难职工家庭子女", indent: 1, ...wan },
        { key: "granted_unfiled", label: "非建档困难职工家庭子女", indent: 1, ...wan },
      ],
    },
    {
      kind: "items",
      key: "provincial",
      title: "二、省总金秋助学经费使用情况（每人不超过2000元）",
      items: [
        { key: "prov_higher", no: "3", label: "资助非建档困难职工家庭高校在读学生", required: true, ...ren },
        { key: "prov_higher_new", label: "其中：新入学学生", indent: 1, ...ren },
        { key: "prov_higher_amount", label: "发放省总金秋助学经费", indent: 1, ...wan },
        { key: "prov_special", no: "4", label: "资助接受特殊教育的残疾儿童", required: true, ...ren },
        { key: "prov_special_amount", label: "发放省总金秋助学经费", indent: 1, ...wan },
      ],
    },
    {
      kind: "items",
      key: "funds",
      title: "三、资金筹集与发放",
      items: [
        { key: "raised", no: "5", label: "筹集助学资金", required: true, ...wan },
        { key: "raised_prov", label: "其中：省总金秋助学经费", indent: 1, ...wan },
        { key: "raised_local", label: "市县工会帮扶资金", indent: 1, ...wan },
        { key: "raised_social", label: "社会捐助", indent: 1, ...wan },
        { key: "raised_other", label: "其他资金", indent: 1, ...wan },
        { key: "granted_bankcard", no: "6", label: "通过银行卡发放的助学金", required: true, ...wan },
        { key: "donors", no: "7", label: "参与助学的爱心企业、公益组织", unit: "家", type: "integer" },
        { key: "social_pairs", no: "8", label: "爱心人士、劳模先进人物一帮一结对帮扶困难学子", ...ren },
        { key: "social_posts", no: "9", label: "爱心企业等为困难学子提供实习岗位", unit: "个", type: "integer" },
      ],
    },
    {
      kind: "items",
      key: "programs",
      title: "四、圆梦计划、金牌蓝领和暑期专项勤工俭学",
      items: [
        {
          key: "dream",
          no: "10",
          label: "圆梦计划：资助高校新入学及在读的建档在册困难职工子女",
          required: true,
          ...ren,
        },
        { key: "dream_new", label: "其中：新入学", indent: 1, ...ren },
        {
          key: "dream_posts",
          no: "11",
          label: "圆梦计划：提供勤工俭学岗位",
          required: true,
          unit: "个",
          type: "integer",
        },
        {
          key: "bluecollar_firms",
          no: "12",
          label: "金牌蓝领：参与校企结对的企业",
          required: true,
          unit: "家",
          type: "integer",
        },
        { key: "bluecollar_students", label: "结对帮扶就读中职、高职院校的困难职工子女", indent: 1, ...ren },
        {
          key: "summer_students",
          no: "13",
          label: "暑期专项勤工俭学：参加的在档困难职工家庭高校学生",
          required: true,
          ...ren,
        },
        { key: "summer_subsidy", label: "发放岗位补贴", indent: 1, ...wan },
      ],
    },
    {
      kind: "items",
      key: "jobs",
      title: "五、阳光就业暖心行动",
      items: [
        { key: "grads", no: "14", label: "帮扶困难职工家庭高校毕业生", required: true, ...ren },
        { key: "grads_fresh", label: "其中：应届毕业生", indent: 1, ...ren },
        { key: "grads_past", label: "往届毕业生", indent: 1, ...ren },
        {
          key: "job_fairs",
          no: "15",
          label: "举办校企对接、线上线下招聘会",
          required: true,
          unit: "场",
          type: "integer",
        },
        { key: "fair_posts", no: "16", label: "提供就业岗位", required: true, unit: "个", type: "integer" },
        { key: "grads_employed", no: "17", label: "帮助实现就业的困难职工家庭高校毕业生", required: true, ...ren },
      ],
    },
  ],
  breakdowns: [
    ...hsFiledSplit("aided", "资助人数", "人"),
    ...hsFiledSplit("granted", "发放助学金", "万元"),
    { total: "prov_higher", parts: ["prov_higher_new"], mode: "partial" },
    { total: "raised", parts: ["raised_prov", "raised_local", "raised_social", "raised_other"], mode: "exhaustive" },
    {
      total: "granted.total",
      parts: ["granted_bankcard"],
      mode: "partial",
      message: "通过银行卡发放的助学金 {granted_bankcard} 万元，不能多于发放助学金合计 {granted.total} 万元",
    },
    { total: "dream", parts: ["dream_new"], mode: "partial" },
    { total: "grads", parts: ["grads_fresh", "grads_past"], mode: "exhaustive" },
  ],
  rules: [
    ...HS_STAGES.map((s) => hsPair(`pair-grant-${s.key}`, `aided.${s.key}`, `granted.${s.key}`, `表一“${s.label}”栏`)),
    hsAverage("avg-grant", "granted.total", "aided.total", "助学金"),
    hsProvincialCap("prov-higher-cap", "prov_higher_amount", "prov_higher", "向非建档高校在读学生发放的"),
    hsProvincialCap("prov-special-cap", "prov_special_amount", "prov_special", "向残疾儿童发放的"),
    {
      id: "prov-higher-subset",
      expr: "prov_higher <= aided_unfiled.higher",
      severity: "error",
      message: "省总经费资助的高校在读学生 {left} 人，不能多于表一“非建档·普通高等教育”的 {right} 人",
    },
    {
      id: "prov-special-subset",
      expr: "prov_special <= aided_unfiled.special",
      severity: "error",
      message: "省总经费资助的残疾儿童 {left} 人，不能多于表一“非建档·特殊教育”的 {right} 人",
    },
    {
      id: "prov-higher-amount-subset",
      expr: "prov_higher_amount <= granted_unfiled.higher",
      severity: "error",
      message: "向高校在读学生发放的省总经费 {left} 万元，不能多于表一“非建档·普通高等教育”的发放金额 {right} 万元",
    },
    {
      id: "prov-special-amount-subset",
      expr: "prov_special_amount <= granted_unfiled.special",
      severity: "error",
      message: "向残疾儿童发放的省总经费 {left} 万元，不能多于表一“非建档·特殊教育”的发放金额 {right} 万元",
    },
    hsPair("pair-prov-higher", "prov_higher", "prov_higher_amount", "第 3 项非建档高校在读学生"),
    hsPair("pair-prov-special", "prov_special", "prov_special_amount", "第 4 项接受特殊教育的残疾儿童"),
    {
      id: "prov-over-raised",
      expr: "prov_higher_amount + prov_special_amount <= raised_prov",
      severity: "warning",
      message:
        "已发放省总金秋助学经费 {left} 万元，超过筹集的省总经费 {right} 万元（多 {diff} 万元），请核实或在上报说明中说明",
    },
    {
      id: "grant-over-raised",
      expr: "granted.total <= raised",
      severity: "warning",
      message:
        "发放助学金 {left} 万元，超过筹集助学资金 {right} 万元（多 {diff} 万元）。如使用了往年结余资金，请在上报说明中写明",
    },
    {
      id: "bankcard-all",
      expr: "granted_bankcard >= granted.total",
      severity: "warning",
      message:
        "发放助学金 {right} 万元中只有 {left} 万元通过银行卡发放。通知要求全面落实银行卡发放，请在上报说明中说明原因",
    },
    {
      id: "dream-subset",
      expr: "dream <= aided_filed.higher",
      severity: "error",
      message: "圆梦计划资助 {left} 人，不能多于表一“建档·普通高等教育”的 {right} 人",
    },
    {
      id: "bluecollar-needs-firms",
      expr: "bluecollar_students = 0 or bluecollar_firms > 0",
      severity: "error",
      message: "金牌蓝领结对帮扶了 {bluecollar_students} 名学生，但参与校企结对的企业为 0 家，请填写企业数",
    },
    hsPair("pair-summer", "summer_students", "summer_subsidy", "第 13 项暑期专项勤工俭学"),
    {
      id: "employed-subset",
      expr: "grads_employed <= grads",
      severity: "error",
      message: "帮助实现就业的毕业生 {left} 人，不能多于帮扶的困难职工家庭高校毕业生 {right} 人",
    },
  ],
};

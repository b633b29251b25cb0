/** Templates for the add-in tests: the official ones, plus a small one for edge cases. */
import { HS_2022_NEED, HS_2022_ROSTER, SH_2014_JQZX } from "../../schemas/forms/index";
import { Template, type TemplateInput } from "../../schemas/template";

export const shanghaiJqzx = (): Template => Template.parse(SH_2014_JQZX);
export const huangshanNeed = (): Template => Template.parse(HS_2022_NEED);
export const huangshanRoster = (): Template => Template.parse(HS_2022_ROSTER);

/** 48 district names: a dropdown whose options joined pass Excel's 255-character inline limit. */
export const LONG_OPTIONS = Array.from({ length: 48 }, (_, i) => `第${i + 1}号街道工会联合会`);

const EDGE: TemplateInput = {
  id: "test-edge",
  version: 1,
  title: "测试表：边界情况",
  issuer: "测试总工会",
  docNo: "测工〔2024〕1号",
  period: "2024",
  dueDate: "2024-06-30",
  header: [{ key: "unit", label: "填报单位", type: "text" }],
  sections: [
    {
      kind: "grid",
      key: "posts",
      title: "岗位",
      columns: [
        { key: "total", label: "合计" },
        { key: "city", label: "市内" },
        { key: "other", label: "外省市" },
      ],
      total: "total",
      totalMode: "partial",
      rows: [{ key: "jobs", no: "1", label: "提供岗位", unit: "个", type: "integer" }],
    },
    {
      kind: "list",
      key: "roster",
      title: "名册",
      maxRows: 3,
      columns: [
        { key: "district", label: "所在街道", type: "enum", options: LONG_OPTIONS },
        { key: "idno", label: "身份证号", type: "idcard" },
        { key: "card", label: "银行卡号", type: "bankcard" },
        { key: "paid", label: "发放日期", type: "date" },
        { key: "amount", label: "金额", type: "money" },
      ],
    },
  ],
};

export const edgeTemplate = (): Template => Template.parse(EDGE);

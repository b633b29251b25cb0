/**
 * A form that uses every construct of the rule language the checks compile —
 * not, if() over blanks, abs/min/max/round/sum, unary minus, conditions
 * compared, isblank, division, case-sensitive text, quotes in text, gender(),
 * messages with {left} {right} {diff}, names and unknown placeholders — and a
 * few rules that cannot be compiled, each for its own reason.
 */
import type { TemplateInput } from "../../../../schemas/template";

const wan = { unit: "万元", type: "decimal", scale: 2 } as const;
const ren = { unit: "人", type: "integer" } as const;

export const RULE_TOUR: TemplateInput = {
  id: "rule-tour",
  version: 1,
  title: "规则语言样例表",
  issuer: "测试",
  docNo: "测试〔2026〕1号",
  period: "2026",
  dueDate: "2022-09-01",
  header: [{ key: "kind", label: "类别", type: "enum", options: ["Ab", "ab", 'x"y', "乙"] }],
  sections: [
    {
      kind: "items",
      key: "main",
      items: [
        { key: "a", no: "1", label: "甲", ...wan },
        { key: "b", no: "2", label: "乙", ...wan },
        { key: "c", no: "3", label: "丙", ...ren },
        { key: "d", no: "4", label: "丁", unit: "万元", type: "decimal", scale: 3, min: -100, max: 5000 },
        { key: "e", no: "5", label: "戊", ...ren, min: -20 },
        { key: "note", no: "6", label: "合计", ...wan, calc: "a + b" },
      ],
    },
    {
      kind: "roster",
      key: "people",
      title: "人员名册",
      columns: [
        { key: "name", label: "姓名", type: "text", maxLength: 30 },
        { key: "idno", label: "身份证号", type: "idcard" },
        { key: "sort", label: "类型", type: "enum", options: ["甲类", "乙类"] },
        { key: "amount", label: "金额", type: "money", scale: 2, min: -1000 },
        { key: "times", label: "次数", type: "integer" },
      ],
      rowRules: [
        {
          id: "row-gender",
          expr: 'isblank(idno) or gender(idno) = "女" or amount <= 100',
          severity: "error",
          message: "男性 {idno} 的金额 {amount} 元超过 100 元（{sort}）",
        },
        {
          id: "row-age",
          expr: "isblank(idno) or age(idno) >= 7",
          severity: "warning",
          message: "年龄不足 7 岁：{idno}",
        },
        {
          id: "row-per",
          expr: "times = 0 or amount / times <= 50",
          severity: "warning",
          message: "每次超过 50 元：{amount} 元 ÷ {times} 次",
        },
        {
          id: "row-side",
          expr: "people.amount + c >= times",
          severity: "error",
          message: "{left} 小于 {right}（差 {diff}），{c} 人",
        },
        { id: "row-text", expr: 'sort != "乙类" or not isblank(name)', severity: "error", message: "乙类要写姓名" },
        { id: "row-name", expr: "amount >= 0", severity: "warning", message: "{name} 的金额为负" },
      ],
    },
  ],
  rules: [
    { id: "not", expr: "not (a > b)", severity: "error", message: "甲 {a} 大于乙 {b}" },
    {
      id: "if-blank",
      expr: "if(c > 0, a, b) >= 1",
      severity: "warning",
      message: "取值 {left} 小于 {right}，相差 {diff}（{unknown}）",
    },
    { id: "abs", expr: "abs(a - d) <= 0.5", severity: "error", message: "{left} 超过 {right}（差 {diff} 万元）" },
    { id: "min-max", expr: "min(a, d) + max(e, 1) != 7.25", severity: "warning", message: "恰好为 {left}" },
    { id: "round", expr: "round(d, 1) = round(a, 1)", severity: "error", message: "{left} ≠ {right}，差 {diff}" },
    {
      id: "sum",
      expr: "sum(a, b, d) = a + b + d and -e <= c",
      severity: "error",
      message: "不应出现：{a} {b} {d} {e} {c}",
    },
    { id: "cond-eq", expr: "(a > 1) = (c > 1)", severity: "warning", message: "甲与丙不同时大于 1" },
    { id: "isblank", expr: "isblank(a) or a >= 0.01", severity: "error", message: "甲为 {a}" },
    { id: "divide", expr: "d / 3 <= a", severity: "warning", message: "丁的三分之一超过甲 {a}" },
    { id: "divide-eq", expr: "c = 0 or a * 10000 / c = 200", severity: "warning", message: "人均不是 200 元" },
    { id: "case", expr: 'header.kind != "ab"', severity: "error", message: "类别为 {header.kind}" },
    { id: "quote", expr: "header.kind != 'x\"y'", severity: "warning", message: "类别为 {left}，不能是 {right}" },
    { id: "neg", expr: "e >= -5 or d < 0", severity: "error", message: "戊 {e} 太小，丁 {d}" },
    // Not compiled, each for its reason.
    { id: "x-aggregate", expr: "count(people) <= c", severity: "error", message: "名册 {left} 行" },
    { id: "x-calc", expr: "note <= 100", severity: "warning", message: "合计过大" },
    { id: "x-order", expr: 'header.kind < "b"', severity: "warning", message: "排序" },
    { id: "x-divide-side", expr: "d / 3 <= a", severity: "warning", message: "{left} 超过 {right}" },
    { id: "x-divide-inner", expr: "round(d / 3, 1) <= a", severity: "warning", message: "超过" },
  ],
};

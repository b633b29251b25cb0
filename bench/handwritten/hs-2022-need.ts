/** 黄山 金秋助学资金需求情况汇总表, checked by hand. See ./common.ts. */
import {
  at,
  atMost,
  average,
  breakdown,
  cellRank,
  finish,
  fire,
  fmt,
  keys,
  MAX,
  pair,
  parseAll,
  published,
  tableOf,
  type Problem,
} from "./common";
import { filedSplit, gridTotals, hsAverageText, hsPairText, provincialCap, row } from "./hs";

const T = tableOf(published("hs-2022-need"));
const k = (key: string) => at(T, key);

const APPLICANTS = row(T, "applicants");
const APPLICANTS_FILED = row(T, "applicants_filed");
const APPLICANTS_UNFILED = row(T, "applicants_unfiled");
const DEMAND = row(T, "demand");
const DEMAND_FILED = row(T, "demand_filed");
const DEMAND_UNFILED = row(T, "demand_unfiled");
const [TOTAL, , , HIGHSCHOOL, HIGHER, SPECIAL] = [0, 1, 2, 3, 4, 5];
const ROWS: [string, string, number[]][] = [
  ["applicants", "符合条件的困难职工家庭子女", APPLICANTS],
  ["applicants_filed", "建档在册困难职工家庭子女", APPLICANTS_FILED],
  ["applicants_unfiled", "非建档困难职工家庭子女", APPLICANTS_UNFILED],
  ["demand", "助学资金需求", DEMAND],
  ["demand_filed", "建档在册困难职工家庭子女", DEMAND_FILED],
  ["demand_unfiled", "非建档困难职工家庭子女", DEMAND_UNFILED],
];

const PROV_HIGHER = k("prov_higher");
const PROV_HIGHER_NEW = k("prov_higher_new");
const PROV_HIGHER_AMOUNT = k("prov_higher_amount");
const PROV_SPECIAL = k("prov_special");
const PROV_SPECIAL_AMOUNT = k("prov_special_amount");
const NEWFORM = k("newform");
const NEWFORM_AMOUNT = k("newform_amount");
const BLUECOLLAR = k("bluecollar");
const SUMMER = k("summer");
const GRADS = k("grads");
const GRADS_PARTS = [k("grads_fresh"), k("grads_past")];
const PLAN_LOCAL = k("plan_local");
const PLAN_SOCIAL = k("plan_social");
const FUNDS = [PROV_HIGHER_AMOUNT, PROV_SPECIAL_AMOUNT, PLAN_LOCAL, PLAN_SOCIAL];

export function check(values: Record<string, string>): Problem[] {
  const out: Problem[] = [];
  const c = parseAll(T, values, out);
  const v = c.v;
  const A = APPLICANTS;
  const D = DEMAND;

  filedSplit(T, c, out, "applicants", "助学需求人数", "人", A, APPLICANTS_FILED, APPLICANTS_UNFILED);
  filedSplit(T, c, out, "demand", "助学资金需求", "万元", D, DEMAND_FILED, DEMAND_UNFILED);
  breakdown(T, c, out, "parts:prov_higher", PROV_HIGHER, [PROV_HIGHER_NEW], false);
  breakdown(T, c, out, "parts:grads", GRADS, GRADS_PARTS, true);
  gridTotals(T, c, out, ROWS);

  provincialCap(T, c, out, "prov-higher-cap", PROV_HIGHER_AMOUNT, PROV_HIGHER, "非建档高校在读学生拟申请");
  provincialCap(T, c, out, "prov-special-cap", PROV_SPECIAL_AMOUNT, PROV_SPECIAL, "残疾儿童拟申请");
  atMost(
    T,
    c,
    out,
    "prov-higher-subset",
    "error",
    PROV_HIGHER,
    APPLICANTS_UNFILED[HIGHER] as number,
    (l, r) => `拟申请省总经费的高校在读学生 ${l} 人，不能多于第 1 行“非建档·普通高等教育”的 ${r} 人`,
  );
  atMost(
    T,
    c,
    out,
    "prov-special-subset",
    "error",
    PROV_SPECIAL,
    APPLICANTS_UNFILED[SPECIAL] as number,
    (l, r) => `拟申请省总经费的残疾儿童 ${l} 人，不能多于第 1 行“非建档·特殊教育”的 ${r} 人`,
  );
  atMost(
    T,
    c,
    out,
    "prov-higher-amount-subset",
    "error",
    PROV_HIGHER_AMOUNT,
    DEMAND_UNFILED[HIGHER] as number,
    (l, r) => `高校在读学生拟申请省总经费 ${l} 万元，不能多于第 2 行“非建档·普通高等教育”的资金需求 ${r} 万元`,
  );
  atMost(
    T,
    c,
    out,
    "prov-special-amount-subset",
    "error",
    PROV_SPECIAL_AMOUNT,
    DEMAND_UNFILED[SPECIAL] as number,
    (l, r) => `残疾儿童拟申请省总经费 ${l} 万元，不能多于第 2 行“非建档·特殊教育”的资金需求 ${r} 万元`,
  );
  pair(T, c, out, "pair-prov-higher", PROV_HIGHER, PROV_HIGHER_AMOUNT, hsPairText("第 3 项非建档高校在读学生"));
  pair(T, c, out, "pair-prov-special", PROV_SPECIAL, PROV_SPECIAL_AMOUNT, hsPairText("第 4 项接受特殊教育的残疾儿童"));
  atMost(
    T,
    c,
    out,
    "newform-subset",
    "error",
    NEWFORM,
    A[TOTAL] as number,
    (l, r) => `困难新就业形态劳动者家庭子女 ${l} 人，不能多于符合条件的困难职工家庭子女合计 ${r} 人`,
  );
  atMost(
    T,
    c,
    out,
    "newform-amount-subset",
    "error",
    NEWFORM_AMOUNT,
    D[TOTAL] as number,
    (l, r) => `困难新就业形态劳动者家庭子女资金需求 ${l} 万元，不能多于助学资金需求合计 ${r} 万元`,
  );
  pair(T, c, out, "pair-newform", NEWFORM, NEWFORM_AMOUNT, hsPairText("第 5 项困难新就业形态劳动者家庭子女"));

  // bluecollar <= applicants.highschool + applicants.higher (warning)
  const hs = A[HIGHSCHOOL] as number;
  const hi = A[HIGHER] as number;
  if (c.ok3(BLUECOLLAR, hs, hi)) {
    const right = (v[hs] as number) + (v[hi] as number);
    if (right <= MAX && (v[BLUECOLLAR] as number) > right) {
      fire(
        out,
        "bluecollar-subset",
        "warning",
        keys(T, [BLUECOLLAR, hs, hi]),
        `金牌蓝领对象 ${v[BLUECOLLAR]} 人，多于高中阶段和普通高等教育阶段的困难职工家庭子女合计 ${right} 人，请核实`,
      );
    }
  }
  atMost(
    T,
    c,
    out,
    "summer-subset",
    "warning",
    SUMMER,
    APPLICANTS_FILED[HIGHER] as number,
    (l, r) => `有意参加暑期勤工俭学的在档高校学生 ${l} 人，多于建档在册的普通高等教育阶段子女 ${r} 人，请核实`,
  );

  // demand.total <= prov_higher_amount + prov_special_amount + plan_local + plan_social (warning)
  const demand = D[TOTAL] as number;
  if (c.okAll(FUNDS) && c.st[demand] !== 2) {
    const funds =
      (v[PROV_HIGHER_AMOUNT] as number) +
      (v[PROV_SPECIAL_AMOUNT] as number) +
      (v[PLAN_LOCAL] as number) +
      (v[PLAN_SOCIAL] as number);
    const need = v[demand] as number;
    if (funds <= MAX && need > funds) {
      fire(
        out,
        "fund-gap",
        "warning",
        keys(T, [demand, ...FUNDS]),
        `助学资金需求 ${fmt(need, 2)} 万元，超过拟申请省总经费与已安排资金合计 ${fmt(funds, 2)} 万元，缺口 ${fmt(need - funds, 2)} 万元。请在上报说明中写明缺口的解决办法`,
      );
    }
  }
  average(T, c, out, "avg-need", D[TOTAL] as number, A[TOTAL] as number, 200, 20000, hsAverageText("助学资金需求"));

  return finish(out, cellRank(T));
}

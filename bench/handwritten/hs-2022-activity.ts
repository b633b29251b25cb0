/** 黄山 附件1 金秋助学活动情况统计表, checked by hand. See ./common.ts. */
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
import { filedSplit, gridTotals, hsAverageText, hsPairText, provincialCap, row, STAGE_LABELS, STAGES } from "./hs";

const T = tableOf(published("hs-2022-activity"));
const k = (key: string) => at(T, key);

const AIDED = row(T, "aided");
const AIDED_FILED = row(T, "aided_filed");
const AIDED_UNFILED = row(T, "aided_unfiled");
const GRANTED = row(T, "granted");
const GRANTED_FILED = row(T, "granted_filed");
const GRANTED_UNFILED = row(T, "granted_unfiled");
const [TOTAL, , , , HIGHER, SPECIAL] = [0, 1, 2, 3, 4, 5];
const ROWS: [string, string, number[]][] = [
  ["aided", "资助困难职工家庭子女", AIDED],
  ["aided_filed", "建档在册困难职工家庭子女", AIDED_FILED],
  ["aided_unfiled", "非建档困难职工家庭子女", AIDED_UNFILED],
  ["granted", "发放助学金", GRANTED],
  ["granted_filed", "建档在册困难职工家庭子女", GRANTED_FILED],
  ["granted_unfiled", "非建档困难职工家庭子女", GRANTED_UNFILED],
];
const STAGE_PAIR_TEXT = STAGE_LABELS.map((label) => hsPairText(`表一“${label}”栏`));

const PROV_HIGHER = k("prov_higher");
const PROV_HIGHER_NEW = k("prov_higher_new");
const PROV_HIGHER_AMOUNT = k("prov_higher_amount");
const PROV_SPECIAL = k("prov_special");
const PROV_SPECIAL_AMOUNT = k("prov_special_amount");
const RAISED = k("raised");
const RAISED_PROV = k("raised_prov");
const RAISED_PARTS = [RAISED_PROV, k("raised_local"), k("raised_social"), k("raised_other")];
const GRANTED_BANKCARD = k("granted_bankcard");
const DREAM = k("dream");
const DREAM_NEW = k("dream_new");
const BLUECOLLAR_FIRMS = k("bluecollar_firms");
const BLUECOLLAR_STUDENTS = k("bluecollar_students");
const SUMMER_STUDENTS = k("summer_students");
const SUMMER_SUBSIDY = k("summer_subsidy");
const GRADS = k("grads");
const GRADS_PARTS = [k("grads_fresh"), k("grads_past")];
const GRADS_EMPLOYED = k("grads_employed");

export function check(values: Record<string, string>): Problem[] {
  const out: Problem[] = [];
  const c = parseAll(T, values, out);
  const v = c.v;
  const grantedTotal = GRANTED[TOTAL] as number;

  filedSplit(T, c, out, "aided", "资助人数", "人", AIDED, AIDED_FILED, AIDED_UNFILED);
  filedSplit(T, c, out, "granted", "发放助学金", "万元", GRANTED, GRANTED_FILED, GRANTED_UNFILED);
  breakdown(T, c, out, "parts:prov_higher", PROV_HIGHER, [PROV_HIGHER_NEW], false);
  breakdown(T, c, out, "parts:raised", RAISED, RAISED_PARTS, true);
  breakdown(
    T,
    c,
    out,
    "parts:granted.total",
    grantedTotal,
    [GRANTED_BANKCARD],
    false,
    () =>
      `通过银行卡发放的助学金 ${fmt(v[GRANTED_BANKCARD] as number, 2)} 万元，不能多于发放助学金合计 ${fmt(v[grantedTotal] as number, 2)} 万元`,
  );
  breakdown(T, c, out, "parts:dream", DREAM, [DREAM_NEW], false);
  breakdown(T, c, out, "parts:grads", GRADS, GRADS_PARTS, true);
  gridTotals(T, c, out, ROWS);

  for (let s = 1; s <= 5; s++) {
    pair(
      T,
      c,
      out,
      `pair-grant-${STAGES[s - 1]}`,
      AIDED[s] as number,
      GRANTED[s] as number,
      STAGE_PAIR_TEXT[s - 1] as (n: string, a: string) => string,
    );
  }
  average(T, c, out, "avg-grant", grantedTotal, AIDED[TOTAL] as number, 200, 20000, hsAverageText("助学金"));
  provincialCap(T, c, out, "prov-higher-cap", PROV_HIGHER_AMOUNT, PROV_HIGHER, "向非建档高校在读学生发放的");
  provincialCap(T, c, out, "prov-special-cap", PROV_SPECIAL_AMOUNT, PROV_SPECIAL, "向残疾儿童发放的");
  atMost(
    T,
    c,
    out,
    "prov-higher-subset",
    "error",
    PROV_HIGHER,
    AIDED_UNFILED[HIGHER] as number,
    (l, r) => `省总经费资助的高校在读学生 ${l} 人，不能多于表一“非建档·普通高等教育”的 ${r} 人`,
  );
  atMost(
    T,
    c,
    out,
    "prov-special-subset",
    "error",
    PROV_SPECIAL,
    AIDED_UNFILED[SPECIAL] as number,
    (l, r) => `省总经费资助的残疾儿童 ${l} 人，不能多于表一“非建档·特殊教育”的 ${r} 人`,
  );
  atMost(
    T,
    c,
    out,
    "prov-higher-amount-subset",
    "error",
    PROV_HIGHER_AMOUNT,
    GRANTED_UNFILED[HIGHER] as number,
    (l, r) => `向高校在读学生发放的省总经费 ${l} 万元，不能多于表一“非建档·普通高等教育”的发放金额 ${r} 万元`,
  );
  atMost(
    T,
    c,
    out,
    "prov-special-amount-subset",
    "error",
    PROV_SPECIAL_AMOUNT,
    GRANTED_UNFILED[SPECIAL] as number,
    (l, r) => `向残疾儿童发放的省总经费 ${l} 万元，不能多于表一“非建档·特殊教育”的发放金额 ${r} 万元`,
  );
  pair(T, c, out, "pair-prov-higher", PROV_HIGHER, PROV_HIGHER_AMOUNT, hsPairText("第 3 项非建档高校在读学生"));
  pair(T, c, out, "pair-prov-special", PROV_SPECIAL, PROV_SPECIAL_AMOUNT, hsPairText("第 4 项接受特殊教育的残疾儿童"));

  // prov_higher_amount + prov_special_amount <= raised_prov (warning)
  if (c.ok3(PROV_HIGHER_AMOUNT, PROV_SPECIAL_AMOUNT, RAISED_PROV)) {
    const spent = (v[PROV_HIGHER_AMOUNT] as number) + (v[PROV_SPECIAL_AMOUNT] as number);
    const raised = v[RAISED_PROV] as number;
    if (spent <= MAX && spent > raised) {
      fire(
        out,
        "prov-over-raised",
        "warning",
        keys(T, [PROV_HIGHER_AMOUNT, PROV_SPECIAL_AMOUNT, RAISED_PROV]),
        `已发放省总金秋助学经费 ${fmt(spent, 2)} 万元，超过筹集的省总经费 ${fmt(raised, 2)} 万元（多 ${fmt(spent - raised, 2)} 万元），请核实或在上报说明中说明`,
      );
    }
  }
  atMost(
    T,
    c,
    out,
    "grant-over-raised",
    "warning",
    grantedTotal,
    RAISED,
    (l, r, d) =>
      `发放助学金 ${l} 万元，超过筹集助学资金 ${r} 万元（多 ${d} 万元）。如使用了往年结余资金，请在上报说明中写明`,
  );
  // granted_bankcard >= granted.total (warning)
  if (c.ok2(GRANTED_BANKCARD, grantedTotal) && (v[GRANTED_BANKCARD] as number) < (v[grantedTotal] as number)) {
    fire(
      out,
      "bankcard-all",
      "warning",
      keys(T, [GRANTED_BANKCARD, grantedTotal]),
      `发放助学金 ${fmt(v[grantedTotal] as number, 2)} 万元中只有 ${fmt(v[GRANTED_BANKCARD] as number, 2)} 万元通过银行卡发放。通知要求全面落实银行卡发放，请在上报说明中说明原因`,
    );
  }
  atMost(
    T,
    c,
    out,
    "dream-subset",
    "error",
    DREAM,
    AIDED_FILED[HIGHER] as number,
    (l, r) => `圆梦计划资助 ${l} 人，不能多于表一“建档·普通高等教育”的 ${r} 人`,
  );
  // bluecollar_students = 0 or bluecollar_firms > 0
  if (
    c.ok2(BLUECOLLAR_STUDENTS, BLUECOLLAR_FIRMS) &&
    v[BLUECOLLAR_STUDENTS] !== 0 &&
    !((v[BLUECOLLAR_FIRMS] as number) > 0)
  ) {
    fire(
      out,
      "bluecollar-needs-firms",
      "error",
      keys(T, [BLUECOLLAR_STUDENTS, BLUECOLLAR_FIRMS]),
      `金牌蓝领结对帮扶了 ${v[BLUECOLLAR_STUDENTS]} 名学生，但参与校企结对的企业为 0 家，请填写企业数`,
    );
  }
  pair(T, c, out, "pair-summer", SUMMER_STUDENTS, SUMMER_SUBSIDY, hsPairText("第 13 项暑期专项勤工俭学"));
  atMost(
    T,
    c,
    out,
    "employed-subset",
    "error",
    GRADS_EMPLOYED,
    GRADS,
    (l, r) => `帮助实现就业的毕业生 ${l} 人，不能多于帮扶的困难职工家庭高校毕业生 ${r} 人`,
  );

  return finish(out, cellRank(T));
}

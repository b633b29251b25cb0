/** 沪工总保〔2014〕156号 附件2 (阳光就业), checked by hand. See ./common.ts. */
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

const T = tableOf(published("sh-2014-ygjy"));
const k = (key: string) => at(T, key);

const GRADS = k("grads");
const GRADS_FRESH = k("grads_fresh");
const GRADS_PAST = k("grads_past");
const GRADS_SELF = k("grads_self");
const GRADS_NEED = k("grads_need");
const JOB_FAIRS = k("job_fairs");
const FAIR_POSTS = k("fair_posts");
const LOAN_TIMES = k("loan_times");
const LOAN_AMOUNT = k("loan_amount");
const JOBHUNT_TIMES = k("jobhunt_times");
const JOBHUNT_AMOUNT = k("jobhunt_amount");
const FRESH_UNSIGNED = k("fresh_unsigned");
const PAST_UNEMPLOYED = k("past_unemployed");

export function check(values: Record<string, string>): Problem[] {
  const out: Problem[] = [];
  const c = parseAll(T, values, out);
  const v = c.v;

  breakdown(
    T,
    c,
    out,
    "parts:grads",
    GRADS,
    [GRADS_FRESH, GRADS_PAST],
    true,
    () =>
      `第 1 项（1）应届毕业生 ${v[GRADS_FRESH]} 人与往届毕业生 ${v[GRADS_PAST]} 人之和应等于困难职工家庭高校毕业生总数 ${v[GRADS]} 人`,
  );

  // grads_self + grads_need = grads
  if (c.ok3(GRADS_SELF, GRADS_NEED, GRADS)) {
    const split = (v[GRADS_SELF] as number) + (v[GRADS_NEED] as number);
    const grads = v[GRADS] as number;
    if (split <= MAX && split !== grads) {
      fire(
        out,
        "grads-employment-split",
        "error",
        keys(T, [GRADS_SELF, GRADS_NEED, GRADS]),
        `第 1 项（2）已自谋职业与需要就业帮扶之和为 ${split} 人，应等于困难职工家庭高校毕业生总数 ${grads} 人（相差 ${Math.abs(split - grads)} 人）`,
      );
    }
  }

  atMost(
    T,
    c,
    out,
    "fresh-unsigned-subset",
    "error",
    FRESH_UNSIGNED,
    GRADS_FRESH,
    (l, r) => `第 10 项尚未签约就业的应届毕业生 ${l} 人，不能多于第 1 项（1）应届毕业生 ${r} 人`,
  );
  atMost(
    T,
    c,
    out,
    "past-unemployed-subset",
    "error",
    PAST_UNEMPLOYED,
    GRADS_PAST,
    (l, r) => `第 11 项往届未就业的毕业生 ${l} 人，不能多于第 1 项（1）往届毕业生 ${r} 人`,
  );
  pair(
    T,
    c,
    out,
    "pair-loan",
    LOAN_TIMES,
    LOAN_AMOUNT,
    (n, a) => `第 6(3) 项小额担保贷款的人次和金额应同时填写（现为 ${n} 人次、${a} 元）`,
  );
  pair(
    T,
    c,
    out,
    "pair-jobhunt",
    JOBHUNT_TIMES,
    JOBHUNT_AMOUNT,
    (n, a) => `第 9 项资助求职的人次和发放的求职补贴应同时填写（现为 ${n} 人次、${a} 万元）`,
  );
  average(
    T,
    c,
    out,
    "avg-jobhunt",
    JOBHUNT_AMOUNT,
    JOBHUNT_TIMES,
    100,
    5000,
    (a, n) =>
      `第 9 项每人次求职补贴（${a} 万元 ÷ ${n} 人次）不在 100～5000 元之间，请检查是否把“元”填成了“万元”；如确属实情，请在上报说明中说明`,
  );

  // fair_posts = 0 or job_fairs > 0
  if (c.ok2(FAIR_POSTS, JOB_FAIRS) && v[FAIR_POSTS] !== 0 && !((v[JOB_FAIRS] as number) > 0)) {
    fire(
      out,
      "fair-posts-need-fairs",
      "warning",
      keys(T, [FAIR_POSTS, JOB_FAIRS]),
      `第 4 项提供了就业岗位 ${fmt(v[FAIR_POSTS] as number, 0)} 个，但举办的招聘会等活动为 0 场，请核实；岗位如通过其他途径提供，请在上报说明中写明`,
    );
  }

  return finish(out, cellRank(T));
}

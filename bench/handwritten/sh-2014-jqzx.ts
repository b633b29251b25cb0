/** 沪工总保〔2014〕156号 附件1 (金秋助学), checked by hand. See ./common.ts. */
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
  pair,
  parseAll,
  published,
  tableOf,
  type Problem,
} from "./common";

const T = tableOf(published("sh-2014-jqzx"));
const k = (key: string) => at(T, key);
const stages = (p: string) => [k(`${p}_primary`), k(`${p}_secondary`), k(`${p}_college`)];

const RAISED = k("raised");
const RAISED_PARTS = [k("raised_gov"), k("raised_social"), k("raised_union")];
const GRANTED = k("granted");
const ENROLLED = k("enrolled");
const AIDED = k("aided");
const MW_AIDED = k("mw_aided");
const MW_GRANTED = k("mw_granted");
const [MW_AIDED_PRIMARY, MW_AIDED_SECONDARY, MW_AIDED_COLLEGE] = stages("mw_aided") as [number, number, number];
const [MW_GRANTED_PRIMARY, MW_GRANTED_SECONDARY, MW_GRANTED_COLLEGE] = stages("mw_granted") as [number, number, number];
const GRANTED_STAGES = stages("granted");
const ENROLLED_STAGES = stages("enrolled");
const AIDED_STAGES = stages("aided");
const MW_AIDED_STAGES = stages("mw_aided");
const MW_GRANTED_STAGES = stages("mw_granted");
const SM_AIDED = k("sm_aided");
const SM_GRANTED = k("sm_granted");
const POSTS_UNITS = k("posts_units");
const POSTS = k("posts");

const pairText = (what: string) => (n: string, a: string) =>
  `${what}：填写了人数就必须填写发放助学款，填写了助学款也必须填写人数（现为 ${n} 人、${a} 万元）`;
const averageText = (what: string) => (a: string, n: string) =>
  `${what}人均助学款（${a} 万元 ÷ ${n} 人）不在 200～20000 元之间，请检查是否把“元”填成了“万元”或人数有误；如确属实情，请在上报说明中说明`;

export function check(values: Record<string, string>): Problem[] {
  const out: Problem[] = [];
  const c = parseAll(T, values, out);
  const v = c.v;

  breakdown(T, c, out, "parts:raised", RAISED, RAISED_PARTS, true);
  breakdown(T, c, out, "parts:granted", GRANTED, GRANTED_STAGES, true);
  breakdown(T, c, out, "parts:enrolled", ENROLLED, ENROLLED_STAGES, true);
  breakdown(T, c, out, "parts:aided", AIDED, AIDED_STAGES, true);
  breakdown(T, c, out, "parts:mw_aided", MW_AIDED, MW_AIDED_STAGES, true);
  breakdown(
    T,
    c,
    out,
    "parts:mw_granted",
    MW_GRANTED,
    MW_GRANTED_STAGES,
    true,
    () =>
      `第 5 项向困难农民工子女共发放助学款 ${fmt(v[MW_GRANTED] as number, 2)} 万元，应等于各学段发放助学款之和（${fmt(v[MW_GRANTED_PRIMARY] as number, 2)} + ${fmt(v[MW_GRANTED_SECONDARY] as number, 2)} + ${fmt(v[MW_GRANTED_COLLEGE] as number, 2)} 万元）`,
  );

  atMost(
    T,
    c,
    out,
    "granted-vs-raised",
    "warning",
    GRANTED,
    RAISED,
    (l, r, d) =>
      `第 2 项共发放助学款 ${l} 万元，超过第 1 项共筹集资金 ${r} 万元（多 ${d} 万元）。如使用了往年结余资金，请在上报说明中写明`,
  );
  atMost(
    T,
    c,
    out,
    "mw-aided-subset",
    "error",
    MW_AIDED,
    AIDED,
    (l, r) => `第 5 项资助困难农民工子女 ${l} 人，不能多于第 4 项资助困难职工和困难农民工子女总数 ${r} 人`,
  );
  atMost(
    T,
    c,
    out,
    "mw-granted-subset",
    "error",
    MW_GRANTED,
    GRANTED,
    (l, r) => `第 5 项向困难农民工子女发放助学款 ${l} 万元，不能多于第 2 项共发放助学款 ${r} 万元`,
  );
  atMost(
    T,
    c,
    out,
    "sm-aided-subset",
    "error",
    SM_AIDED,
    AIDED,
    (l, r) => `第 6 项资助困难单亲女职工子女 ${l} 人，不能多于第 4 项资助总人数 ${r} 人`,
  );
  atMost(
    T,
    c,
    out,
    "sm-granted-subset",
    "error",
    SM_GRANTED,
    GRANTED,
    (l, r) => `第 6 项向困难单亲女职工子女发放助学款 ${l} 万元，不能多于第 2 项共发放助学款 ${r} 万元`,
  );

  pair(T, c, out, "pair-aided-granted", AIDED, GRANTED, pairText("第 2 项与第 4 项"));
  pair(T, c, out, "pair-mw", MW_AIDED, MW_GRANTED, pairText("第 5 项"));
  pair(T, c, out, "pair-mw-primary", MW_AIDED_PRIMARY, MW_GRANTED_PRIMARY, pairText("第 5 项小学和初中阶段"));
  pair(
    T,
    c,
    out,
    "pair-mw-secondary",
    MW_AIDED_SECONDARY,
    MW_GRANTED_SECONDARY,
    pairText("第 5 项高中和中等职业教育阶段"),
  );
  pair(T, c, out, "pair-mw-college", MW_AIDED_COLLEGE, MW_GRANTED_COLLEGE, pairText("第 5 项大专以上"));
  pair(T, c, out, "pair-sm", SM_AIDED, SM_GRANTED, pairText("第 6 项"));

  // posts = 0 or posts_units > 0
  if (c.ok2(POSTS, POSTS_UNITS) && v[POSTS] !== 0 && !((v[POSTS_UNITS] as number) > 0)) {
    fire(
      out,
      "posts-need-units",
      "error",
      keys(T, [POSTS, POSTS_UNITS]),
      `第 7 项填写了勤工俭学社会实践岗位 ${v[POSTS]} 个，但联系单位为 0 家，请填写提供岗位的单位数`,
    );
  }

  average(T, c, out, "avg-grant", GRANTED, AIDED, 200, 20000, averageText("第 2、4 项"));
  average(T, c, out, "avg-grant-mw", MW_GRANTED, MW_AIDED, 200, 20000, averageText("第 5 项"));
  average(T, c, out, "avg-grant-sm", SM_GRANTED, SM_AIDED, 200, 20000, averageText("第 6 项"));

  return finish(out, cellRank(T));
}

/**
 * A filled Huangshan 金秋助学 roster (hs-2022-roster) of any length, rows placed
 * by position (r0001, r0002, … as the sheet numbers them), every row valid and
 * the 合计 matching: a district's real roster, without a problem to find.
 */
import { rosterRowId } from "../../schemas/layout/form/layout";
import { withIdCheck, withLuhn } from "../schemas/fixtures/filled";

const SURNAMES = "汪程胡吴叶方黄江许王张李郑洪曹孙余戴姚潘".split("");
const GIVEN = ["子涵", "思远", "雨桐", "佳怡", "梓轩", "欣然", "浩宇", "诗琪", "俊杰", "一鸣", "若曦", "文博"];
const DAY_MS = 86_400_000;
/** Born 2010-01-01 … 2014-02-08: 8 to 12 years old on 2022-09-01, right for 义务教育. */
const FIRST_BIRTH = Date.UTC(2010, 0, 1);

/** The 身份证号 of row `i` (1-based): unique for up to 1.5 million rows. */
export function rosterIdNo(i: number): string {
  const birth = new Date(FIRST_BIRTH + (i % 1500) * DAY_MS).toISOString().slice(0, 10).replaceAll("-", "");
  return withIdCheck(`341002${birth}${String(Math.floor(i / 1500)).padStart(3, "0")}`);
}

export function rosterRow(i: number): Record<string, string> {
  const name = (k: number) =>
    `${SURNAMES[k % SURNAMES.length]}${GIVEN[Math.floor(k / SURNAMES.length) % GIVEN.length]}`;
  return {
    name: name(i),
    idno: rosterIdNo(i),
    school: "屯溪区实验小学",
    stage: "义务教育",
    enrolment: "在读",
    filed: "建档",
    family: "困难职工家庭",
    parent: name(i + 7),
    employer: "黄山市城市管理局",
    source: "市县工会帮扶资金",
    amount: "1000",
    bankcard: withLuhn(`622202${String(i).padStart(12, "0")}`),
    bank: "中国工商银行屯溪支行",
    phone: `139${String(i).padStart(8, "0")}`,
  };
}

export function rosterValues(rows: number): Record<string, string> {
  const values: Record<string, string> = {
    "header.reporter": "程晓燕",
    "header.phone": "0559-7512345",
    total_persons: String(rows),
    total_amount: String(rows * 1000),
    prov_persons: "0",
    prov_amount: "0",
  };
  for (let i = 1; i <= rows; i++) {
    for (const [col, v] of Object.entries(rosterRow(i))) values[`roster.${rosterRowId(i - 1)}.${col}`] = v;
  }
  return values;
}

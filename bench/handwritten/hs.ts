/** Rule shapes the two Huangshan grid forms share (see schemas/forms/hs-2022-need.ts). */
import { breakdown, type Cells, fire, fmt, gridRow, gridTotal, keys, MAX, type Problem, type Table } from "./common";

export const STAGES = ["preschool", "compulsory", "highschool", "higher", "special"] as const;
export const STAGE_LABELS = [
  "学前教育",
  "义务教育",
  "高中阶段教育（含中等职业教育）",
  "普通高等教育（含高职、大专）",
  "特殊教育（残疾儿童）",
];
export const COLS = ["total", ...STAGES] as const;

/** A grid row's cell indexes: [total, preschool, compulsory, highschool, higher, special]. */
export function row(t: Table, key: string): number[] {
  return gridRow(t, key, COLS);
}

/** 建档 + 非建档 = all in every stage column (parts:<row>.<stage>). */
export function filedSplit(
  t: Table,
  c: Cells,
  out: Problem[],
  key: string,
  what: string,
  unit: string,
  all: number[],
  filed: number[],
  unfiled: number[],
): void {
  for (let s = 1; s <= 5; s++) {
    const a = all[s] as number;
    const f = filed[s] as number;
    const u = unfiled[s] as number;
    breakdown(t, c, out, `parts:${key}.${STAGES[s - 1]}`, a, [f, u], true, () => {
      const scale = t.fields[a]?.scale ?? 0;
      return (
        `${what}“${STAGE_LABELS[s - 1]}”栏：建档 ${fmt(c.v[f] as number, scale)} ${unit}与非建档 ${fmt(c.v[u] as number, scale)} ${unit}之和，` +
        `应等于该栏的 ${fmt(c.v[a] as number, scale)} ${unit}`
      );
    });
  }
}

/** Every row's 合计 equals its five columns. */
export function gridTotals(t: Table, c: Cells, out: Problem[], rows: [string, string, number[]][]): void {
  for (const [key, label, cells] of rows) gridTotal(t, c, out, key, label, cells);
}

/** 省总经费 (万元, 2 decimals) × 10000 ≤ persons × 2000 元 ⇔ amount (hundredths) ≤ persons × 20. */
export function provincialCap(
  t: Table,
  c: Cells,
  out: Problem[],
  id: string,
  amount: number,
  persons: number,
  who: string,
): void {
  if (!c.ok2(amount, persons)) return;
  const a = c.v[amount] as number;
  const n = c.v[persons] as number;
  const cap = n * 20;
  if (cap > MAX || a <= cap) return;
  fire(
    out,
    id,
    "error",
    keys(t, [amount, persons]),
    `${who}省总金秋助学经费折合 ${fmt(a * 100, 0)} 元，超过按每人不超过 2000 元计算的上限 ${fmt(n * 2000, 0)} 元（${fmt(n, 0)} 人）`,
  );
}

export const hsPairText = (what: string) => (n: string, a: string) =>
  `${what}：人数和金额应同时填写（现为 ${n} 人、${a} 万元）`;

export const hsAverageText = (what: string) => (a: string, n: string) =>
  `${what}人均金额（${a} 万元 ÷ ${n} 人）不在 200～20000 元之间，请检查是否把“元”填成了“万元”或人数有误；如确属实情，请在上报说明中说明`;

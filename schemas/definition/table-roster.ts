/**
 * A 名册 header row as a roster section: each heading names a column, typed by
 * what the name says (身份证号 → idcard, 银行卡号 → bankcard, 金额 → money …)
 * and keyed as the official Huangshan roster keys it (name, idno, amount …),
 * so drafts of the same kind of list read alike. A heading the official roster
 * prints verbatim (就读阶段, 资金来源) takes that column's dropdown. Every type
 * is a guess the officer confirms. 序号 is the sheet's own numbering, not data.
 */
import { HS_2022_ROSTER } from "../forms/hs-2022-roster";
import type { z } from "zod";
import type { Column, ColumnType, MeasureUnit, TemplateInput } from "../template";
import type { DraftGuess } from "./draft";
import { foldHeading, headingRole, type HeaderColumn } from "./table-headings";
import { KeyPool } from "./table-keys";
import { splitUnitSuffix } from "./table-units";

type ColumnInput = z.input<typeof Column>;
type SectionInput = TemplateInput["sections"][number];
type ItemInput = Extract<SectionInput, { kind: "items" }>["items"][number];

/** Headings of the official roster, folded → its column (key, type, dropdown). */
const OFFICIAL = new Map(
  HS_2022_ROSTER.sections
    .flatMap((s) => (s.kind === "roster" ? s.columns : []))
    .map((c) => [foldHeading(c.label), c] as const),
);

/** Other names clerks print for the official roster's columns, and a few more of every 名册. */
const SYNONYMS: [RegExp, string][] = [
  [/^(学生|受助学生|受助人)?姓名$|^受助学生$/, "name"],
  [/^(学生)?(身份证|身份证号码|公民身份号码)$/, "idno"],
  [/^(学校|学校名称|就读院校|院校|就读学校名称)$/, "school"],
  [/^(学段|教育阶段)$/, "stage"],
  [/^入学类型$/, "enrolment"],
  [/^(父母|监护人)姓名$|^家长$/, "parent"],
  [/^((父母|家长)?工作单位|家长单位)$/, "employer"],
  [/^(金额|资助金额|发放金额|助学金|补助金额|救助金额)$/, "amount"],
  [/^(卡号|银行账号|银行卡账号|社保卡号)$/, "bankcard"],
  [/^(开户银行|开户行名称)$/, "bank"],
  [/^(电话|手机|手机号|手机号码|联系方式|家长电话|家长手机|联系人电话)$/, "phone"],
  [/^性别$/, "gender"],
  [/^出生(日期|年月日)$/, "birthdate"],
  [/^民族$/, "ethnicity"],
  [/^(家庭)?(住址|地址)$/, "address"],
  [/^(就读)?年级$/, "grade"],
  [/^专业$/, "major"],
  [/^年龄$/, "age"],
  [/^备注$/, "remark"],
  [/^(发放)?日期$/, "date"],
  [/^人数$/, "persons"],
];

const TYPE_NAMES: Record<ColumnType, string> = {
  text: "文本",
  enum: "下拉选项",
  date: "日期",
  integer: "整数",
  money: "金额",
  idcard: "身份证号（18 位，核对校验码和出生日期）",
  bankcard: "银行卡号（12～19 位数字，核对校验位）",
  phone: "电话号码（手机或固定电话）",
};

interface Typing {
  type: ColumnType;
  options?: string[];
  unit?: MeasureUnit;
  /** Taken from the official roster's column of the same name (its dropdown). */
  official?: boolean;
}

const COUNT_UNITS = new Set<MeasureUnit>(["人", "人次", "个", "场", "家"]);

/** The type a heading's words give its column. */
function typeOf(heading: string): Typing {
  const { label, unit } = splitUnitSuffix(heading);
  const name = foldHeading(label);
  const official = OFFICIAL.get(name);
  if (official?.type === "enum") return { type: "enum", options: [...(official.options ?? [])], official: true };
  if (/身份证|身份号码/.test(name)) return { type: "idcard" };
  if (/银行卡|卡号|账号/.test(name) && !/开户/.test(name)) return { type: "bankcard" };
  if (/手机|电话|联系方式/.test(name)) return { type: "phone" };
  if (/日期|年月日/.test(name)) return { type: "date" };
  const money = unit && (unit.unit === "元" || unit.unit === "万元");
  if (money || (/金额|助学金|补助|补贴|奖金|奖学金|资金|款$/.test(name) && !/来源|类型|方式|渠道|名称/.test(name))) {
    return { type: "money", unit: unit?.unit === "万元" ? "万元" : "元" };
  }
  if (unit && COUNT_UNITS.has(unit.unit)) return { type: "integer", unit: unit.unit };
  if (/人数|次数|人次|户数|数量|年龄/.test(name)) {
    return { type: "integer", ...(/人次/.test(name) ? { unit: "人次" } : /人数/.test(name) ? { unit: "人" } : {}) };
  }
  if (name === "性别") return { type: "enum", options: ["男", "女"] };
  if (name.startsWith("是否")) return { type: "enum", options: ["是", "否"] };
  return { type: "text" };
}

function keyOf(heading: string): string | undefined {
  const name = foldHeading(splitUnitSuffix(heading).label);
  return OFFICIAL.get(name)?.key ?? SYNONYMS.find(([re]) => re.test(name))?.[1];
}

function guessMessage(label: string, t: Typing, known: boolean): string {
  if (t.type === "text" && !known) return `列名「${label}」看不出类型，暂按文本处理，请确认`;
  const what =
    t.type === "enum"
      ? `下拉选项（${(t.options ?? []).join("、")}）`
      : t.type === "money"
        ? `金额（${t.unit}，保留 2 位小数）`
        : t.type === "integer" && t.unit
          ? `整数（${t.unit}）`
          : TYPE_NAMES[t.type];
  const source = t.official ? "，选项取自黄山金秋助学名册的同名列" : "";
  return `按列名「${label}」判断为${what}${source}，请确认`;
}

export interface RosterDraft {
  section: SectionInput;
  /** The sheet's 合计 row under the roster, as items the engine computes from it. */
  summary?: SectionInput;
}

/**
 * The roster `key` headed by `headers`; with `totalRow` (the sheet prints a
 * 合计 row under it) also its computed totals, keyed from `keys`.
 */
export function rosterSection(
  headers: HeaderColumn[],
  key: string,
  totalRow: boolean,
  keys: KeyPool,
  guesses: DraftGuess[],
): RosterDraft {
  const pool = new KeyPool([]);
  const labels = new Set<string>();
  const columns: ColumnInput[] = [];
  headers.forEach((h, i) => {
    // A 序号 is the sheet's numbering, whatever role a merged two-row header gave its column.
    if (h.role === "serial" || headingRole(h.label) === "serial") return;
    let label = h.label.trim();
    // The form's table heads its columns with these names: no two alike.
    for (let n = 2; labels.has(label); n++) label = `${h.label.trim()}（${n}）`;
    labels.add(label);
    const t = typeOf(label);
    const known = keyOf(label);
    const colKey = pool.take(known ?? `col${i + 1}`);
    const column: ColumnInput = { key: colKey, label, type: t.type };
    if (t.options) column.options = t.options;
    if (t.type === "money") Object.assign(column, { scale: 2, unit: t.unit, min: 0 });
    if (t.type === "integer") Object.assign(column, { min: 0, ...(t.unit ? { unit: t.unit } : {}) });
    columns.push(column);
    guesses.push({ key: `${key}.${colKey}`, field: "type", message: guessMessage(label, t, known !== undefined) });
  });
  const idno = columns.find((c) => c.type === "idcard");
  if (idno) {
    guesses.push({
      key: `${key}.${idno.key}`,
      field: "column",
      message: `已设为同一「${idno.label}」在名册中只能出现一次（一人一行），请确认`,
    });
  }
  const section: SectionInput = { kind: "roster", key, columns, unique: idno ? [[idno.key]] : [] };
  return { section, ...(totalRow ? { summary: summaryOf(key, columns, keys, guesses) } : {}) };
}

/** 人数合计 and the sums of the amount and count columns: what a 合计 row under a 名册 shows. */
function summaryOf(roster: string, columns: ColumnInput[], keys: KeyPool, guesses: DraftGuess[]): SectionInput {
  const persons = keys.take("total_persons");
  const items: ItemInput[] = [
    { key: persons, label: "人数合计", unit: "人", type: "integer", calc: `count(${roster})` },
  ];
  for (const c of columns) {
    if (c.type !== "money" && !(c.type === "integer" && c.unit)) continue;
    const unit = c.unit as MeasureUnit;
    items.push({
      key: keys.take(`total_${c.key}`),
      label: `${splitUnitSuffix(c.label).label}合计`,
      unit,
      ...(c.type === "money" ? { type: "decimal", scale: 2 } : { type: "integer" }),
      calc: `sum(${roster}.${c.key})`,
    });
  }
  guesses.push({
    key: persons,
    field: "label",
    message: `名册下的“合计”行已改为由系统根据名册计算的${items.map((i) => i.label).join("、")}，请确认名称`,
  });
  return { kind: "items", key: "summary", title: "合计", items };
}

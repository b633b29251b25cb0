/**
 * Units as forms print them: a 单位 column, a suffix on the label or heading
 * (共筹集资金（万元）, 金额（万元）), or a note above the table (单位：万元).
 * The template language knows a closed list (MEASURE_UNITS); anything else is
 * mapped to the nearest one and reported as a guess.
 */
import { MEASURE_UNITS, type MeasureUnit } from "../template";

export interface UnitReading {
  unit: MeasureUnit;
  /** As printed ("万元", "名"). */
  printed: string;
  /** The printed word is the unit itself, not an alias or a stand-in. */
  exact: boolean;
}

/** Words clerks print for a unit the language names otherwise. */
const ALIASES: Record<string, MeasureUnit> = {
  名: "人",
  位: "人",
  人数: "人",
  "人/次": "人次",
  次: "人次",
  户: "家",
  所: "个",
  项: "个",
  处: "个",
  次数: "人次",
  场次: "场",
};

const fold = (s: string) => s.normalize("NFKC").replace(/\s+/g, "");

/** A unit word as printed, or undefined when the text is not one. */
export function readUnit(text: string): UnitReading | undefined {
  const printed = fold(text).replace(/^单位[:：]/, "");
  if (printed === "") return undefined;
  if ((MEASURE_UNITS as readonly string[]).includes(printed)) {
    return { unit: printed as MeasureUnit, printed, exact: true };
  }
  const alias = ALIASES[printed];
  return alias ? { unit: alias, printed, exact: false } : undefined;
}

/** A 单位 cell: its unit, or the nearest one (个) for a word the language does not know. */
export function readUnitCell(text: string): UnitReading | undefined {
  const printed = fold(text);
  if (printed === "") return undefined;
  return readUnit(printed) ?? { unit: "个", printed, exact: false };
}

const SUFFIX = /[（(]\s*(?:单位[:：]\s*)?([^()（）]{1,5}?)\s*[)）]\s*[;；,，.。:：]?\s*$/;

/**
 * A label or heading ending in its unit: "共筹集资金（万元）" → 共筹集资金 + 万元.
 * Parentheses holding anything else ("高中阶段教育（含中等职业教育）") stay.
 */
export function splitUnitSuffix(label: string): { label: string; unit?: UnitReading } {
  const m = SUFFIX.exec(label);
  const unit = m ? readUnit(m[1] as string) : undefined;
  if (!m || !unit) return { label };
  return { label: label.slice(0, m.index).trim(), unit };
}

/** What a line is about, when nothing printed says its unit. */
const KEYWORDS: [RegExp, MeasureUnit | "money"][] = [
  [/人次/, "人次"],
  [/资金|金额|助学金|助学款|经费|补贴|补助金|奖金|奖学金|捐款|款项|费用|贷款额/, "money"],
  [/场次|招聘会|讲座|培训班|座谈会/, "场"],
  [/岗位|个数/, "个"],
  [/企业|公司|单位|组织|机构/, "家"],
  [/人数|学生|子女|毕业生|职工|人员|儿童|劳动者|对象|学子|人/, "人"],
];

/** A unit guessed from the label's words; money falls back to `moneyUnit` (万元 unless a note said 元). */
export function unitFromWords(label: string, moneyUnit: MeasureUnit = "万元"): MeasureUnit | undefined {
  for (const [re, unit] of KEYWORDS) if (re.test(label)) return unit === "money" ? moneyUnit : unit;
  return undefined;
}

export function isMoney(unit: MeasureUnit): boolean {
  return unit === "万元" || unit === "元";
}

/** Amounts are kept to 分 (2 places) on these forms; counts are whole. */
export function numberFields(unit: MeasureUnit): { type: "integer" | "decimal"; scale: number } {
  return isMoney(unit) ? { type: "decimal", scale: 2 } : { type: "integer", scale: 0 };
}

export interface UnitNote {
  /** The one unit the note gives for everything (单位：万元). */
  all?: MeasureUnit;
  /** The unit of amounts (金额单位：元, or 单位：万元、人). */
  money?: MeasureUnit;
}

/** "单位：万元" / "（金额单位：元）" / "单位：人、万元" above a table; not "填报单位：…". */
export function readUnitNote(text: string): UnitNote | undefined {
  const m = /(?<![填报送表])(金额|计量)?单位\s*[:：]\s*([^)）]+?)\s*[)）]?\s*$/.exec(text.normalize("NFKC"));
  if (!m) return undefined;
  const units = (m[2] as string)
    .split(/[、,，/;；\s]+/)
    .map((w) => readUnit(w)?.unit)
    .filter((u): u is MeasureUnit => u !== undefined);
  if (units.length === 0) return undefined;
  const money = units.find(isMoney);
  if (m[1] === "金额") return { money };
  return units.length === 1 ? { all: units[0], money } : { money };
}

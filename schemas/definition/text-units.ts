import { MEASURE_UNITS, type MeasureUnit } from "../template";

/**
 * The unit printed after a blank of a notice's fill-in-the-blanks text:
 * `_____（万元）`, `_____ (人次)`, a PDF copy's `_____（人\n次)` or `_____\n （元）`,
 * and, less often, a bare `_____人`. A unit the template language does not know
 * (`（户）`) or no unit at all is a guess the officer confirms.
 */
export type UnitRead =
  /** Printed and one of MEASURE_UNITS. */
  | { how: "printed"; unit: MeasureUnit }
  /** Printed as a common other name of a unit (`名` for 人): taken, to be confirmed. */
  | { how: "alias"; unit: MeasureUnit; printed: string }
  /** Printed, but no unit of the template language fits: `guessUnit` picks one. */
  | { how: "unknown"; printed: string }
  /** Nothing printed after the blank. */
  | { how: "missing" };

/** Longest first, so `人次` is not read as `人` and `万元` not as `元`. */
const BY_LENGTH = [...MEASURE_UNITS].sort((a, b) => b.length - a.length);

/** Names the forms use for a unit the template language spells otherwise. */
const ALIASES: Record<string, MeasureUnit> = {
  名: "人",
  位: "人",
  人数: "人",
  户: "家",
  所: "家",
  项: "个",
  件: "个",
  次: "人次",
  场次: "场",
};

/** `（1）`, `（二）`: the next line's numbering, not a unit of this blank. */
const NUMERAL = /^(?:[0-9０-９]+|[一二三四五六七八九十]+)$/;
/** A parenthesis after the blank, possibly after spaces and line breaks (PDF copies). */
const PAREN = /^[\s\u3000]*[（(]([^（()）]{1,12})[）)]/;
/** A unit printed without parentheses ends at a separator, a space or the line. */
const BARE = new RegExp(`^(${BY_LENGTH.join("|")})(?=[\\s\\u3000；;，,。]|$)`);

/** Reads the unit that follows a blank in `after`; `length` is how much of `after` it takes. */
export function readUnit(after: string): { unit: UnitRead; length: number } {
  const paren = PAREN.exec(after);
  if (paren) {
    // Line breaks and spaces inside the parentheses are the PDF's wrapping: 「人\n次」 is 人次.
    const inner = (paren[1] ?? "").replace(/[\s\u3000]+/g, "");
    if (NUMERAL.test(inner)) return { unit: { how: "missing" }, length: 0 };
    const known = MEASURE_UNITS.find((u) => u === inner);
    if (known) return { unit: { how: "printed", unit: known }, length: paren[0].length };
    const alias = ALIASES[inner];
    if (alias) return { unit: { how: "alias", unit: alias, printed: inner }, length: paren[0].length };
    // A longer parenthesis after a blank is a remark (（含外地生源）), not a unit.
    if (inner.length > 0 && inner.length <= 4)
      return { unit: { how: "unknown", printed: inner }, length: paren[0].length };
    return { unit: { how: "missing" }, length: 0 };
  }
  const bare = BARE.exec(after);
  const found = MEASURE_UNITS.find((u) => u === bare?.[1]);
  if (bare && found) return { unit: { how: "printed", unit: found }, length: bare[0].length };
  return { unit: { how: "missing" }, length: 0 };
}

/**
 * The words that most often name what a blank counts. The one nearest the blank wins:
 * 「…企业…提供就业岗位」 counts 岗位 (个), not 企业 (家).
 */
const UNIT_WORDS: readonly (readonly [string, MeasureUnit])[] = [
  ["人次", "人次"],
  ["资金", "万元"],
  ["款", "万元"],
  ["金额", "万元"],
  ["经费", "万元"],
  ["补贴", "万元"],
  ["贷款", "万元"],
  ["费用", "万元"],
  ["岗位", "个"],
  ["个", "个"],
  ["项目", "个"],
  ["活动", "场"],
  ["招聘会", "场"],
  ["场", "场"],
  ["单位", "家"],
  ["企业", "家"],
  ["家", "家"],
  ["人", "人"],
  ["生", "人"],
  ["子女", "人"],
  ["职工", "人"],
  ["名", "人"],
];

/** A unit for a blank whose printed unit is missing or unknown, from the words around it. */
export function guessUnit(words: string): MeasureUnit {
  let best: { end: number; length: number; unit: MeasureUnit } | undefined;
  for (const [word, unit] of UNIT_WORDS) {
    const at = words.lastIndexOf(word);
    if (at < 0) continue;
    const end = at + word.length;
    if (!best || end > best.end || (end === best.end && word.length > best.length)) {
      best = { end, length: word.length, unit };
    }
  }
  // 人 is the commonest count on these forms.
  return best?.unit ?? "人";
}

/** The unit of a blank: as printed, or a guess from the words around it, with the message for the officer. */
export function resolveUnit(read: UnitRead, name: string, words: string): { unit: MeasureUnit; message?: string } {
  switch (read.how) {
    case "printed":
      return { unit: read.unit };
    case "alias":
      return { unit: read.unit, message: `${name}印的单位是“${read.printed}”，已按“${read.unit}”处理，请确认` };
    case "unknown": {
      const unit = guessUnit(words);
      return {
        unit,
        message: `${name}印的单位“${read.printed}”不是可选的单位（${MEASURE_UNITS.join("、")}），已暂按“${unit}”处理，请改成合适的单位`,
      };
    }
    case "missing": {
      const unit = guessUnit(words);
      return { unit, message: `${name}的空格后没有印单位，已按“${unit}”处理，请确认` };
    }
  }
}

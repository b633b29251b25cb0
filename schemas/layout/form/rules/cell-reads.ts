/**
 * An input cell read as the rule engine reads it (schemas/input.ts parseInput,
 * then schemas/validate.ts): one helper formula per cell whose result is
 *   ""         the cell is blank (the engine's null);
 *   the value  when the cell holds exactly the canonical value the engine would
 *              store (a number within scale and bounds, an option as listed, a
 *              valid 身份证号 or a plain text as written);
 *   #DIV/0!    when the engine certainly refuses it (a number with too many
 *              decimals or out of bounds, TRUE/FALSE, an error value): its
 *              INVALID;
 *   #N/A       when the spreadsheet cannot tell what the engine makes of it:
 *              text in a number cell (the engine reads full-width digits and
 *              thousands separators), an option or a text typed with other
 *              spaces or case, a number of 10^7 or more (beyond the range where
 *              binary arithmetic stays exact, formula.ts).
 * Rules treat both errors as "cannot be decided" and messages print both as
 * 无效值; they never guess. Dates, 电话号码 and 银行卡号 are not read: a rule on
 * them is checked on upload.
 */
import type { InputSpec } from "../../../input";
import { shortestText } from "../../../decimal";
import { quote } from "./excel-text";

/** Numbers whose magnitude reaches this are not read (see formula.ts for the error bounds). */
export const READ_LIMIT = 1e7;

export type ReadKind = "number" | "enum" | "idcard" | "text";

/** What a spec reads as, or why it cannot be read exactly. */
export function readKind(spec: InputSpec): ReadKind | string {
  switch (spec.kind) {
    case "integer":
    case "decimal":
    case "money":
      return "number";
    case "enum":
      return "enum";
    case "idcard":
      return "idcard";
    case "text":
      return "text";
    case "date":
      return "日期";
    case "bankcard":
      return "银行卡号";
    case "phone":
      return "电话号码";
  }
}

/** Blank, or text of spaces only (the engine trims them away; TRIM only knows the plain space, so others stay unknown). */
function blankOr(cell: string, text: string, other: string): string {
  return `IF(ISBLANK(${cell}),"",IF(ISTEXT(${cell}),IF(TRIM(${cell})="","",${text}),${other}))`;
}

/** The helper formula reading `cell` (an address, possibly relative) of `spec`. */
export function readFormula(cell: string, spec: InputSpec, referenceDate: string): string {
  switch (spec.kind) {
    case "integer":
    case "decimal":
    case "money": {
      const scale = spec.kind === "integer" ? 0 : spec.scale;
      const v = `ROUND(${cell},${scale})`;
      const bounds = [
        ...(spec.min !== undefined && Number.isFinite(spec.min) ? [`${v}<${shortestText(spec.min)}`] : []),
        ...(spec.max !== undefined && Number.isFinite(spec.max) ? [`${v}>${shortestText(spec.max)}`] : []),
      ];
      const refused = [`${v}<>${cell}`, ...bounds].join(",");
      const number = `IF(ABS(${cell})>=${READ_LIMIT},NA(),IF(OR(${refused}),1/0,${v}))`;
      // TRUE is a number in LibreOffice (ISNUMBER holds), text "TRUE" to the engine: refused.
      return blankOr(cell, "NA()", `IF(ISLOGICAL(${cell}),1/0,IF(ISNUMBER(${cell}),${number},1/0))`);
    }
    case "enum": {
      const listed = spec.options.map((o) => `EXACT(${cell},${quote(o)})`).join(",");
      return blankOr(cell, `IF(OR(${listed}),${cell},NA())`, "NA()");
    }
    case "idcard":
      return blankOr(cell, `IF(${idCardValid(cell, referenceDate)},${cell},NA())`, "NA()");
    case "text":
      return blankOr(cell, `IF(${plainText(cell, spec.maxLength)},${cell},NA())`, "NA()");
    default:
      throw new Error(`no reading for ${spec.kind}`);
  }
}

/** The spaces the engine trims (schemas/text.ts isSpace) that TRIM and CLEAN leave. */
const SPACES =
  " \u00a0\u3000\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u202f\u205f\ufeff";
/** DEL and the direction controls the engine refuses (schemas/safe-text.ts). */
const REFUSED = "\u007f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069";

/**
 * Text the engine stores as it is: no space at either end, no control
 * character (CLEAN removes them; tab and line breaks, which the engine keeps,
 * are left unknown too), no DEL or direction control, not "#…" (the engine
 * refuses the error names), and within the length — LEN counts UTF-16 units,
 * never fewer than the engine's characters.
 */
function plainText(c: string, maxLength: number | undefined): string {
  const checks = [
    `EXACT(CLEAN(${c}),${c})`,
    `LEFT(${c},1)<>"#"`,
    `ISERROR(FIND(LEFT(${c},1),${quote(SPACES)}))`,
    `ISERROR(FIND(RIGHT(${c},1),${quote(SPACES)}))`,
    `SUMPRODUCT(--ISNUMBER(FIND(MID(${quote(REFUSED)},{${Array.from(REFUSED, (_, i) => i + 1).join(",")}},1),${c})))=0`,
    ...(maxLength === undefined ? [] : [`LEN(${c})<=${maxLength}`]),
  ];
  return `IFERROR(AND(${checks.join(",")}),FALSE)`;
}

const POSITIONS = `{${Array.from({ length: 17 }, (_, i) => i + 1).join(",")}}`;
const WEIGHTS = "{7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2}";

/**
 * schemas/checks/idcard.ts as a formula, for a 身份证号 written exactly as the
 * engine stores it: 17 digits and a digit or X, a real birth date from 1900 to
 * the reference date (leap years computed, not read from DATE: Excel counts a
 * 29 February 1900), and the MOD 11-2 check character.
 */
function idCardValid(c: string, referenceDate: string): string {
  const y = `--MID(${c},7,4)`;
  const m = `--MID(${c},11,2)`;
  const d = `--MID(${c},13,2)`;
  const leap = `OR(MOD(${y},400)=0,AND(MOD(${y},4)=0,MOD(${y},100)<>0))`;
  const days = `CHOOSE(${m},31,IF(${leap},29,28),31,30,31,30,31,31,30,31,30,31)`;
  const today = Number(referenceDate.replace(/-/g, ""));
  const checks = [
    `LEN(${c})=18`,
    `SUMPRODUCT(--ISNUMBER(FIND(MID(${c},${POSITIONS},1),"0123456789")))=17`,
    `ISNUMBER(FIND(RIGHT(${c},1),"0123456789X"))`,
    `${y}>=1900`,
    `${m}>=1`,
    `${m}<=12`,
    `${d}>=1`,
    `${d}<=${days}`,
    `${y}*10000+${m}*100+${d}<=${today}`,
    `EXACT(MID("10X98765432",MOD(SUMPRODUCT(--MID(${c},${POSITIONS},1),${WEIGHTS}),11)+1,1),RIGHT(${c},1))`,
  ];
  return `IFERROR(AND(${checks.join(",")}),FALSE)`;
}

/** age() of a read 身份证号 (schemas/checks/idcard.ts ageAt): whole years at the reference date. */
export function ageFormula(v: string, referenceDate: string): string {
  const [ry, rm, rd] = referenceDate.split("-").map(Number) as [number, number, number];
  const m = `--MID(${v},11,2)`;
  const reached = `OR(${rm}>${m},AND(${rm}=${m},${rd}>=--MID(${v},13,2)))`;
  return `IF(${v}="",NA(),${ry}-MID(${v},7,4)-IF(${reached},0,1))`;
}

/** gender() of a read 身份证号: the 17th digit, odd for 男. */
export function genderFormula(v: string): string {
  return `IF(${v}="",NA(),IF(MOD(MID(${v},17,1),2)=1,"男","女"))`;
}

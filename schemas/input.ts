/**
 * Clerk input → canonical cell text (see docs/template-language.md, "Canonical
 * values and clerk input").
 *
 * The raw value is whatever Excel reports or the clerk typed: a string, a JS
 * number (Excel's `values`), a boolean, or null/undefined/"" for a blank cell.
 * The result is the text stored in `CellValues` (null = blank) or a zh-CN
 * message that names the cell (`where`) and says what is expected.
 *
 * This runs for every cell of rosters with 10,000+ rows, in the add-in and in
 * the Worker: regular expressions are compiled once at module load, the common
 * cases take early exits, and numbers are handled as decimal strings (never as
 * binary floating point, and without BigInt: schemas/decimal/text.ts).
 */
import { checkBankCard } from "./checks/bankcard";
import { checkIdCard } from "./checks/idcard";
import { checkPhone } from "./checks/phone";
import {
  canonicalNumber,
  compareToNumber,
  fractionDigits,
  joinDigits,
  shortestText,
  significantDigits,
} from "./decimal";
import { parseDateSerial, parseDateText } from "./input-date";
import { fail, ok, type InputResult } from "./input-result";
import { unsafeTextReason } from "./safe-text";
import { codePointLength, foldWidth, isSpace, shorten, trimSpaces } from "./text";

export type InputSpec =
  | { kind: "integer" | "decimal"; scale: number; unit?: string; min?: number; max?: number }
  | { kind: "money"; scale: number; unit?: string; min?: number; max?: number }
  | { kind: "text"; maxLength?: number }
  | { kind: "enum"; options: string[] }
  | { kind: "date" }
  | { kind: "idcard"; today?: string }
  | { kind: "bankcard" }
  | { kind: "phone" };

export type { InputResult };

type NumberSpec = Extract<InputSpec, { kind: "integer" | "decimal" | "money" }>;

/**
 * Stored values must fit the exact-decimal arithmetic of the rule evaluator
 * (`schemas/decimal/value.ts`: a safe integer mantissa), and Excel itself keeps only
 * 15 significant digits.
 */
export const MAX_SIGNIFICANT_DIGITS = 15;

const BLANK: InputResult = { ok: true, value: null };

export function parseInput(spec: InputSpec, raw: unknown, where: string): InputResult {
  switch (typeof raw) {
    case "string": {
      const text = trimSpaces(raw);
      if (text === "") return BLANK;
      // Before any parsing, whatever the cell's kind: see schemas/safe-text.ts.
      const unsafe = unsafeTextReason(text);
      if (unsafe !== undefined) return fail(where, unsafe);
      // Formula errors arrive as text; "无法识别" would send the clerk looking
      // at the wrong thing.
      if (text.charCodeAt(0) === 0x23 /* # */ && EXCEL_ERRORS.has(text.toUpperCase())) {
        return fail(where, `的公式出错（${text}），请检查公式`);
      }
      return parseText(spec, text, where);
    }
    case "number":
      return parseNumber(spec, raw, where);
    case "boolean":
      // As Excel displays it; only text and enum cells can accept it.
      return parseText(spec, raw ? "TRUE" : "FALSE", where);
    case "bigint":
      return parseText(spec, raw.toString(), where);
    case "undefined":
      return BLANK;
    default:
      if (raw === null) return BLANK;
      return fail(where, "的内容无法识别");
  }
}

// ---------------------------------------------------------------------------
// Dispatch

function parseText(spec: InputSpec, text: string, where: string): InputResult {
  switch (spec.kind) {
    case "integer":
    case "decimal":
    case "money":
      return parseNumberText(spec, text, where);
    case "text":
      return parsePlainText(spec.maxLength, text, where);
    case "enum":
      return parseEnum(spec.options, text, where);
    case "date":
      return parseDateText(text, where);
    case "idcard": {
      const r = checkIdCard(foldWidth(text), spec.today);
      return r.ok ? ok(r.value) : fail(where, `身份证号${r.reason}`);
    }
    case "bankcard": {
      const r = checkBankCard(foldWidth(text));
      return r.ok ? ok(r.value) : fail(where, `银行卡号${r.reason}`);
    }
    case "phone": {
      const r = checkPhone(foldWidth(text));
      return r.ok ? ok(r.value) : fail(where, `电话号码${r.reason}`);
    }
    default:
      return unsupported(spec, where);
  }
}

function parseNumber(spec: InputSpec, n: number, where: string): InputResult {
  if (!Number.isFinite(n)) {
    return isNumberSpec(spec)
      ? fail(where, `${expectation(spec)}，“${String(n)}” 无法识别`)
      : fail(where, "的内容无法识别");
  }
  switch (spec.kind) {
    case "integer":
    case "decimal":
    case "money": {
      const text = numberText(n);
      return checkDecimal(spec, text, text, where);
    }
    case "text":
    case "enum":
      return parseText(spec, numberText(n), where);
    case "date":
      return parseDateSerial(n, numberText(n), where);
    case "idcard":
      // 18 digits are beyond a double's precision: the digits are already lost.
      return fail(where, "的身份证号被 Excel 当作数字保存，末几位已丢失；请将该列设为“文本”格式后重新输入");
    case "bankcard":
      // Excel keeps 15 significant digits, so longer card numbers are already damaged.
      if (Number.isSafeInteger(n) && n >= 0 && n < 1e15) return parseText(spec, String(n), where);
      return fail(where, "的银行卡号被 Excel 当作数字保存，超过 15 位的部分已丢失；请将该列设为“文本”格式后重新输入");
    case "phone":
      return parseText(spec, numberText(n), where);
    default:
      return unsupported(spec, where);
  }
}

function isNumberSpec(spec: InputSpec): spec is NumberSpec {
  return spec.kind === "integer" || spec.kind === "decimal" || spec.kind === "money";
}

function unsupported(spec: never, where: string): InputResult {
  // Reachable only when a caller bypasses the types; never throw on input paths.
  const kind =
    typeof spec === "object" && spec !== null && "kind" in spec ? String((spec as { kind: unknown }).kind) : "";
  return fail(where, `的类型“${kind}”不受支持`);
}

// ---------------------------------------------------------------------------
// Numbers

/**
 * Optional sign; digits with thousands separators only in groups of three
 * (`1,234,567`; a first group of 1–3 digits not starting with 0) or plain
 * digits; optional fraction. `1.` and `.5` are accepted as Excel accepts them.
 */
const NUMBER_TEXT = /^([+-]?)(?:([1-9]\d{0,2}(?:,\d{3})+)|(\d*))(?:\.(\d*))?$/;
const THOUSANDS = /,/g;

/**
 * Maps what Chinese keyboards produce to ASCII — full-width digits, point,
 * comma and signs (`１２３`, `．`, `，`, `－`, `＋`, U+2212 minus) — trims all
 * kinds of spaces (incl. U+3000, NBSP, zero-width) and removes spaces between
 * a sign and the digits (`- 12`). Does not validate.
 */
export function normaliseNumberText(raw: string): string {
  // Common case: plain ASCII without spaces needs no work.
  let plain = true;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c <= 0x20 || c >= 0x7f) {
      plain = false;
      break;
    }
  }
  if (plain) return raw;

  let out = "";
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 0xff10 && c <= 0xff19) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0xff0e) out += ".";
    else if (c === 0xff0c) out += ",";
    else if (c === 0xff0d || c === 0x2212 || c === 0xfe63) out += "-";
    else if (c === 0xff0b) out += "+";
    else if (isSpace(c)) out += " ";
    else out += raw[i];
  }
  out = out.trim();
  const sign = out.charCodeAt(0);
  if ((sign === 0x2d || sign === 0x2b) && out.charCodeAt(1) === 0x20) out = out[0] + out.slice(1).trimStart();
  return out;
}

/**
 * Text of a number that Excel reported. Integers are exact; other values are
 * rounded to Excel's 15 significant digits, which removes binary noise such
 * as 0.1 + 0.2 = 0.30000000000000004 (for a value with at most 15 digits this
 * equals the shortest round-trip text).
 */
function numberText(n: number): string {
  if (Number.isSafeInteger(n)) return String(n);
  return canonicalNumber(n.toPrecision(MAX_SIGNIFICANT_DIGITS));
}

function parseNumberText(spec: NumberSpec, text: string, where: string): InputResult {
  const m = NUMBER_TEXT.exec(normaliseNumberText(text));
  const grouped = m?.[2];
  const int = grouped !== undefined ? grouped.replace(THOUSANDS, "") : (m?.[3] ?? "");
  const frac = m?.[4] ?? "";
  if (!m || (int === "" && frac === "")) return fail(where, `${expectation(spec)}，“${shorten(text)}” 无法识别`);
  return checkDecimal(spec, joinDigits(m[1] === "-", int, frac), text, where);
}

/** Scale, digit count and bounds of a canonical decimal. */
function checkDecimal(spec: NumberSpec, value: string, shown: string, where: string): InputResult {
  const scale = spec.kind === "integer" ? 0 : normaliseScale(spec.scale);
  const fraction = fractionDigits(value);
  if (fraction > scale) {
    return scale === 0
      ? fail(where, `${expectation(spec)}，“${shorten(shown)}” 不是整数`)
      : fail(where, `最多 ${scale} 位小数，“${shorten(shown)}” 有 ${fraction} 位小数`);
  }
  if (significantDigits(value) > MAX_SIGNIFICANT_DIGITS) {
    return fail(where, `的数字位数过多（最多 ${MAX_SIGNIFICANT_DIGITS} 位有效数字），“${shorten(shown)}” 无法保存`);
  }
  if (isBound(spec.min) && compareToNumber(value, spec.min) < 0) {
    return fail(where, `不能小于 ${shortestText(spec.min)}`);
  }
  if (isBound(spec.max) && compareToNumber(value, spec.max) > 0) {
    return fail(where, `不能大于 ${shortestText(spec.max)}`);
  }
  return ok(value);
}

/** "应填写数字（万元，最多 2 位小数）", "应填写整数（人）", "应填写金额（元，最多 2 位小数）". */
function expectation(spec: NumberSpec): string {
  const scale = spec.kind === "integer" ? 0 : normaliseScale(spec.scale);
  const noun = spec.kind === "money" ? "金额" : scale === 0 ? "整数" : "数字";
  const details: string[] = [];
  if (spec.unit) details.push(spec.unit);
  if (scale > 0) details.push(`最多 ${scale} 位小数`);
  return details.length > 0 ? `应填写${noun}（${details.join("，")}）` : `应填写${noun}`;
}

function normaliseScale(scale: number): number {
  return Number.isInteger(scale) && scale > 0 ? Math.min(scale, 100) : 0;
}

function isBound(bound: number | undefined): bound is number {
  return typeof bound === "number" && Number.isFinite(bound);
}

// ---------------------------------------------------------------------------
// Text and enums

function parsePlainText(maxLength: number | undefined, text: string, where: string): InputResult {
  if (maxLength !== undefined && text.length > maxLength) {
    // UTF-16 length is an upper bound of the character count; count only when it matters.
    const length = codePointLength(text);
    if (length > maxLength) return fail(where, `最多 ${maxLength} 个字（现有 ${length} 个字）`);
  }
  return ok(text);
}

/** Lookup of width-, case- and space-insensitive option keys, built once per options array. */
const enumIndexes = new WeakMap<readonly string[], Map<string, string | null>>();
const ALL_SPACES = /\s+/g;
const MAX_LISTED_OPTIONS = 12;

function parseEnum(options: readonly string[], text: string, where: string): InputResult {
  if (options.includes(text)) return ok(text);
  const hit = enumIndex(options).get(enumKey(text));
  if (hit) return ok(hit);
  const listed = options.slice(0, MAX_LISTED_OPTIONS).join("、");
  const more = options.length > MAX_LISTED_OPTIONS ? `等 ${options.length} 项` : "";
  return fail(where, `应为以下之一：${listed}${more}，“${shorten(text)}” 不在其中`);
}

/**
 * NFKC folds full-width letters, digits and brackets (（Ａ） → (A)); spaces and
 * case are ignored too. Keys shared by two options map to null so a fuzzy
 * match is never ambiguous.
 */
function enumIndex(options: readonly string[]): Map<string, string | null> {
  let index = enumIndexes.get(options);
  if (!index) {
    index = new Map();
    for (const option of options) {
      if (typeof option !== "string") continue;
      const key = enumKey(option);
      index.set(key, index.has(key) && index.get(key) !== option ? null : option);
    }
    enumIndexes.set(options, index);
  }
  return index;
}

function enumKey(s: string): string {
  return s.normalize("NFKC").replace(ALL_SPACES, "").toLowerCase();
}

// ---------------------------------------------------------------------------
// Excel's error values: a formula result copied as a value, never data

const EXCEL_ERRORS: ReadonlySet<string> = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#BUSY!",
  "#CONNECT!",
  "#UNKNOWN!",
  "#PYTHON!",
  "#EXTERNAL!",
]);

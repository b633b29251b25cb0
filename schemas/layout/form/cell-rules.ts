/**
 * Per-cell Excel behaviour of a template field: value type, number format,
 * data-validation rule and what the cell takes in words (the prompt and the
 * alert built from it, within Excel's limits: validation-texts.ts). Pure.
 */
import type { CellRule, ValueType } from "./layout-types";

/** A template field (item, grid cell, header field, roster column) reduced to what Excel needs. */
export interface FieldSpec {
  label: string;
  where: string;
  kind: "integer" | "decimal" | "money" | "text" | "enum" | "date" | "idcard" | "bankcard" | "phone";
  scale: number;
  unit?: string;
  min?: number;
  max?: number;
  maxLength?: number;
  options?: string[];
  hint?: string;
}

/** Excel keeps 15 significant digits; an unbounded number rule still needs formula operands. */
const NUMBER_LIMIT = 999_999_999_999_999;

export function valueTypeOf(spec: FieldSpec): ValueType {
  switch (spec.kind) {
    case "integer":
      return "integer";
    case "decimal":
    case "money":
      return spec.scale > 0 ? "decimal" : "integer";
    case "enum":
      return "enum";
    case "date":
      return "date";
    default:
      return "text";
  }
}

/**
 * "@" for every text-like field: 身份证号 and 银行卡号 typed into a General cell
 * become 1.1E+17 and lose their last digits; a leading 0 of a phone number vanishes.
 */
export function numberFormatOf(spec: FieldSpec): string {
  switch (valueTypeOf(spec)) {
    case "integer":
      return "0";
    case "decimal":
      return `0.${"0".repeat(spec.scale)}`;
    case "date":
      return "yyyy-mm-dd";
    default:
      return "@";
  }
}

/** The built-in rule; `listSource` places long option lists in a hidden range. */
export function ruleOf(spec: FieldSpec, listSource: (options: string[]) => string): CellRule | undefined {
  switch (spec.kind) {
    case "integer":
      return { type: "wholeNumber", min: spec.min, max: spec.max };
    case "decimal":
    case "money":
      return spec.scale > 0
        ? { type: "decimal", min: spec.min, max: spec.max, scale: spec.scale }
        : { type: "wholeNumber", min: spec.min, max: spec.max };
    case "enum": {
      const options = spec.options ?? [];
      return { type: "list", options, source: listSource(options) };
    }
    case "date":
      return { type: "date", min: "1900-01-01" };
    case "idcard":
      return { type: "textLength", min: 18, max: 18 };
    case "bankcard":
      return { type: "textLength", min: 12, max: 19 };
    case "phone":
      return { type: "textLength", min: 7, max: 20 };
    case "text":
      return spec.maxLength ? { type: "textLength", min: 0, max: spec.maxLength } : undefined;
  }
}

export function numberBounds(rule: { min?: number; max?: number }): { min: number; max: number } {
  return { min: rule.min ?? -NUMBER_LIMIT, max: rule.max ?? NUMBER_LIMIT };
}

/**
 * The rule as a custom-formula condition on `ref` (no leading "="), for
 * combining with a cross-cell check in one data validation (Excel allows one
 * rule per cell).
 */
export function ruleCondition(rule: CellRule, ref: string): string {
  const bounds = (r: { min?: number; max?: number }) =>
    [r.min !== undefined ? `${ref}>=${r.min}` : "", r.max !== undefined ? `${ref}<=${r.max}` : ""].filter(Boolean);
  switch (rule.type) {
    case "wholeNumber":
      return `AND(${[`ISNUMBER(${ref})`, `${ref}=INT(${ref})`, ...bounds(rule)].join(",")})`;
    case "decimal":
      return `AND(${[`ISNUMBER(${ref})`, ...bounds(rule), `ROUND(${ref},${rule.scale})=${ref}`].join(",")})`;
    case "textLength":
      return `AND(LEN(${ref})>=${rule.min},LEN(${ref})<=${rule.max})`;
    case "date":
      return `AND(ISNUMBER(${ref}),${ref}>=DATE(1900,1,1))`;
    case "list":
      return rule.source.startsWith("=")
        ? `COUNTIF(${rule.source.slice(1)},${ref})>0`
        : `OR(${rule.options.map((o) => `${ref}="${o}"`).join(",")})`;
  }
}

/** What the cell accepts, in the words of the prompt and the alert. */
export function expectation(spec: FieldSpec): string {
  const bounds = (): string => {
    const parts: string[] = [];
    if (spec.min !== undefined) parts.push(`不小于 ${spec.min}`);
    if (spec.max !== undefined) parts.push(`不大于 ${spec.max}`);
    return parts.length ? `，${parts.join("、")}` : "";
  };
  const unit = spec.unit ? `（${spec.unit}）` : "";
  switch (valueTypeOf(spec)) {
    case "integer":
      return `整数${unit}${bounds()}`;
    case "decimal":
      return `数字（${spec.unit ? `${spec.unit}，` : ""}最多 ${spec.scale} 位小数）${bounds()}`;
    case "enum":
      return `下列之一：${(spec.options ?? []).join("、")}`;
    case "date":
      return "日期，如 2022-09-01";
    default:
      break;
  }
  switch (spec.kind) {
    case "idcard":
      return "18 位身份证号（末位可为 X）";
    case "bankcard":
      return "12–19 位银行卡号";
    case "phone":
      return "手机或座机号码，如 13812345678、0559-2315822";
    default:
      return spec.maxLength ? `文字，不超过 ${spec.maxLength} 个字` : "文字";
  }
}

import { type Decimal, isDecimal, toText } from "../decimal";

/**
 * A value at run time. `null` is a blank cell (0 in arithmetic, "" as text, as in
 * Excel). INVALID stands for "cannot be known" — an unreadable cell, a division by
 * zero, an overflow — and propagates, so a rule that depends on it is not decided.
 */
export type Value = Decimal | string | boolean | null | typeof INVALID;

export const INVALID: unique symbol = Symbol("invalid");

export type ValueType = "number" | "string" | "boolean";

export const TYPE_NAMES: Record<ValueType, string> = { number: "数值", string: "文本", boolean: "条件" };

/** Text of a value for messages: numbers canonical, blank as 空. */
export function formatValue(v: Value): string {
  if (v === null) return "空";
  if (v === INVALID) return "无效值";
  if (typeof v === "boolean") return v ? "是" : "否";
  if (typeof v === "string") return v;
  return isDecimal(v) ? toText(v) : String(v);
}

/**
 * How a sensitive value (docs/privacy.md) is shown to anyone who may not see it in
 * full: the one home of the masks, for the Worker's answers, its exports and the
 * officer's sheets. The mask keeps what a clerk needs to tell two students apart on
 * a phone call (the region and the last digits), and nothing that identifies a child.
 */
import type { ColumnType } from "../template";

export const MASK_CHAR = "*";

/** What history and exports show for a value whose key was destroyed (docs/privacy.md, erasure). */
export const ERASED = "（已擦除）";

/**
 * 身份证号 `341002********0213` (region and the last four kept), 银行卡号 its last four
 * digits, a phone `138****5678`, any other text its first character.
 */
export function maskValue(type: ColumnType, value: string): string {
  const text = [...value]; // code points: a name's characters are never split
  const n = text.length;
  const keep = (head: number, tail: number) =>
    n <= head + tail
      ? MASK_CHAR.repeat(n)
      : text.slice(0, head).join("") + MASK_CHAR.repeat(n - head - tail) + text.slice(n - tail).join("");
  switch (type) {
    case "idcard":
      return keep(6, 4);
    case "bankcard":
      return keep(0, 4);
    case "phone":
      return keep(3, 4);
    default:
      return n <= 1 ? MASK_CHAR : keep(1, 0);
  }
}

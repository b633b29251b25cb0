/**
 * 银行卡号: 12–19 digits whose last digit is the Luhn (ISO/IEC 7812) check digit.
 * Clerks copy numbers grouped as "6222 0202 …" or with hyphens; both are removed.
 */

export type BankCardResult = { ok: true; value: string } | { ok: false; reason: string };

const CODE_0 = 48;
const CODE_SPACE = 32;
const CODE_HYPHEN = 45;

export function checkBankCard(raw: string): BankCardResult {
  const s = raw.trim();
  let digits = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === CODE_SPACE || c === CODE_HYPHEN) continue;
    if (c < CODE_0 || c > CODE_0 + 9) return { ok: false, reason: "只能包含数字" };
    digits += s[i];
  }
  if (digits.length < 12 || digits.length > 19) {
    return { ok: false, reason: `应为 12–19 位数字（现为 ${digits.length} 位）` };
  }
  if (!luhnValid(digits)) return { ok: false, reason: "校验位不正确，请核对卡号" };
  return { ok: true, value: digits };
}

/** Luhn: from the right, double every second digit (subtracting 9 above 9); the sum ends in 0. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - CODE_0;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

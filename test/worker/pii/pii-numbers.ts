/** Valid synthetic 身份证号 (GB 11643 check digit) and 银行卡号 (Luhn), for the tests and the benchmarks. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A valid 18-digit 身份证号 (GB 11643 check digit) born 2012, serial n. */
export function idNumber(n: number): string {
  const body = `341002201203${String(10 + (n % 18)).padStart(2, "0")}${String(n % 1000).padStart(3, "0")}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * (WEIGHTS[i] as number), 0);
  return body + "10X98765432"[sum % 11];
}

/** A valid 19-digit 银行卡号 (Luhn), serial n. */
export function cardNumber(n: number): string {
  const body = `622202020${String(n).padStart(9, "0")}`;
  for (let d = 0; d <= 9; d++) {
    const digits = body + d;
    let sum = 0;
    for (let i = 0; i < digits.length; i++) {
      let x = Number(digits[digits.length - 1 - i]);
      if (i % 2 === 1) x = x * 2 > 9 ? x * 2 - 9 : x * 2;
      sum += x;
    }
    if (sum % 10 === 0) return digits;
  }
  throw new Error("unreachable");
}

/**
 * Canonical decimal text — what `CellValues` store: `-?digits(.digits)?`, no
 * `+`, no exponent, no leading zeros, no trailing fractional zeros, `0` not
 * `-0`. Functions here work on the digits themselves, so text of any length is
 * exact, and they need neither binary floating point nor BigInt (clerk input
 * runs through them for every cell of a 10,000-row roster).
 */

/** What `canonicalNumber` accepts: plain decimal, optionally with an exponent (JS number text). */
const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Canonical text of a plain decimal (`"0.10"` → `"0.1"`, `"-0"` → `"0"`,
 * `"1.00"` → `"1"`, `"007"` → `"7"`, `"1e-7"` → `"0.0000001"`): no exponent, no
 * `+`, no leading zeros, no trailing fractional zeros. Throws a RangeError for
 * text that is not a number (thousands separators and full-width digits are
 * the business of `normaliseNumberText` and `parseInput` in schemas/input.ts).
 */
export function canonicalNumber(text: string): string {
  const m = DECIMAL_TEXT.exec(text.trim());
  let int = m?.[2] ?? "";
  let frac = m?.[3] ?? "";
  if (!m || (int === "" && frac === "")) throw new RangeError(`不是数字：${text}`);
  if (m[4] !== undefined) {
    const exp = Number(m[4]);
    // Doubles stay within e±324; anything far beyond would build huge strings.
    if (Math.abs(exp) > 1000) throw new RangeError(`数字超出范围：${text}`);
    if (exp > 0) {
      const pad = exp > frac.length ? "0".repeat(exp - frac.length) : "";
      int += frac.slice(0, exp) + pad;
      frac = frac.slice(exp);
    } else if (exp < 0) {
      const k = -exp;
      const pad = k > int.length ? "0".repeat(k - int.length) : "";
      frac = pad + int.slice(Math.max(0, int.length - k)) + frac;
      int = int.slice(0, Math.max(0, int.length - k));
    }
  }
  return joinDigits(m[1] === "-", int, frac);
}

/** Joins digit strings into canonical text: strips leading/trailing zeros, `-0` → `0`. */
export function joinDigits(negative: boolean, int: string, frac: string): string {
  let i = 0;
  while (i < int.length && int.charCodeAt(i) === 0x30) i++;
  let j = frac.length;
  while (j > 0 && frac.charCodeAt(j - 1) === 0x30) j--;
  const whole = i === int.length ? "0" : int.slice(i);
  const body = j > 0 ? `${whole}.${frac.slice(0, j)}` : whole;
  return negative && body !== "0" ? `-${body}` : body;
}

/**
 * The shortest text of a double, canonical: what a template author wrote as a
 * bound (`0.1`, not `0.1000000000000000055…`).
 */
export function shortestText(n: number): string {
  return canonicalNumber(String(n));
}

/**
 * Exact comparison of canonical decimal text with a double, as written
 * (`shortestText`). Rounding to double is monotonic, so differing doubles already
 * decide; only a tie needs the exact decimal comparison (e.g.
 * 0.1000000000000001 against 0.1).
 */
export function compareToNumber(text: string, n: number): number {
  const v = Number(text);
  if (v < n) return -1;
  if (v > n) return 1;
  return compareText(text, shortestText(n));
}

/** Compares two canonical decimal strings exactly. */
export function compareText(a: string, b: string): number {
  const aNegative = a.charCodeAt(0) === 0x2d;
  const bNegative = b.charCodeAt(0) === 0x2d;
  if (aNegative !== bNegative) return aNegative ? -1 : 1;
  const r = compareMagnitude(aNegative ? a.slice(1) : a, bNegative ? b.slice(1) : b);
  // Not -r: equal negatives would give -0, which is not 0 to Object.is (nor to a test's toBe).
  return aNegative ? 0 - r : r;
}

function compareMagnitude(a: string, b: string): number {
  const aDot = a.indexOf(".");
  const bDot = b.indexOf(".");
  const aIntLength = aDot < 0 ? a.length : aDot;
  const bIntLength = bDot < 0 ? b.length : bDot;
  // Canonical integer parts have no leading zeros, so length orders them.
  if (aIntLength !== bIntLength) return aIntLength < bIntLength ? -1 : 1;
  const aInt = a.slice(0, aIntLength);
  const bInt = b.slice(0, bIntLength);
  if (aInt !== bInt) return aInt < bInt ? -1 : 1;
  // Fractions compare digit by digit from the point, which is string order.
  const aFrac = aDot < 0 ? "" : a.slice(aDot + 1);
  const bFrac = bDot < 0 ? "" : b.slice(bDot + 1);
  if (aFrac === bFrac) return 0;
  return aFrac < bFrac ? -1 : 1;
}

/** Digits after the point: "12.50" → 2, "7" → 0. */
export function fractionDigits(text: string): number {
  const dot = text.indexOf(".");
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** Digits from the first non-zero one: "0.0012" → 2, "1200" → 4. */
export function significantDigits(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) continue;
    if (count > 0 || c !== 0x30) count++;
  }
  return count;
}

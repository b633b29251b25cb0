/**
 * Exact decimals for money and counts: value = m / 10^s with `m` a safe integer.
 *
 * Forms compare 万元 at two decimals exactly (0.10 + 0.20 = 0.30), so binary
 * floating point is never used for arithmetic. Plain integers keep the common
 * path as fast as hand-written code; BigInt is only used when an intermediate
 * would leave the safe-integer range. A result that still does not fit throws a
 * RangeError, which the evaluator turns into an invalid value.
 */
export interface Decimal {
  readonly m: number;
  readonly s: number;
}

/** Fractional digits kept by division (rounded half to even). */
export const DIVISION_SCALE = 10;

const POW10: number[] = [];
for (let i = 0, p = 1; i <= 15; i++, p *= 10) POW10.push(p);

export const ZERO: Decimal = { m: 0, s: 0 };

export function isDecimal(v: unknown): v is Decimal {
  return typeof v === "object" && v !== null && "m" in v && "s" in v;
}

/** Removes trailing fractional zeros so equal values have one representation. */
function make(m: number, s: number): Decimal {
  if (!Number.isSafeInteger(m)) throw new RangeError("数值超出范围");
  if (m === 0) return ZERO;
  while (s > 0 && m % 10 === 0) {
    m /= 10;
    s--;
  }
  return { m, s };
}

function fromBig(m: bigint, s: number): Decimal {
  while (s > 0 && m % 10n === 0n && m !== 0n) {
    m /= 10n;
    s--;
  }
  if (m > BigInt(Number.MAX_SAFE_INTEGER) || m < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError("数值超出范围");
  }
  return make(Number(m), s);
}

/** Parses canonical decimal text ("-12.5", "0.1", "7"); returns null for anything else. */
export function parseDecimal(text: string): Decimal | null {
  // A character loop: this runs for every numeric cell of every check.
  const n = text.length;
  let i = text.charCodeAt(0) === 45 /* - */ ? 1 : 0;
  const start = i;
  let m = 0;
  let scale = -1;
  let significant = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 /* . */) {
      if (scale >= 0 || i === start || i === n - 1) return null;
      scale = 0;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) return null;
    if (m !== 0 || d !== 0) significant++;
    m = m * 10 + d;
    if (scale >= 0) scale++;
  }
  if (i === start || significant > 15) return null;
  return make(start ? -m : m, scale < 0 ? 0 : scale);
}

export function fromInteger(n: number): Decimal {
  return make(n, 0);
}

/** The decimal m / 10^s, for a safe integer `m` (a count of 10^-s units); RangeError otherwise. */
export function fromUnits(m: number, s: number): Decimal {
  return make(m, s);
}

export function toText(d: Decimal): string {
  if (d.s === 0) return String(d.m);
  const neg = d.m < 0;
  const digits = String(Math.abs(d.m)).padStart(d.s + 1, "0");
  const cut = digits.length - d.s;
  return `${neg ? "-" : ""}${digits.slice(0, cut)}.${digits.slice(cut)}`;
}

/** a.m scaled up to `s` fractional digits (s ≥ a.s); NaN when that leaves the safe range. */
function scaled(a: Decimal, s: number): number {
  if (a.s === s) return a.m;
  const m = a.m * (POW10[s - a.s] ?? Infinity);
  return Number.isSafeInteger(m) ? m : NaN;
}

function big(d: Decimal, s: number): bigint {
  return BigInt(d.m) * 10n ** BigInt(s - d.s);
}

export function add(a: Decimal, b: Decimal): Decimal {
  if (a.m === 0) return b;
  if (b.m === 0) return a;
  const s = a.s > b.s ? a.s : b.s;
  const sum = scaled(a, s) + scaled(b, s);
  if (Number.isSafeInteger(sum)) return make(sum, s);
  return fromBig(big(a, s) + big(b, s), s);
}

export function negate(a: Decimal): Decimal {
  return a.m === 0 ? ZERO : { m: -a.m, s: a.s };
}

export function sub(a: Decimal, b: Decimal): Decimal {
  return add(a, negate(b));
}

export function mul(a: Decimal, b: Decimal): Decimal {
  const m = a.m * b.m;
  if (Number.isSafeInteger(m)) return make(m, a.s + b.s);
  return fromBig(BigInt(a.m) * BigInt(b.m), a.s + b.s);
}

/**
 * Division rounded half to even at DIVISION_SCALE digits — or at fewer when the
 * quotient is too large for that many (a mantissa is a safe integer: from ~9×10^5
 * up, 10 decimals may not fit), so that 99999999999 ÷ 7 is 14285714285.57143,
 * not out of range. A calculation that rounds such a quotient again (to 2
 * decimals) may then be one unit off in a tie made by the first rounding — far
 * rarer than the INVALID it replaces. Null when dividing by zero.
 */
export function div(a: Decimal, b: Decimal): Decimal | null {
  if (b.m === 0) return null;
  // a/b = (a.m / b.m) * 10^(b.s - a.s); compute q = a/b * 10^DIVISION_SCALE.
  const shift = DIVISION_SCALE + b.s - a.s;
  // Fast path: when the scaled dividend is a safe integer, number division is exact enough
  // to find the quotient and `%` gives the exact remainder for rounding.
  if (shift >= 0 && shift <= 15) {
    const n = a.m * (POW10[shift] as number);
    if (Number.isSafeInteger(n)) {
      const d = Math.abs(b.m);
      const signed = b.m < 0 ? -n : n;
      let q = Math.trunc(signed / d);
      const r = Math.abs(signed - q * d);
      if (Number.isSafeInteger(q * d) && r < d) {
        if (2 * r > d || (2 * r === d && q % 2 !== 0)) q += signed < 0 ? -1 : 1;
        return make(q, DIVISION_SCALE);
      }
    }
  }
  const limit = BigInt(Number.MAX_SAFE_INTEGER);
  for (let scale = DIVISION_SCALE; ; scale--) {
    const q = bigQuotient(a, b, scale);
    if ((q < 0n ? -q : q) <= limit || scale === 0) return fromBig(q, scale);
  }
}

/** a/b × 10^scale rounded half to even, exactly. */
function bigQuotient(a: Decimal, b: Decimal, scale: number): bigint {
  const shift = scale + b.s - a.s;
  let num = BigInt(a.m);
  let den = BigInt(b.m);
  if (shift >= 0) num *= 10n ** BigInt(shift);
  else den *= 10n ** BigInt(-shift);
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  let q = num / den;
  const r = num % den;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice > den || (twice === den && q % 2n !== 0n)) q += num < 0n ? -1n : 1n;
  return q;
}

export function compare(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const s = a.s > b.s ? a.s : b.s;
  const am = scaled(a, s);
  const bm = scaled(b, s);
  if (am === am && bm === bm) return am < bm ? -1 : am > bm ? 1 : 0; // neither is NaN
  const x = big(a, s);
  const y = big(b, s);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Rounds half away from zero to `digits` fractional digits (as 四舍五入 on the forms). */
export function round(a: Decimal, digits: number): Decimal {
  if (a.s <= digits) return a;
  const drop = a.s - digits;
  const p = POW10[drop];
  if (p === undefined) return ZERO;
  const abs = Math.abs(a.m);
  const q = Math.floor(abs / p) + (abs % p >= p / 2 ? 1 : 0);
  return make(a.m < 0 ? -q : q, digits);
}

export function abs(a: Decimal): Decimal {
  return a.m < 0 ? negate(a) : a;
}

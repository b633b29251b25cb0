/**
 * Exact sums of canonical decimal text, for consolidation: a subtree's totals
 * are summed in JS (`ExactSum`) or inside D1 as integers of millionths
 * (`report_cells.num`, worker/migrations/0003) and turned back into text here.
 */
import { joinDigits } from "./text";
import { fromUnits, toText } from "./value";

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * An exact running sum of canonical decimals. 3,000 × 60 values go through it
 * per consolidation, so the common case stays on plain integers without
 * allocating: the sum is kept in units of 10^-scale (the cell's declared scale)
 * while it is a safe integer. Anything else — more fractional digits, or a sum
 * past 2^53 units — is added exactly with BigInt.
 */
export class ExactSum {
  private units = 0;
  private big = 0n;
  private bigScale: number;
  count = 0;
  constructor(private readonly scale: number) {
    this.bigScale = scale;
  }

  /** Adds canonical decimal text; false (and nothing added) when it is not a number. */
  add(text: string): boolean {
    const units = unitsAt(text, this.scale);
    if (units === units) {
      const next = this.units + units;
      if (Number.isSafeInteger(next)) {
        this.units = next;
        this.count++;
        return true;
      }
    }
    const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
    if (!m) return false;
    const frac = m[3] ?? "";
    if (frac.length > this.bigScale) {
      this.big *= 10n ** BigInt(frac.length - this.bigScale);
      this.bigScale = frac.length;
    }
    const v = BigInt((m[2] as string) + frac.padEnd(this.bigScale, "0"));
    this.big += m[1] ? -v : v;
    this.count++;
    return true;
  }

  /** The sum as canonical decimal text. */
  text(): string {
    if (this.big === 0n && this.bigScale === this.scale) return scaledText(this.units, this.scale);
    return scaledText(this.big + BigInt(this.units) * 10n ** BigInt(this.bigScale - this.scale), this.bigScale);
  }
}

/** Fractional digits of `report_cells.num` (migration 0003): every template scale fits. */
export const NUM_SCALE = 6;

/** Canonical text of a sum of `report_cells.num` (an integer of millionths, as SQLite's text). */
export function fromMillionths(n: string | bigint): string {
  return scaledText(BigInt(n), NUM_SCALE);
}

/** Canonical text of n / 10^scale; a number must be a safe integer. */
export function scaledText(n: number | bigint, scale: number): string {
  if (typeof n === "number") {
    if (scale === 0) return String(n);
    if (Number.isSafeInteger(n)) return toText(fromUnits(n, scale));
    n = BigInt(n);
  }
  const neg = n < 0n;
  const digits = (neg ? -n : n).toString().padStart(scale + 1, "0");
  const cut = digits.length - scale;
  return joinDigits(neg, digits.slice(0, cut), digits.slice(cut));
}

/**
 * `text` × 10^scale as an exact integer, with no allocation: plain decimal text
 * with at most `scale` fractional digits that stays a safe integer. NaN for
 * anything else (the caller falls back to BigInt).
 */
function unitsAt(text: string, scale: number): number {
  const n = text.length;
  let i = text.charCodeAt(0) === 45 /* - */ ? 1 : 0;
  const start = i;
  let m = 0;
  let frac = -1;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 /* . */) {
      if (frac >= 0 || i === start || i === n - 1) return NaN;
      frac = 0;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) return NaN;
    m = m * 10 + d;
    if (frac >= 0) frac++;
  }
  if (i === start || frac > scale) return NaN;
  m *= POW10[frac < 0 ? scale : scale - frac] as number;
  if (!Number.isSafeInteger(m)) return NaN;
  return start ? -m : m;
}

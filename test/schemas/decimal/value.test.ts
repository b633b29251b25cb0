import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as D from "../../../schemas/decimal";

const d = (text: string) => {
  const v = D.parseDecimal(text);
  if (!v) throw new Error(`bad decimal ${text}`);
  return v;
};

describe("decimal", () => {
  it("adds money exactly at its scale", () => {
    expect(D.toText(D.add(d("0.1"), d("0.2")))).toBe("0.3");
    expect(D.compare(D.add(d("0.1"), d("0.2")), d("0.3"))).toBe(0);
    expect(D.toText(D.sub(d("82.5"), d("30.25")))).toBe("52.25");
  });

  it("keeps one representation per value", () => {
    expect(D.parseDecimal("1.50")).toEqual(D.parseDecimal("1.5"));
    expect(D.toText(d("-0.0"))).toBe("0");
    expect(D.toText(d("0.05"))).toBe("0.05");
    expect(D.toText(d("-12.345"))).toBe("-12.345");
  });

  it("divides to ten digits, half to even", () => {
    expect(D.toText(D.div(d("1"), d("3")) as D.Decimal)).toBe("0.3333333333");
    expect(D.toText(D.div(d("2"), d("3")) as D.Decimal)).toBe("0.6666666667");
    expect(D.toText(D.div(d("82.5"), d("0.05")) as D.Decimal)).toBe("1650");
    expect(D.div(d("1"), d("0"))).toBeNull();
    // A large quotient keeps 15–16 significant digits instead of going out of range.
    expect(D.toText(D.div(d("1000001"), d("3")) as D.Decimal)).toBe("333333.6666666667");
    expect(D.toText(D.div(d("-99999999999"), d("7")) as D.Decimal)).toBe("-14285714285.57143");
  });

  it("divides the same on the fast path and the exact path (property)", () => {
    const big = (n: bigint, d: bigint) => {
      // Reference: exact rational rounding half to even, in BigInt.
      const scale = 10n ** 10n;
      let num = n * scale;
      let den = d;
      if (den < 0n) [num, den] = [-num, -den];
      let q = num / den;
      const r = num % den;
      const twice = (r < 0n ? -r : r) * 2n;
      if (twice > den || (twice === den && q % 2n !== 0n)) q += num < 0n ? -1n : 1n;
      return q;
    };
    fc.assert(
      fc.property(
        fc.integer({ min: -1e6, max: 1e6 }),
        fc.integer({ min: -1e6, max: 1e6 }).filter((x) => x !== 0),
        (a, b) => {
          const q = D.div(D.fromInteger(a), D.fromInteger(b)) as D.Decimal;
          // The reference quotient as canonical text: 10 fractional digits, trailing zeros dropped.
          const scaled = big(BigInt(a), BigInt(b));
          const digits = (scaled < 0n ? -scaled : scaled).toString().padStart(11, "0");
          const text = `${scaled < 0n ? "-" : ""}${digits.slice(0, -10)}.${digits.slice(-10)}`.replace(/\.?0+$/, "");
          expect(D.toText(q)).toBe(text === "-0" ? "0" : text);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("rounds half away from zero like 四舍五入", () => {
    expect(D.toText(D.round(d("2.345"), 2))).toBe("2.35");
    expect(D.toText(D.round(d("-2.345"), 2))).toBe("-2.35");
    expect(D.toText(D.round(d("2.344"), 2))).toBe("2.34");
  });

  it("rejects text that is not canonical decimal", () => {
    for (const bad of ["", "1e5", "1,000", "+1", "1.", ".5", "abc", "1234567890123456"]) {
      expect(D.parseDecimal(bad)).toBeNull();
    }
  });

  it("agrees with integer arithmetic on cents (property)", () => {
    const cents = fc.integer({ min: -1e12, max: 1e12 });
    fc.assert(
      fc.property(cents, cents, (a, b) => {
        const x = D.fromInteger(a);
        const y = D.fromInteger(b);
        const scaled = (n: number) => D.div(n === 0 ? D.ZERO : D.fromInteger(n), D.fromInteger(100)) as D.Decimal;
        expect(D.toText(D.add(scaled(a), scaled(b)))).toBe(D.toText(scaled(a + b)));
        expect(D.compare(x, y)).toBe(Math.sign(a - b));
      }),
    );
  });

  it("falls back to exact big arithmetic past the safe range, or says it overflowed", () => {
    const big = d("999999999999999");
    expect(D.compare(D.mul(big, d("0.001")), d("999999999999.999"))).toBe(0);
    expect(() => D.mul(big, big)).toThrow(RangeError);
  });
});

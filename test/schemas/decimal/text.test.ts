import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as D from "../../../schemas/decimal";

/** Canonical decimal text with up to 15 significant digits, as stored values are. */
const canonical = fc
  .tuple(fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n }), fc.integer({ min: 0, max: 8 }))
  .map(([m, s]) => D.scaledText(m, s));

describe("canonical decimal text", () => {
  it("joins digits without leading or trailing zeros, and no -0", () => {
    expect(D.joinDigits(false, "007", "500")).toBe("7.5");
    expect(D.joinDigits(true, "0", "000")).toBe("0");
    expect(D.joinDigits(true, "", "25")).toBe("-0.25");
  });

  it("counts fractional and significant digits", () => {
    expect(D.fractionDigits("12.50")).toBe(2);
    expect(D.fractionDigits("-7")).toBe(0);
    expect(D.significantDigits("0.0012")).toBe(2);
    expect(D.significantDigits("-1200")).toBe(4);
  });

  it("compares text exactly at any length", () => {
    expect(D.compareText("-2", "-10")).toBe(1);
    expect(D.compareText("0.1", "0.09")).toBe(1);
    expect(D.compareText("123456789012345678901", "123456789012345678902")).toBe(-1);
    expect(D.compareText("1.5", "1.5")).toBe(0);
    expect(D.compareText("-1.5", "-1.5")).toBe(0); // not -0
  });

  it("compares text as the Decimal arithmetic does", () => {
    fc.assert(
      fc.property(canonical, canonical, (a, b) => {
        expect(D.compareText(a, b)).toBe(D.compare(D.parseDecimal(a) as D.Decimal, D.parseDecimal(b) as D.Decimal));
      }),
    );
  });

  it("compares with a double as its author wrote it", () => {
    expect(D.shortestText(0.1)).toBe("0.1");
    expect(D.shortestText(1e21)).toBe("1000000000000000000000");
    expect(D.compareToNumber("0.1000000000000001", 0.1)).toBe(1);
    expect(D.compareToNumber("0.1", 0.1)).toBe(0);
    expect(D.compareToNumber("-5", 0)).toBe(-1);
  });
});

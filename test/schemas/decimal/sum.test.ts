import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as D from "../../../schemas/decimal";
import { ExactSum } from "../../../schemas/decimal";

/** The consolidation's adder: exact on the fast integer path and past it. */
function sum(scale: number, texts: string[]): { text: string; count: number } {
  const s = new ExactSum(scale);
  for (const t of texts) s.add(t);
  return { text: s.text(), count: s.count };
}

describe("ExactSum", () => {
  it("adds decimals exactly at the cell's scale", () => {
    expect(sum(2, ["0.1", "0.2"]).text).toBe("0.3");
    expect(sum(2, ["10.25", "0.2", "0.1"]).text).toBe("10.55");
    expect(sum(2, ["1.5", "1.5"]).text).toBe("3");
    expect(sum(0, ["7", "3", "1200"]).text).toBe("1210");
    expect(sum(2, ["-0.05", "0.05"]).text).toBe("0");
    expect(sum(2, ["-1.25", "0.05"]).text).toBe("-1.2");
  });

  it("keeps values with more fractional digits than the scale exact", () => {
    expect(sum(0, ["0.001", "2"]).text).toBe("2.001");
    expect(sum(2, ["0.125", "0.005", "1"]).text).toBe("1.13");
  });

  it("stays exact past 2^53 units", () => {
    expect(sum(2, ["9007199254740.99", "9007199254740.99", "0.02"]).text).toBe("18014398509482");
    expect(sum(0, Array(3).fill("999999999999999")).text).toBe("2999999999999997");
  });

  it("ignores what is not a number and counts what it added", () => {
    expect(sum(2, ["1e5", "abc", "", "1.", ".5", "1"])).toEqual({ text: "1", count: 1 });
    expect(sum(2, []).count).toBe(0);
  });
});

describe("scaled integers", () => {
  it("reads D1's sums of millionths (report_cells.num) back as canonical text", () => {
    expect(D.fromMillionths(1_500_000n)).toBe("1.5");
    expect(D.fromMillionths("-250000")).toBe("-0.25");
    expect(D.fromMillionths("0")).toBe("0");
    expect(D.fromMillionths("12345678901234567890")).toBe("12345678901234.56789");
  });

  it("writes n / 10^scale the same from a number and from a BigInt", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), fc.integer({ min: 0, max: 20 }), (n, scale) => {
        const text = D.scaledText(n, scale);
        expect(D.scaledText(BigInt(n), scale)).toBe(text);
        expect(D.canonicalNumber(`${n}e-${scale}`)).toBe(text);
      }),
    );
  });

  it("sums exactly, whatever the scale it was made for", () => {
    // Values with up to 4 fractional digits as BigInt ten-thousandths: the reference sum.
    const value = fc.tuple(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 4 }));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 }), fc.array(value, { maxLength: 30 }), (scale, values) => {
        const s = new ExactSum(scale);
        for (const [m, k] of values) s.add(D.scaledText(m, k));
        const expected = values.reduce((acc, [m, k]) => acc + BigInt(m) * 10n ** BigInt(4 - k), 0n);
        expect(s.text()).toBe(D.scaledText(expected, 4));
        expect(s.count).toBe(values.length);
      }),
    );
  });
});

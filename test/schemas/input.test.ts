import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { canonicalNumber } from "../../schemas/decimal";
import { normaliseNumberText, parseInput, type InputSpec } from "../../schemas/input";

const W = "第 1 项「共筹集资金」";
const WAN: InputSpec = { kind: "decimal", scale: 2, unit: "万元", min: 0 };
const PEOPLE: InputSpec = { kind: "integer", scale: 0, unit: "人", min: 0 };
const YUAN: InputSpec = { kind: "money", scale: 2, unit: "元", min: 0 };

function value(spec: InputSpec, raw: unknown): string | null {
  const r = parseInput(spec, raw, W);
  if (!r.ok) throw new Error(`expected ok, got: ${r.message}`);
  return r.value;
}

function message(spec: InputSpec, raw: unknown): string {
  const r = parseInput(spec, raw, W);
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.value)}`);
  return r.message;
}

describe("canonicalNumber", () => {
  it.each([
    ["0.10", "0.1"],
    ["-0", "0"],
    ["-0.00", "0"],
    ["1.00", "1"],
    ["007", "7"],
    ["+5", "5"],
    ["1.", "1"],
    [".5", "0.5"],
    ["-012.340", "-12.34"],
    ["1e-7", "0.0000001"],
    ["1.5e3", "1500"],
    ["1.2345e2", "123.45"],
    ["12e-5", "0.00012"],
    ["1e+21", "1000000000000000000000"],
    ["-4.5E-2", "-0.045"],
  ])("%s → %s", (input, expected) => {
    expect(canonicalNumber(input)).toBe(expected);
  });

  it("throws a RangeError for text that is not a number", () => {
    for (const bad of ["", ".", "-", "1,234", "12a", "1e", "e5", "１"]) {
      expect(() => canonicalNumber(bad)).toThrow(RangeError);
    }
  });
});

describe("normaliseNumberText", () => {
  it("maps full-width digits, point, comma and signs, and trims every kind of space", () => {
    expect(normaliseNumberText("１２３")).toBe("123");
    expect(normaliseNumberText("－１，２３４．５")).toBe("-1,234.5");
    expect(normaliseNumberText("＋７")).toBe("+7");
    expect(normaliseNumberText("\u3000 12\u00a0\t")).toBe("12");
    expect(normaliseNumberText("\u200b12\u200b")).toBe("12");
    expect(normaliseNumberText("- 12")).toBe("-12");
    expect(normaliseNumberText("\u2212 12")).toBe("-12");
  });

  it("keeps spaces between digits, so they stay an error", () => {
    expect(normaliseNumberText("1 234")).toBe("1 234");
  });
});

describe("parseInput: blanks", () => {
  it.each([null, undefined, "", "   ", "\u3000", "\u00a0\u3000 ", "\u200b"])("%j is blank for every kind", (raw) => {
    for (const spec of [WAN, PEOPLE, YUAN, { kind: "text" }, { kind: "date" }, { kind: "idcard" }] as InputSpec[]) {
      expect(parseInput(spec, raw, W)).toEqual({ ok: true, value: null });
    }
  });
});

describe("parseInput: numbers", () => {
  it("accepts plain, full-width, signed and spaced input", () => {
    expect(value(WAN, "12")).toBe("12");
    expect(value(WAN, "１２３")).toBe("123");
    expect(value(WAN, "１２．５")).toBe("12.5");
    expect(value(WAN, "12.5  ")).toBe("12.5");
    expect(value(WAN, "\u300012.50\u3000")).toBe("12.5");
    expect(value(WAN, "+3")).toBe("3");
    expect(value(WAN, "0.10")).toBe("0.1");
    expect(value(WAN, "-0")).toBe("0");
    expect(value(WAN, "007")).toBe("7");
  });

  it("accepts thousands separators only in groups of three", () => {
    expect(value(WAN, "1,234,567.5")).toBe("1234567.5");
    expect(value(WAN, "1,234.00")).toBe("1234");
    expect(value(WAN, "１，２３４")).toBe("1234");
    expect(value(PEOPLE, "12,345")).toBe("12345");
    for (const bad of ["12,34", "1,2345", "1234,567", ",123", "0,123", "1,234.5,6", "1,,234", "1 234"]) {
      expect(message(WAN, bad)).toBe(`${W}应填写数字（万元，最多 2 位小数），“${bad}” 无法识别`);
    }
  });

  it("names the cell, the expected unit and what was typed", () => {
    expect(message(WAN, "12a")).toBe("第 1 项「共筹集资金」应填写数字（万元，最多 2 位小数），“12a” 无法识别");
    expect(message(PEOPLE, "十二")).toBe("第 1 项「共筹集资金」应填写整数（人），“十二” 无法识别");
    expect(message(YUAN, "￥12")).toBe("第 1 项「共筹集资金」应填写金额（元，最多 2 位小数），“￥12” 无法识别");
    expect(message({ kind: "decimal", scale: 1 }, "x")).toBe(`${W}应填写数字（最多 1 位小数），“x” 无法识别`);
    expect(message({ kind: "integer", scale: 0 }, "x")).toBe(`${W}应填写整数，“x” 无法识别`);
  });

  it("rejects exponents, lone signs and points in text", () => {
    for (const bad of ["1e5", "1E-2", "-", "+", ".", "--1", "1-", "0x10", "Infinity", "NaN", "1.2.3"]) {
      expect(parseInput(WAN, bad, W).ok).toBe(false);
    }
  });

  it("rejects a fraction in an integer cell but accepts trailing zeros", () => {
    expect(message(PEOPLE, "1.234")).toBe("第 1 项「共筹集资金」应填写整数（人），“1.234” 不是整数");
    expect(message(PEOPLE, "0.5")).toContain("不是整数");
    expect(message(PEOPLE, 1.5)).toContain("不是整数");
    expect(value(PEOPLE, "1.0")).toBe("1");
    expect(value(PEOPLE, "1.00")).toBe("1");
    expect(value(PEOPLE, 3)).toBe("3");
  });

  it("rejects more fractional digits than the scale, after dropping trailing zeros", () => {
    expect(message(WAN, "1.234")).toBe("第 1 项「共筹集资金」最多 2 位小数，“1.234” 有 3 位小数");
    expect(value(WAN, "1.230")).toBe("1.23");
    expect(value(WAN, "1.2300000")).toBe("1.23");
    expect(message(YUAN, 0.001)).toContain("最多 2 位小数");
    expect(value({ kind: "decimal", scale: 6 }, "0.000001")).toBe("0.000001");
    expect(message({ kind: "decimal", scale: 0 }, "2.5")).toBe(`${W}应填写整数，“2.5” 不是整数`);
  });

  it("enforces min and max exactly", () => {
    expect(message(WAN, "-1")).toBe("第 1 项「共筹集资金」不能小于 0");
    expect(message(WAN, "-0.01")).toBe(`${W}不能小于 0`);
    expect(value(WAN, "-0.00")).toBe("0");
    const pct: InputSpec = { kind: "decimal", scale: 6, min: 0.1, max: 100 };
    expect(value(pct, "0.1")).toBe("0.1");
    expect(value(pct, "100")).toBe("100");
    expect(value(pct, "100.000")).toBe("100");
    expect(message(pct, "100.000001")).toBe(`${W}不能大于 100`);
    expect(message(pct, "0.099999")).toBe(`${W}不能小于 0.1`);
    // Both round to the double 0.1; only an exact comparison separates them.
    const fine: InputSpec = { kind: "decimal", scale: 15, min: 0.1 };
    expect(value(fine, "0.100000000000001")).toBe("0.100000000000001");
    expect(message(fine, "0.099999999999999")).toBe(`${W}不能小于 0.1`);
    const negative: InputSpec = { kind: "money", scale: 2, min: -5, max: -1 };
    expect(value(negative, "-5")).toBe("-5");
    expect(message(negative, "-5.01")).toBe(`${W}不能小于 -5`);
    expect(message(negative, "-0.99")).toBe(`${W}不能大于 -1`);
  });

  it("ignores bounds that are not finite numbers", () => {
    expect(value({ kind: "decimal", scale: 0, min: Number.NaN, max: Number.POSITIVE_INFINITY }, "-7")).toBe("-7");
  });

  it("accepts JS numbers from Excel, without exponent and without binary noise", () => {
    expect(value(WAN, 12.5)).toBe("12.5");
    expect(value(WAN, -0)).toBe("0");
    expect(value(WAN, 0.1 + 0.2)).toBe("0.3");
    expect(value({ kind: "decimal", scale: 6 }, 1e-6)).toBe("0.000001");
    expect(value({ kind: "decimal", scale: 0 }, 1e14)).toBe("100000000000000");
    expect(message({ kind: "decimal", scale: 6 }, 1e-7)).toBe(`${W}最多 6 位小数，“0.0000001” 有 7 位小数`);
    expect(message(WAN, Number.NaN)).toBe(`${W}应填写数字（万元，最多 2 位小数），“NaN” 无法识别`);
    expect(parseInput(WAN, Number.POSITIVE_INFINITY, W).ok).toBe(false);
    expect(parseInput(WAN, Number.NEGATIVE_INFINITY, W).ok).toBe(false);
  });

  it("refuses more than 15 significant digits", () => {
    expect(value({ kind: "decimal", scale: 0 }, "123456789012345")).toBe("123456789012345");
    expect(message({ kind: "decimal", scale: 0 }, "1234567890123456")).toContain("最多 15 位有效数字");
    expect(message({ kind: "decimal", scale: 0 }, 1e21)).toContain("最多 15 位有效数字");
  });

  it("rejects booleans, objects and formula errors", () => {
    expect(message(WAN, true)).toBe(`${W}应填写数字（万元，最多 2 位小数），“TRUE” 无法识别`);
    expect(message(WAN, {})).toBe(`${W}的内容无法识别`);
    expect(message(WAN, [1])).toBe(`${W}的内容无法识别`);
    expect(message(WAN, "#DIV/0!")).toBe(`${W}的公式出错（#DIV/0!），请检查公式`);
    expect(message(WAN, "#N/A")).toContain("公式出错");
  });

  it("shortens a long paste in the message", () => {
    const m = message(WAN, "这是一段很长很长很长很长很长很长很长很长的说明文字");
    expect(m).toContain("“这是一段很长很长很长很长很长很长很长很长…” 无法识别");
  });
});

describe("parseInput: text and enum", () => {
  it("refuses NUL, other control characters, bidi overrides and lone surrogates, naming the cell", () => {
    for (const [raw, named] of [
      ["张\u0000三", "U+0000（空字符）"],
      ["a\u0007b", "U+0007（控制字符）"],
      ["a\u001Bb", "U+001B（控制字符）"],
      ["x\u007F", "U+007F（控制字符）"],
      ["\u202Efdp.exe", "U+202E（文字方向控制符）"],
      ["a\u2066b\u2069", "U+2066（文字方向控制符）"],
      ["a\uD800b", "U+D800（不成对的代理项）"],
      ["a\uDC00", "U+DC00（不成对的代理项）"],
    ] as [string, string][]) {
      for (const spec of [{ kind: "text" }, { kind: "enum", options: ["a"] }, { kind: "idcard" }] as InputSpec[]) {
        expect(message(spec, raw)).toMatch(new RegExp(`^${W}含有不允许的字符 ${named.replace(/[()+]/g, "\\$&")}`));
      }
    }
  });

  it("keeps a line break (Alt+Enter), a tab and a character outside the BMP", () => {
    expect(value({ kind: "text" }, "第一行\n第二行")).toBe("第一行\n第二行");
    expect(value({ kind: "text" }, "a\tb")).toBe("a\tb");
    expect(value({ kind: "text" }, "𠀀")).toBe("𠀀");
  });

  it("trims text and counts characters as code points", () => {
    expect(value({ kind: "text" }, "  张三 ")).toBe("张三");
    expect(value({ kind: "text" }, "a  b")).toBe("a  b");
    expect(value({ kind: "text", maxLength: 2 }, "𠀀𠀀")).toBe("𠀀𠀀"); // two characters, four UTF-16 units
    expect(message({ kind: "text", maxLength: 2 }, "张三丰")).toBe(`${W}最多 2 个字（现有 3 个字）`);
    expect(value({ kind: "text" }, 12.5)).toBe("12.5");
    expect(value({ kind: "text" }, false)).toBe("FALSE");
  });

  const STAGES: InputSpec = { kind: "enum", options: ["学前教育", "义务教育", "高中教育", "A类", "其他（请注明）"] };

  it("accepts an option, also typed with other widths, case or stray spaces", () => {
    expect(value(STAGES, "义务教育")).toBe("义务教育");
    expect(value(STAGES, " 义务教育\u3000")).toBe("义务教育");
    expect(value(STAGES, "义务 教育")).toBe("义务教育");
    expect(value(STAGES, "Ａ类")).toBe("A类");
    expect(value(STAGES, "a类")).toBe("A类");
    expect(value(STAGES, "其他(请注明)")).toBe("其他（请注明）");
  });

  it("lists the options otherwise", () => {
    expect(message(STAGES, "大学")).toBe(
      `${W}应为以下之一：学前教育、义务教育、高中教育、A类、其他（请注明），“大学” 不在其中`,
    );
  });

  it("does not guess between options that differ only in width or case", () => {
    const spec: InputSpec = { kind: "enum", options: ["A", "ａ"] };
    expect(value(spec, "A")).toBe("A");
    expect(value(spec, "ａ")).toBe("ａ");
    expect(parseInput(spec, "Ａ", W).ok).toBe(false);
  });

  it("abbreviates a long option list", () => {
    const options = Array.from({ length: 30 }, (_, i) => `选项${i + 1}`);
    const m = message({ kind: "enum", options }, "x");
    expect(m).toContain("选项12等 30 项");
    expect(m).not.toContain("选项13");
  });
});

describe("parseInput: dates", () => {
  const DATE: InputSpec = { kind: "date" };
  it.each([
    ["2022-09-01", "2022-09-01"],
    ["2022/9/1", "2022-09-01"],
    ["2022.9.1", "2022-09-01"],
    ["2022年9月1日", "2022-09-01"],
    ["2022 年 9 月 1 日", "2022-09-01"],
    ["2022年09月01", "2022-09-01"],
    ["２０２２－０９－０１", "2022-09-01"],
    ["20220901", "2022-09-01"],
    ["2024-02-29", "2024-02-29"],
    ["2000-02-29", "2000-02-29"],
    ["2022-09-01 00:00:00", "2022-09-01"],
    ["2022/9/1 8:30", "2022-09-01"],
    ["45000", "2023-03-15"],
    ["1", "1900-01-01"],
    ["59", "1900-02-28"],
    ["61", "1900-03-01"],
    ["2958465", "9999-12-31"],
  ])("%s → %s", (raw, expected) => {
    expect(value(DATE, raw)).toBe(expected);
  });

  it("converts Excel serial numbers in the 1900 date system", () => {
    expect(value(DATE, 45000)).toBe("2023-03-15");
    expect(value(DATE, 44805)).toBe("2022-09-01");
    expect(value(DATE, 45000.75)).toBe("2023-03-15"); // time of day dropped
    expect(value(DATE, 61)).toBe("1900-03-01");
    expect(value(DATE, 36526)).toBe("2000-01-01");
    expect(message(DATE, 60)).toBe(`${W}的日期序号 60 对应 Excel 中不存在的 1900-02-29`);
    expect(message(DATE, "60")).toContain("1900-02-29");
    for (const bad of [0, -1, 0.5, 2958466]) expect(message(DATE, bad)).toContain("应填写日期");
  });

  it("agrees with Date for every 997th serial (independent check)", () => {
    for (let serial = 61; serial <= 2958465; serial += 997) {
      if (serial >= 1900 && serial <= 2099) continue;
      const expected = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);
      expect(parseInput(DATE, serial, W)).toEqual({ ok: true, value: expected });
    }
  });

  it("rejects impossible dates and a bare year", () => {
    expect(message(DATE, "2023-02-29")).toBe(`${W}“2023-02-29” 不是有效日期`);
    expect(message(DATE, "1900-02-29")).toContain("不是有效日期");
    expect(message(DATE, "2022-13-01")).toContain("不是有效日期");
    expect(message(DATE, "2022/4/31")).toContain("不是有效日期");
    expect(message(DATE, "20220230")).toContain("不是有效日期");
    expect(message(DATE, "1899-12-31")).toContain("1900 年以后");
    expect(message(DATE, "2022")).toBe(`${W}应填写完整日期（如 2022-09-01），“2022” 只有年份`);
    expect(message(DATE, 2022)).toContain("只有年份");
    for (const bad of ["2022-9/1", "22-9-1", "2022年9月", "9/1/2022", "明天", "2022-09-01x", "45000.5", "TRUE"]) {
      expect(message(DATE, bad)).toBe(`${W}应填写日期（如 2022-09-01），“${bad}” 无法识别`);
    }
  });
});

describe("parseInput: idcard, bankcard, phone", () => {
  const ID: InputSpec = { kind: "idcard", today: "2025-06-30" };
  const where = "名册第 3 行「身份证号」";

  it("delegates to the checks and prefixes what is wrong", () => {
    expect(parseInput(ID, " 11010519491231002x ", where)).toEqual({ ok: true, value: "11010519491231002X" });
    expect(parseInput(ID, "１１０１０５１９４９１２３１００２Ｘ", where)).toEqual({
      ok: true,
      value: "11010519491231002X",
    });
    expect(parseInput(ID, "110105194912310021", where)).toEqual({
      ok: false,
      message: "名册第 3 行「身份证号」身份证号校验码不正确",
    });
    expect(parseInput(ID, 110105194912310020, where)).toMatchObject({
      ok: false,
      message: expect.stringContaining("被 Excel 当作数字保存"),
    });

    expect(parseInput({ kind: "bankcard" }, "4111-1111-1111-1111", W)).toEqual({ ok: true, value: "4111111111111111" });
    expect(parseInput({ kind: "bankcard" }, "4111111111111112", W)).toEqual({
      ok: false,
      message: `${W}银行卡号校验位不正确，请核对卡号`,
    });
    // A short card number stored as a number is still exact (411111111117 is Luhn-valid).
    expect(parseInput({ kind: "bankcard" }, 411111111117, W)).toEqual({ ok: true, value: "411111111117" });
    expect(parseInput({ kind: "bankcard" }, 411111111111, W)).toMatchObject({ ok: false });
    expect(parseInput({ kind: "bankcard" }, 4111111111111111, W)).toMatchObject({
      ok: false,
      message: expect.stringContaining("被 Excel 当作数字保存"),
    });

    expect(parseInput({ kind: "phone" }, "0559-2315822", W)).toEqual({ ok: true, value: "0559-2315822" });
    expect(parseInput({ kind: "phone" }, "63211939-3151", W)).toEqual({ ok: true, value: "63211939-3151" });
    expect(parseInput({ kind: "phone" }, "（０２１）６３２１１９３９", W)).toEqual({ ok: true, value: "021-63211939" });
    expect(parseInput({ kind: "phone" }, 13812345678, W)).toEqual({ ok: true, value: "13812345678" });
    expect(parseInput({ kind: "phone" }, "12345", W)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^第 1 项「共筹集资金」电话号码格式不正确/),
    });
  });
});

// ---------------------------------------------------------------------------
// Properties

const numberSpec = fc.record({
  kind: fc.constantFrom("integer" as const, "decimal" as const, "money" as const),
  scale: fc.integer({ min: 0, max: 6 }),
  unit: fc.option(fc.constantFrom("万元", "元", "人"), { nil: undefined }),
  min: fc.option(fc.double(), { nil: undefined }),
  max: fc.option(fc.double(), { nil: undefined }),
});
const anySpec: fc.Arbitrary<InputSpec> = fc.oneof(
  numberSpec,
  fc.record({
    kind: fc.constant("text" as const),
    maxLength: fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
  }),
  fc.record({
    kind: fc.constant("enum" as const),
    options: fc.array(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 5 }),
  }),
  fc.constant({ kind: "date" as const }),
  fc.constant({ kind: "idcard" as const, today: "2025-06-30" }),
  fc.constant({ kind: "bankcard" as const }),
  fc.constant({ kind: "phone" as const }),
);

/** Text that looks like numbers, dates and ids, so the properties reach past the first check. */
const numberish = fc.string({
  unit: fc.constantFrom(..."0123456789０１２.,，．-－+ \u3000eE年月日/xX#"),
  maxLength: 20,
});

describe("properties", () => {
  it("parseInput never throws and always answers in the documented shape", () => {
    fc.assert(
      fc.property(anySpec, fc.oneof(fc.anything(), numberish, fc.double(), fc.string()), (spec, raw) => {
        const r = parseInput(spec, raw, W);
        if (r.ok) expect(r.value === null || typeof r.value === "string").toBe(true);
        else expect(r.message.startsWith(W)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("number results are canonical and parse back to themselves", () => {
    fc.assert(
      fc.property(numberSpec, fc.oneof(numberish, fc.double(), fc.integer()), (spec, raw) => {
        const r = parseInput(spec, raw, W);
        if (!r.ok || r.value === null) return;
        expect(canonicalNumber(r.value)).toBe(r.value);
        expect(parseInput(spec, r.value, W)).toEqual(r);
      }),
      { numRuns: 3000 },
    );
  });

  const digits = (maxLength: number) => fc.string({ unit: fc.constantFrom(..."0123456789"), maxLength });
  const decimalText = fc
    .tuple(fc.constantFrom("", "-", "+"), digits(9), digits(6))
    .filter(([, int, frac]) => int !== "" || frac !== "")
    .map(([sign, int, frac]) => (frac === "" ? sign + int : `${sign}${int}.${frac}`));

  it("canonicalNumber is idempotent and its value round-trips through parseInput", () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        const canonical = canonicalNumber(text);
        expect(canonicalNumber(canonical)).toBe(canonical);
        expect(canonical).not.toMatch(/^-?0\d|\.\d*0$|^\+|^-0$|e/i);
        expect(parseInput({ kind: "decimal", scale: 6 }, text, W)).toEqual({ ok: true, value: canonical });
        expect(parseInput({ kind: "decimal", scale: 6 }, canonical, W)).toEqual({ ok: true, value: canonical });
        expect(Number(canonical) === Number(text)).toBe(true); // not toBe: "-0" canonicalises to "0"
      }),
    );
  });

  it("integers round-trip as numbers, as text and with thousands separators", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        const spec: InputSpec = { kind: "integer", scale: 0 };
        const expected = { ok: true, value: String(n) };
        expect(parseInput(spec, n, W)).toEqual(expected);
        expect(parseInput(spec, String(n), W)).toEqual(expected);
        expect(parseInput(spec, n.toLocaleString("en-US"), W)).toEqual(expected);
        expect(parseInput(spec, `${n}.00`, W)).toEqual(expected);
      }),
    );
  });

  it("cents from Excel numbers come back exactly", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (cents) => {
        const amount = cents / 100;
        expect(parseInput({ kind: "money", scale: 2 }, amount, W)).toEqual({
          ok: true,
          value: canonicalNumber(amount.toFixed(2)),
        });
      }),
    );
  });

  it("bounds compare exactly against the decimal the author wrote", () => {
    const cents = fc.integer({ min: -1e9, max: 1e9 });
    fc.assert(
      fc.property(cents, cents, (v, b) => {
        const bound = b / 100;
        const text = canonicalNumber((v / 100).toFixed(2));
        const r = parseInput({ kind: "money", scale: 2, min: bound }, text, W);
        expect(r.ok).toBe(v >= b);
        const s = parseInput({ kind: "money", scale: 2, max: bound }, text, W);
        expect(s.ok).toBe(v <= b);
      }),
    );
  });
});

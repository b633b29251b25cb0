import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { ageAt, checkIdCard } from "../../schemas/checks/idcard";
import { checkBankCard } from "../../schemas/checks/bankcard";
import { checkPhone } from "../../schemas/checks/phone";

// Independent reference implementations, written from the standards rather
// than copied from the code under test.

/** GB 11643 / ISO 7064 MOD 11-2: weight of position i is 2^(17-i) mod 11; check = (12 - sum mod 11) mod 11. */
function idCheckChar(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * (2 ** (17 - i) % 11);
  const c = (12 - (sum % 11)) % 11;
  return c === 10 ? "X" : String(c);
}

/** Luhn via the "doubled digit" table, from the right. */
function luhnOk(digits: string): boolean {
  const doubled = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];
  let sum = 0;
  [...digits].reverse().forEach((ch, i) => {
    sum += i % 2 === 1 ? (doubled[Number(ch)] as number) : Number(ch);
  });
  return sum % 10 === 0;
}

function withLuhnDigit(body: string): string {
  for (let d = 0; d < 10; d++) if (luhnOk(body + d)) return body + d;
  throw new Error("unreachable");
}

const TODAY = "2025-06-30";

describe("checkIdCard", () => {
  it("accepts the GB 11643 sample 11010519491231002X", () => {
    expect(idCheckChar("11010519491231002")).toBe("X");
    expect(checkIdCard("11010519491231002X", TODAY)).toEqual({
      ok: true,
      value: "11010519491231002X",
      birthDate: "1949-12-31",
      gender: "女",
    });
  });

  it("accepts lower-case x and surrounding spaces, normalising to upper-case X", () => {
    const r = checkIdCard("  11010519491231002x ", TODAY);
    expect(r).toMatchObject({ ok: true, value: "11010519491231002X" });
  });

  it("reads gender from the 17th digit", () => {
    const male = "32010619900307123" + idCheckChar("32010619900307123");
    expect(checkIdCard(male, TODAY)).toMatchObject({ ok: true, gender: "男", birthDate: "1990-03-07" });
    const female = "32010619900307124" + idCheckChar("32010619900307124");
    expect(checkIdCard(female, TODAY)).toMatchObject({ ok: true, gender: "女" });
  });

  it("rejects 440524188001010014 for its 1880 birth date although its check digit is right", () => {
    expect(idCheckChar("44052418800101001")).toBe("4");
    const r = checkIdCard("440524188001010014", TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain("早于 1900 年");
  });

  it("rejects a wrong check character", () => {
    expect(checkIdCard("110105194912310021", TODAY)).toEqual({ ok: false, reason: "校验码不正确" });
  });

  it("rejects wrong lengths and non-digits", () => {
    expect(checkIdCard("11010519491231002", TODAY)).toEqual({ ok: false, reason: "应为 18 位（现为 17 位）" });
    expect(checkIdCard("110105491231002", TODAY)).toMatchObject({
      ok: false,
      reason: expect.stringContaining("应为 18 位"),
    });
    expect(checkIdCard("1101051949123100XX", TODAY)).toEqual({ ok: false, reason: "前 17 位只能是数字" });
    expect(checkIdCard("11010519491231002Y", TODAY)).toEqual({ ok: false, reason: "第 18 位应为数字或 X" });
  });

  it("validates the calendar, including leap years", () => {
    const id = (date: string) => {
      const body = `110105${date}002`;
      return body + idCheckChar(body);
    };
    expect(checkIdCard(id("20000229"), TODAY).ok).toBe(true); // divisible by 400
    expect(checkIdCard(id("20240229"), TODAY).ok).toBe(true);
    expect(checkIdCard(id("19000229"), TODAY)).toEqual({ ok: false, reason: "出生日期无效" }); // 1900 is not leap
    expect(checkIdCard(id("20230229"), TODAY)).toEqual({ ok: false, reason: "出生日期无效" });
    expect(checkIdCard(id("19901301"), TODAY)).toEqual({ ok: false, reason: "出生日期无效" });
    expect(checkIdCard(id("19900431"), TODAY)).toEqual({ ok: false, reason: "出生日期无效" });
    expect(checkIdCard(id("19900400"), TODAY)).toEqual({ ok: false, reason: "出生日期无效" });
    expect(checkIdCard(id("19000101"), TODAY).ok).toBe(true);
  });

  it("rejects a birth date after today", () => {
    const body = "11010520250701002";
    const id = body + idCheckChar(body);
    expect(checkIdCard(id, "2025-06-30")).toMatchObject({
      ok: false,
      reason: expect.stringContaining("晚于 2025-06-30"),
    });
    expect(checkIdCard(id, "2025-07-01").ok).toBe(true);
  });

  it("defaults today to the current date", () => {
    const body = "11010529990101002";
    expect(checkIdCard(body + idCheckChar(body)).ok).toBe(false);
  });

  it("detects every single-character substitution (property)", () => {
    const digit = fc.integer({ min: 0, max: 9 });
    const body = fc
      .tuple(
        fc.integer({ min: 110000, max: 659999 }),
        fc.integer({ min: 1900, max: 2024 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 999 }),
      )
      .map(([region, y, m, d, seq]) =>
        [
          String(region),
          String(y),
          String(m).padStart(2, "0"),
          String(d).padStart(2, "0"),
          String(seq).padStart(3, "0"),
        ].join(""),
      );
    fc.assert(
      fc.property(body, fc.integer({ min: 0, max: 17 }), digit, (b, pos, replacement) => {
        const id = b + idCheckChar(b);
        const r = checkIdCard(id, TODAY);
        expect(r.ok).toBe(true);
        const chars = "0123456789X";
        const original = id[pos] as string;
        let swapped = chars[replacement] as string;
        if (swapped === original) swapped = chars[(replacement + 1) % (pos === 17 ? 11 : 10)] as string;
        const broken = id.slice(0, pos) + swapped + id.slice(pos + 1);
        expect(checkIdCard(broken, TODAY).ok).toBe(false);
      }),
    );
  });
});

describe("ageAt", () => {
  it("counts whole years, one less before the birthday", () => {
    expect(ageAt("1990-06-15", "2025-06-14")).toBe(34);
    expect(ageAt("1990-06-15", "2025-06-15")).toBe(35);
    expect(ageAt("1990-06-15", "2025-12-31")).toBe(35);
    expect(ageAt("1990-12-31", "2025-01-01")).toBe(34);
    expect(ageAt("2025-01-01", "2025-01-01")).toBe(0);
  });

  it("lets a 02-29 birthday count from 03-01 in common years", () => {
    expect(ageAt("2000-02-29", "2001-02-28")).toBe(0);
    expect(ageAt("2000-02-29", "2001-03-01")).toBe(1);
    expect(ageAt("2000-02-29", "2004-02-28")).toBe(3);
    expect(ageAt("2000-02-29", "2004-02-29")).toBe(4);
  });
});

describe("checkBankCard", () => {
  it("accepts Luhn-valid numbers (checked independently)", () => {
    expect(luhnOk("4111111111111111")).toBe(true);
    expect(checkBankCard("4111111111111111")).toEqual({ ok: true, value: "4111111111111111" });
    const card = withLuhnDigit("622202020001234567");
    expect(card).toBe("6222020200012345670");
    expect(checkBankCard(card)).toEqual({ ok: true, value: card });
  });

  it("rejects 6222020200012345678, which fails Luhn", () => {
    expect(luhnOk("6222020200012345678")).toBe(false);
    expect(checkBankCard("6222020200012345678")).toEqual({ ok: false, reason: "校验位不正确，请核对卡号" });
  });

  it("strips spaces and hyphens", () => {
    expect(checkBankCard(" 4111 1111-1111 1111 ")).toEqual({ ok: true, value: "4111111111111111" });
  });

  it("rejects other characters and wrong lengths", () => {
    expect(checkBankCard("4111a11111111111")).toEqual({ ok: false, reason: "只能包含数字" });
    expect(checkBankCard(withLuhnDigit("1234567890"))).toEqual({
      ok: false,
      reason: "应为 12–19 位数字（现为 11 位）",
    });
    expect(checkBankCard(withLuhnDigit("1234567890123456789"))).toMatchObject({
      ok: false,
      reason: expect.stringContaining("现为 20 位"),
    });
    expect(checkBankCard(withLuhnDigit("12345678901")).ok).toBe(true);
    expect(checkBankCard(withLuhnDigit("123456789012345678")).ok).toBe(true);
  });

  it("agrees with an independent Luhn and catches every single-digit change (property)", () => {
    const body = fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 11, maxLength: 18 });
    fc.assert(
      fc.property(body, fc.nat(), fc.integer({ min: 1, max: 9 }), (b, at, delta) => {
        const card = withLuhnDigit(b);
        expect(checkBankCard(card)).toEqual({ ok: true, value: card });
        const pos = at % card.length;
        const changed = card.slice(0, pos) + ((Number(card[pos]) + delta) % 10) + card.slice(pos + 1);
        expect(checkBankCard(changed).ok).toBe(luhnOk(changed));
        expect(checkBankCard(changed).ok).toBe(false);
      }),
    );
  });
});

describe("checkPhone", () => {
  it.each([
    ["0559-2315822", "0559-2315822"],
    ["63211939-3151", "63211939-3151"],
    ["021-63211939-3151", "021-63211939-3151"],
    ["(021)63211939", "021-63211939"],
    ["(021) 63211939-3151", "021-63211939-3151"],
    ["021 63211939", "021-63211939"],
    ["(021)-63211939", "021-63211939"],
    ["0559 - 2315822", "0559-2315822"],
    ["02163211939", "021-63211939"],
    ["05592315822", "0559-2315822"],
    ["010-62345678", "010-62345678"],
    ["63211939转3151", "63211939-3151"],
    ["021-63211939 转 3151", "021-63211939-3151"],
    ["63211939", "63211939"],
    ["2315822", "2315822"],
    ["13812345678", "13812345678"],
    ["138 1234 5678", "13812345678"],
    ["138-1234-5678", "13812345678"],
    ["+86 138 1234 5678", "13812345678"],
    ["8613812345678", "13812345678"],
    [" 19912345678 ", "19912345678"],
  ])("accepts %s as %s", (raw, value) => {
    expect(checkPhone(raw)).toEqual({ ok: true, value });
  });

  it.each([
    "12812345678", // 12x is not a mobile prefix
    "1381234567", // 10 digits
    "138123456789", // 12 digits
    "0559-0315822", // local number starting with 0
    "0559-1315822", // local number starting with 1
    "0559-231582", // 6 digits
    "0559-231582212", // 9 digits
    "63211939-1234567", // 7-digit extension
    "abc",
    "021--63211939",
  ])("rejects %s", (raw) => {
    const r = checkPhone(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain("格式不正确");
  });
});

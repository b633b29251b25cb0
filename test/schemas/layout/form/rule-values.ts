/**
 * Values a clerk might leave in a form's cells, as a spreadsheet holds them
 * (numbers as numbers, whatever else as text): blanks, zero, boundaries,
 * decimals at and beyond the scale, negatives, numbers too large to read,
 * full-width digits, thousands separators, spaces and words in number cells;
 * options as listed or typed differently; 身份证号 of every age, valid or not.
 */
import fc from "fast-check";
import type { InputSpec } from "../../../../schemas/input";
import { parseInput } from "../../../../schemas/input";

export type Raw = number | string | boolean | undefined;

const FULL_WIDTH = (s: string) => s.replace(/[0-9.,-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

function numberRaw(spec: Extract<InputSpec, { scale: number }>): fc.Arbitrary<Raw> {
  const scale = spec.kind === "integer" ? 0 : spec.scale;
  const unit = 10 ** -scale;
  const atScale = fc.integer({ min: 0, max: 300_000 }).map((n) => Number((n * unit).toFixed(scale)));
  const beyond = fc.integer({ min: 1, max: 99_999 }).map((n) => Number((n / 10 ** (scale + 1)).toFixed(scale + 1)));
  const bounds = [spec.min, spec.max].filter((b): b is number => b !== undefined);
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant(undefined) },
    { weight: 8, arbitrary: fc.integer({ min: 0, max: 4 }) },
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 3000 }) },
    { weight: 3, arbitrary: atScale },
    { weight: 1, arbitrary: beyond },
    { weight: 1, arbitrary: fc.integer({ min: -50, max: -1 }) },
    { weight: 1, arbitrary: fc.constantFrom(...bounds, 0, 9_999_999, 10_000_000, 123_456_789) },
    { weight: 1, arbitrary: atScale.map((n) => FULL_WIDTH(String(n))) },
    { weight: 1, arbitrary: fc.constantFrom("12", " 7 ", "1,234", "abc", "十二", " ", "－3", true) },
  );
}

/** A 身份证号 born on `birth` (YYYYMMDD) with a valid check character. */
export function idCard(birth: string, seq: number): string {
  const body = `340100${birth}${String(seq).padStart(3, "0")}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * (w[i] as number), 0);
  return body + "10X98765432"[sum % 11];
}

const birthDate = fc
  .record({
    year: fc.integer({ min: 1985, max: 2022 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ year, month, day }) => `${year}${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}`);

function idCardRaw(): fc.Arbitrary<Raw> {
  const valid = fc.tuple(birthDate, fc.integer({ min: 0, max: 999 })).map(([b, s]) => idCard(b, s));
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 8, arbitrary: valid },
    // Birthdays on and around the reference date 2022-09-01, and a leap day.
    {
      weight: 2,
      arbitrary: fc.constantFrom("20150901", "20150902", "20150831", "20040229", "19920901").map((b) => idCard(b, 7)),
    },
    { weight: 1, arbitrary: valid.map((v) => v.slice(0, 17) + (v.endsWith("0") ? "1" : "0")) },
    { weight: 1, arbitrary: valid.map((v) => v.toLowerCase().replace("X", "x")) },
    {
      weight: 1,
      arbitrary: fc.constantFrom("12345", idCard("20300101", 1), idCard("20230230", 1), 3.401002010010112e17),
    },
  );
}

function enumRaw(options: string[]): fc.Arbitrary<Raw> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 10, arbitrary: fc.constantFrom(...options) },
    { weight: 1, arbitrary: fc.constantFrom(...options).map((o) => ` ${o}`) },
    { weight: 1, arbitrary: fc.constantFrom("其他", "x") },
  );
}

export function rawValue(spec: InputSpec): fc.Arbitrary<Raw> {
  switch (spec.kind) {
    case "integer":
    case "decimal":
    case "money":
      return numberRaw(spec);
    case "enum":
      return enumRaw(spec.options);
    case "idcard":
      return idCardRaw();
    case "text":
      return fc.oneof(
        { weight: 3, arbitrary: fc.constant(undefined) },
        { weight: 6, arbitrary: fc.constantFrom("张三", "李四", "某某中学", "Ab") },
        // Spaces the engine trims, a control character and a direction mark it refuses, an error
        // name, a line break it keeps, a name too long for the column.
        {
          weight: 2,
          arbitrary: fc.constantFrom(
            " 张三",
            "张三\u3000",
            "张\u0001三",
            "\u202e张三",
            "#N/A",
            "张\n三",
            "长".repeat(80),
          ),
        },
      );
    case "phone":
      return fc.oneof(fc.constant(undefined), fc.constant("13800138000"));
    case "bankcard":
      return fc.oneof(fc.constant(undefined), fc.constant("6222021234567890128"));
    case "date":
      return fc.constant(undefined);
  }
}

/**
 * Whether the spreadsheet may read `raw` differently from the engine: a value
 * the engine accepts after normalising it (text in a number cell, an option
 * or 身份证号 typed otherwise) or a number beyond the read limit; and a
 * TRUE/FALSE in a cell with a number format, which LibreOffice holds as 1/0
 * (it has no boolean type: a boolean is a number in the BOOLEAN format, and
 * the downloaded cell's own format wins), where Excel keeps a boolean the
 * engine refuses. Everything else the spreadsheet reads exactly, or knows the
 * engine refuses.
 */
export function readsInexactly(spec: InputSpec, raw: Raw): boolean {
  if (typeof raw === "boolean") return true;
  const parsed = parseInput(spec, raw, "");
  if (!parsed.ok || parsed.value === null) return false;
  if (typeof raw === "string") {
    const numeric = spec.kind === "integer" || spec.kind === "decimal" || spec.kind === "money";
    return numeric || raw !== parsed.value;
  }
  return typeof raw !== "number" || Math.abs(raw) >= 1e7 || spec.kind === "idcard" || spec.kind === "enum";
}

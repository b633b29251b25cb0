import { describe, expect, it } from "vitest";
import { CSV_BOM, toCsv } from "../../../worker/exports/csv";

function csvOf(...cells: string[]): string {
  return toCsv([{ name: "表", rows: [cells] }])
    .slice(CSV_BOM.length)
    .replace(/\r\n$/, "");
}

describe("CSV fields Excel and WPS would otherwise turn into numbers", () => {
  it('writes an 18-digit 身份证号, a card number and a leading-zero code as ="…" text', () => {
    expect(csvOf("341002200901010213")).toBe('"=""341002200901010213"""');
    expect(csvOf("6222021234567890123")).toBe('"=""6222021234567890123"""');
    expect(csvOf("0559")).toBe('"=""0559"""');
    expect(csvOf("123456789012")).toBe('"=""123456789012"""');
  });

  it("leaves short digit text, a masked number and an X-ending 身份证号 as they are", () => {
    expect(csvOf("2022", "12345678901")).toBe("2022,12345678901");
    expect(csvOf("341002********0213", "**** 0213", "34100220090101021X")).toBe(
      "341002********0213,**** 0213,34100220090101021X",
    );
    expect(csvOf("0")).toBe("0");
  });

  it('keeps formula injection neutralised: only pure digit strings get the ="…" form', () => {
    expect(csvOf("=1+1", "+341002200901010213", "-1", "@SUM(A1)", "\t=1", '=""1""')).toBe(
      `'=1+1,'+341002200901010213,'-1,'@SUM(A1),'\t=1,"'=""""1"""""`,
    );
    expect(csvOf("341002200901010213 ")).toBe("341002200901010213 ");
  });

  it("never writes NUL, other control characters or bidi overrides raw", () => {
    const out = csvOf("a\u0000b", "c\u0007d\u001Be", "\u202Efdp.exe", "x\u2066y\u2069", "del\u007F");
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(out).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/);
    expect(out).toBe("a\uFFFDb,c\uFFFDd\uFFFDe,\uFFFDfdp.exe,x\uFFFDy\uFFFD,del\uFFFD");
    // A line break inside a cell (Alt+Enter) stays, quoted as RFC 4180 says.
    expect(csvOf("第一行\n第二行")).toBe('"第一行\n第二行"');
  });
});

import { describe, expect, it } from "vitest";
import { readCsv } from "../../../worker/xlsx/csv-read";
import { XlsxError } from "../../../worker/xlsx/errors";
import type { ReadSheet } from "../../../worker/xlsx/workbook";

/**
 * CSV as clerks save it, read in the Workers runtime (whose TextDecoder must
 * know GB18030 for the Chinese Excel's "CSV (逗号分隔)").
 */
function values(sheet: ReadSheet): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [ref, cell] of sheet.cells) out[ref] = String(cell.value.value);
  return out;
}

const enc = new TextEncoder();
const ROSTER = { A1: "学生姓名", B1: "身份证号", A2: "张三", B2: "3.41E+17", A3: "李,四", B3: "34102220040312001X" };

function hex(text: string): Uint8Array {
  return Uint8Array.from(text.match(/../g) ?? [], (h) => parseInt(h, 16));
}

describe("readCsv", () => {
  it("reads UTF-8 with and without BOM, values as text (3.41E+17 stays as written)", () => {
    const text = '学生姓名,身份证号\r\n张三,3.41E+17\r\n"李,四","34102220040312001X"\r\n';
    expect(values(readCsv(enc.encode(text)))).toEqual(ROSTER);
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode(text)]);
    expect(values(readCsv(bom))).toEqual(ROSTER);
    expect(readCsv(bom).cells.get("B2")?.value).toEqual({ kind: "string", value: "3.41E+17" });
  });

  it("reads GBK, as Chinese Excel and WPS save CSV", () => {
    // The same text encoded in GBK (Python: text.encode("gbk")): not valid UTF-8.
    const gbk = hex(
      "d1a7c9fad0d5c3fb2cc9edb7ddd6a4bac50d0ad5c5c8fd2c332e3431452b31370d0a22c0ee2ccbc4222c22333431303232323030343033313230303158220d0a",
    );
    expect(() => new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(gbk)).toThrow();
    expect(values(readCsv(gbk))).toEqual(ROSTER);
  });

  it("reads UTF-16 with BOM (Excel's Unicode text, tab-separated)", () => {
    const text = "学生姓名\t身份证号\r\n张三\t3.41E+17\r\n";
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) new DataView(utf16.buffer).setUint16(2 + i * 2, text.charCodeAt(i), true);
    expect(values(readCsv(utf16))).toEqual({ A1: "学生姓名", B1: "身份证号", A2: "张三", B2: "3.41E+17" });
  });

  it("follows RFC 4180: quotes, doubled quotes, line breaks in quotes, LF or CR line ends", () => {
    const text = 'a,"say ""hi""","two\nlines"\n,x,\rlast,"",end';
    expect(values(readCsv(enc.encode(text)))).toEqual({
      A1: "a",
      B1: 'say "hi"',
      C1: "two\nlines",
      B2: "x",
      A3: "last",
      C3: "end",
    });
  });

  it("keeps blank lines' rows, ignores the final line break, takes tabs only without commas", () => {
    expect([...readCsv(enc.encode("a\n\nb\n")).cells.keys()]).toEqual(["A1", "A3"]);
    expect(values(readCsv(enc.encode("a\tb\n1\t2")))).toEqual({ A1: "a", B1: "b", A2: "1", B2: "2" });
    expect(values(readCsv(enc.encode("a,b\tc\n")))).toEqual({ A1: "a", B1: "b\tc" });
  });

  it("refuses a file over the limits", () => {
    const text = enc.encode("a,b,c\n1,2,3\n");
    expect(() => readCsv(text, { maxBytes: 5 })).toThrow(XlsxError);
    expect(() => readCsv(text, { maxCells: 5 })).toThrow("文件过大");
    expect(readCsv(text, { maxCells: 6 }).cells.size).toBe(6);
  });
});

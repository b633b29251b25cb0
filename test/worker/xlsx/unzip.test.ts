import { describe, expect, it } from "vitest";
import { XlsxError, type XlsxErrorCode } from "../../../worker/xlsx/errors";
import { READ_LIMITS, type ReadLimits } from "../../../worker/xlsx/limits";
import { readXlsx } from "../../../worker/xlsx/read";
import { inflate } from "../../../worker/xlsx/unzip";
import { toXlsx } from "../../../worker/xlsx/write";
import { zip } from "../../../worker/xlsx/zip";
import { centralHeaders, dataOffset, deflatedZeros, entryIndex, field, patch, rawZip } from "./zip-craft";

/**
 * Files the reader must refuse, each with its code and a message a clerk
 * understands, and refused before anything is inflated where the central
 * directory already tells (such cases carry garbage instead of deflate data:
 * inflating them would answer `corrupt`).
 */
async function refusal(bytes: Uint8Array, limits: Partial<ReadLimits> = {}): Promise<XlsxErrorCode | "read"> {
  try {
    await readXlsx(bytes, limits);
    return "read";
  } catch (e) {
    if (e instanceof XlsxError) return e.code;
    throw e;
  }
}

const SHEET = "xl/worksheets/sheet1.xml";

async function workbook(): Promise<Uint8Array> {
  return toXlsx([{ name: "表", rows: [["学生姓名", { number: "12.5", format: "0.00" }]] }]);
}

/** The entry's compressed bytes overwritten with garbage. */
function garbled(bytes: Uint8Array, name: string): Uint8Array {
  const out = bytes.slice();
  const i = entryIndex(out, name);
  out.fill(0xff, dataOffset(out, i), dataOffset(out, i) + field(out, i, "compressedSize"));
  return out;
}

describe("files that are not xlsx workbooks", () => {
  it("refuses what is not a ZIP, with a message a clerk understands", async () => {
    const text = new TextEncoder().encode("学生姓名,身份证号\n张三,340102200501010011\n");
    expect(await refusal(text)).toBe("not_zip");
    expect(await refusal(new Uint8Array(0))).toBe("not_zip");
    await expect(readXlsx(text)).rejects.toThrow("文件不是 Excel 工作簿（.xlsx）");
  });

  it("names an .xls (OLE compound file: Excel 97-2003, or an xlsx with a password to open)", async () => {
    const ole = new Uint8Array(1024);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await refusal(ole)).toBe("xls");
    await expect(readXlsx(ole)).rejects.toThrow("另存为 .xlsx");
  });

  it("refuses a .docx and a ZIP of other files as not_xlsx", async () => {
    const enc = new TextEncoder();
    const docx = await zip([
      { name: "[Content_Types].xml", data: enc.encode("<Types/>") },
      {
        name: "_rels/.rels",
        data: enc.encode(
          '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        ),
      },
      { name: "word/document.xml", data: enc.encode("<w:document><w:body/></w:document>") },
    ]);
    expect(await refusal(docx)).toBe("not_xlsx");
    expect(await refusal(await zip([{ name: "readme.txt", data: enc.encode("hello") }]))).toBe("not_xlsx");
  });
});

describe("damaged files", () => {
  it("refuses a truncated file", async () => {
    const bytes = await workbook();
    expect(await refusal(bytes.slice(0, bytes.length - 30))).toBe("corrupt");
    expect(await refusal(bytes.slice(0, bytes.length / 2))).toBe("corrupt");
  });

  it("refuses damaged deflate data and a CRC that does not match", async () => {
    const bytes = await workbook();
    expect(await refusal(garbled(bytes, SHEET))).toBe("corrupt");
    const i = entryIndex(bytes, SHEET);
    expect(await refusal(patch(bytes, i, "crc", field(bytes, i, "crc") ^ 1))).toBe("corrupt");
  });

  it("refuses an entry that inflates to less than it declared, and duplicate names", async () => {
    const bytes = await workbook();
    const i = entryIndex(bytes, SHEET);
    expect(await refusal(patch(bytes, i, "size", field(bytes, i, "size") + 1))).toBe("corrupt");
    const enc = new TextEncoder();
    const twice = await zip([
      { name: "a.xml", data: enc.encode("<a/>") },
      { name: "a.xml", data: enc.encode("<b/>") },
    ]);
    expect(await refusal(twice)).toBe("corrupt");
  });

  it("takes sizes from the central directory: local headers with a data descriptor and zero sizes read", async () => {
    const bytes = (await workbook()).slice();
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < 6; i++) {
      const local = view.getUint32((centralHeaders(bytes)[i] as number) + 42, true);
      view.setUint16(local + 6, view.getUint16(local + 6, true) | 8, true); // bit 3: sizes follow the data
      for (const at of [14, 18, 22]) view.setUint32(local + at, 0, true);
    }
    const wb = await readXlsx(bytes);
    expect(wb.sheets[0]?.cells.get("A1")?.value).toEqual({ kind: "string", value: "学生姓名" });
  });

  it("finds the end record behind an archive comment", async () => {
    const bytes = await workbook();
    const comment = new TextEncoder().encode("PK\x05\x06 a comment that looks like a signature");
    const out = new Uint8Array(bytes.length + comment.length);
    out.set(bytes);
    out.set(comment, bytes.length);
    new DataView(out.buffer).setUint16(bytes.length - 2, comment.length, true);
    expect((await readXlsx(out)).sheets[0]?.name).toBe("表");
  });

  it("reads stored (uncompressed) entries", async () => {
    const sheets = [{ name: "表", rows: [["学生姓名"]] }];
    const wb = await readXlsx(await toXlsx(sheets, { compress: false }));
    expect(wb.sheets[0]?.cells.get("A1")?.value).toEqual({ kind: "string", value: "学生姓名" });
  });
});

describe("archives the reader does not open", () => {
  it("refuses encrypted entries (flag bit 0, AES method 99)", async () => {
    const bytes = await workbook();
    const i = entryIndex(bytes, SHEET);
    expect(await refusal(patch(bytes, i, "flags", field(bytes, i, "flags") | 1))).toBe("encrypted");
    expect(await refusal(patch(bytes, i, "method", 99))).toBe("encrypted");
    await expect(readXlsx(patch(bytes, i, "method", 99))).rejects.toThrow("文件已加密");
  });

  it("refuses ZIP64 sizes and compression other than deflate", async () => {
    const bytes = await workbook();
    const i = entryIndex(bytes, SHEET);
    expect(await refusal(patch(bytes, i, "size", 0xffffffff))).toBe("unsupported");
    expect(await refusal(patch(bytes, i, "method", 9))).toBe("unsupported"); // Deflate64
  });
});

describe("limits, checked before inflating", () => {
  it("refuses a file over the compressed size", async () => {
    const bytes = await workbook();
    expect(await refusal(bytes, { maxCompressedBytes: bytes.length - 1 })).toBe("too_large");
    expect(await refusal(bytes, { maxCompressedBytes: bytes.length })).toBe("read");
  });

  it("refuses more entries than the limit", async () => {
    const many = await zip(
      Array.from({ length: READ_LIMITS.maxEntries + 1 }, (_, i) => ({ name: `x/${i}.xml`, data: new Uint8Array(1) })),
      { compress: false },
    );
    expect(await refusal(many)).toBe("too_many_entries");
    const bytes = await workbook();
    expect(await refusal(bytes, { maxEntries: 3 })).toBe("too_many_entries");
  });

  it("refuses a declared uncompressed total over the limit without inflating", async () => {
    const bytes = garbled(await workbook(), SHEET);
    expect(await refusal(bytes, { maxUncompressedBytes: 1000 })).toBe("too_large");
    expect(await refusal(bytes)).toBe("corrupt"); // within the limit it is inflated, and found damaged
  });

  it("refuses an entry whose declared ratio looks like a bomb, without inflating", async () => {
    const zeros = new Uint8Array(2 * 1024 * 1024);
    const bomb = await zip([{ name: "[Content_Types].xml", data: zeros }]);
    expect(field(bomb, 0, "compressedSize")).toBeLessThan(zeros.length / READ_LIMITS.maxRatio);
    expect(await refusal(garbled(bomb, "[Content_Types].xml"))).toBe("zip_bomb");
    await expect(readXlsx(bomb)).rejects.toThrow("文件解压后过大，可能是恶意构造的压缩包，已拒绝");
  });
});

describe("limits, checked while inflating (declared sizes lie)", () => {
  it("stops a 1 GB bomb that declares 1 MB as soon as it passes 1 MB", async () => {
    const bomb = deflatedZeros(258 * 4_161_790 + 1); // 1 GB
    const declared = 1024 * 1024;
    expect(bomb.length * READ_LIMITS.maxRatio).toBeGreaterThan(declared); // the declared ratio looks harmless
    expect(await refusal(rawZip("[Content_Types].xml", bomb, { crc: 0, size: declared }))).toBe("zip_bomb");
  });

  it("feeds the stream no further than the slice that passed the declared size", async () => {
    // Without waiting for the reader between slices, workerd inflates every slice written, unread.
    const bomb = deflatedZeros(258 * 4_161_790 + 1);
    const progress = { fed: 0 };
    await expect(inflate(bomb, 1024 * 1024, "bomb", progress)).rejects.toMatchObject({ code: "zip_bomb" });
    expect(progress.fed).toBeLessThanOrEqual(2 * 8 * 1024);
  });

  it("stops an entry that inflates past a small declared size", async () => {
    const bytes = await workbook();
    const i = entryIndex(bytes, SHEET);
    expect(await refusal(patch(bytes, i, "size", 10))).toBe("zip_bomb");
  });
});

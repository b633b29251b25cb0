import { describe, expect, it } from "vitest";
import { XlsxError } from "../../../worker/xlsx/errors";
import { readXlsx } from "../../../worker/xlsx/read";
import { zip } from "../../../worker/xlsx/zip";

/**
 * SpreadsheetML as writers other than Excel produce it, written by hand: the
 * Open XML SDK's `x:` prefixes and ISO Strict relationship types, rows and
 * cells without `r`, entities, CDATA, xml:space, rich text with phonetic runs,
 * `_xHHHH_` escapes, ISO dates, the 1904 date system, built-in and custom
 * number formats, shared formulas, absolute relationship targets.
 */
const STRICT_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships";

async function book(parts: Record<string, string>): Promise<Uint8Array> {
  const enc = new TextEncoder();
  return zip(Object.entries(parts).map(([name, text]) => ({ name, data: enc.encode(text) })));
}

const ROOT_RELS = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="R1" Type="${STRICT_REL}/officeDocument" Target="/xl/workbook.xml"/></Relationships>`;

const WORKBOOK = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE workbook [ <!ENTITY boom "never expanded"> ]>
<x:workbook xmlns:x="http://purl.oclc.org/ooxml/spreadsheetml/main" xmlns:r="${STRICT_REL}">
  <!-- a comment <sheet name="not a sheet"/> -->
  <x:workbookPr date1904="true"/>
  <x:sheets>
    <x:sheet name="数据 &amp; 说明" sheetId="1" r:id="rA"/>
    <x:sheet name="汇表标识" sheetId="2" state="veryHidden" r:id="rB"/>
  </x:sheets>
</x:workbook>`;

const WORKBOOK_RELS = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rB" Type="${STRICT_REL}/worksheet" Target="/xl/worksheets/Identity.xml"/>
  <Relationship Id="rA" Type="${STRICT_REL}/worksheet" Target="worksheets/../worksheets/data.xml"/>
  <Relationship Id="rS" Type="${STRICT_REL}/sharedStrings" Target="strings.xml"/>
  <Relationship Id="rT" Type="${STRICT_REL}/styles" Target="styles.xml"/>
  <Relationship Id="rX" Type="${STRICT_REL}/hyperlink" Target="https://example.com/" TargetMode="External"/>
</Relationships>`;

const STRINGS = `<sst xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main">
  <si><t>plain</t></si>
  <si><r><rPr><b/></rPr><t>富</t></r><r><t xml:space="preserve"> 文本 </t></r><rPh sb="0" eb="1"><t>fù</t></rPh><phoneticPr fontId="1"/></si>
  <si><t>   </t></si>
  <si><t xml:space="preserve">   </t></si>
  <si><t><![CDATA[<不是标签> & 原样]]></t></si>
  <si><t>&#x4E2D;&#20013;&lt;&gt;&quot;&apos;&amp;amp;</t></si>
  <si><t>第一行_x000D__x000A_第二行 _x005F_x0041_</t></si>
</sst>`;

const STYLES = `<styleSheet xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main">
  <numFmts count="1"><numFmt numFmtId="164" formatCode="0.00&quot;万元&quot;"/></numFmts>
  <cellStyleXfs count="1"><xf numFmtId="31"/></cellStyleXfs>
  <cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="31"/><xf numFmtId="164"><alignment/></xf></cellXfs>
  <dxfs count="1"><dxf><numFmt numFmtId="165" formatCode="wrong"/></dxf></dxfs>
</styleSheet>`;

const DATA = `<x:worksheet xmlns:x="http://purl.oclc.org/ooxml/spreadsheetml/main">
  <x:dimension ref="A1:D9"/>
  <x:sheetData>
    <x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c t="s"><x:v>2</x:v></x:c><x:c t="s"><x:v>3</x:v></x:c></x:row>
    <x:row><x:c t="s"><x:v>4</x:v></x:c><x:c t="s"><x:v>5</x:v></x:c><x:c t="s"><x:v>6</x:v></x:c></x:row>
    <x:row r="4"><x:c r="B4" s="1"><x:v>44805</x:v></x:c><x:c s="2"><x:v> 44805.5 </x:v></x:c><x:c s="3"><x:v>1.5E+1</x:v></x:c></x:row>
    <x:row><x:c t="d" s="1"><x:v>2022-09-01T12:00:00</x:v></x:c><x:c t="b"><x:v>0</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c><x:c t="str"><x:f>"a"&amp;"b"</x:f><x:v>ab</x:v></x:c></x:row>
    <x:row r="7"><x:c r="A7"><x:v>1</x:v></x:c><x:c r="B7"><x:f t="shared" ref="B7:C9" si="0">A7+$A$7+A$7+$A7+SUM(A7:A8)+'A 1'!A7+LOG10(A7)+"A7"</x:f><x:v>9</x:v></x:c>
      <x:c r="C7"><x:f t="shared" si="0"/><x:v>9</x:v></x:c></x:row>
    <x:row r="8"><x:c r="B8"><x:f t="shared" si="0"/><x:v>9</x:v></x:c></x:row>
    <x:row r="9"><x:c r="A9" t="inlineStr"><x:is><x:r><x:t>内联</x:t></x:r><x:r><x:t>文本</x:t></x:r></x:is></x:c><x:c r="B9" t="s"/><x:c r="C9"/></x:row>
  </x:sheetData>
  <x:mergeCells count="1"><x:mergeCell ref="A1:B1"/></x:mergeCells>
</x:worksheet>`;

const IDENTITY = `<worksheet xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>format</t></is></c></row></sheetData></worksheet>`;

const PARTS = {
  "[Content_Types].xml": "<Types/>",
  "_rels/.rels": ROOT_RELS,
  "xl/workbook.xml": WORKBOOK,
  "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
  "xl/strings.xml": STRINGS,
  "xl/styles.xml": STYLES,
  "xl/worksheets/data.xml": DATA,
  "xl/worksheets/identity.xml": IDENTITY,
};

describe("hand-written SpreadsheetML", () => {
  it("reads sheets, states and the 1904 date system through Strict relationships and x: prefixes", async () => {
    const wb = await readXlsx(await book(PARTS));
    expect(wb.date1904).toBe(true);
    expect(wb.sheets.map((s) => [s.name, s.state])).toEqual([
      ["数据 & 说明", "visible"],
      ["汇表标识", "veryHidden"],
    ]);
    expect(wb.sheets[1]?.cells.get("A1")?.value).toEqual({ kind: "string", value: "format" });
  });

  it("reads strings: runs, phonetics left out, whitespace, CDATA, entities, _xHHHH_ escapes", async () => {
    const cells = (await readXlsx(await book(PARTS))).sheets[0]?.cells;
    const text = (ref: string): unknown => cells?.get(ref)?.value;
    expect(text("A1")).toEqual({ kind: "string", value: "plain" });
    expect(text("B1")).toEqual({ kind: "string", value: "富 文本 " });
    expect(cells?.has("C1")).toBe(false); // whitespace only, not preserved: empty
    expect(text("D1")).toEqual({ kind: "string", value: "   " });
    expect(text("A2")).toEqual({ kind: "string", value: "<不是标签> & 原样" });
    expect(text("B2")).toEqual({ kind: "string", value: "中中<>\"'&amp;" });
    expect(text("C2")).toEqual({ kind: "string", value: "第一行\r\n第二行 _x0041_" });
    expect(text("A9")).toEqual({ kind: "string", value: "内联文本" });
    expect(cells?.has("B9")).toBe(false);
    expect(cells?.has("C9")).toBe(false);
  });

  it("reads numbers with their formats, ISO dates as 1904 serials, booleans, errors, string results", async () => {
    const cells = (await readXlsx(await book(PARTS))).sheets[0]?.cells;
    expect(cells?.get("B4")).toEqual({ value: { kind: "number", value: 44805, raw: "44805" }, format: "mm-dd-yy" });
    expect(cells?.get("C4")).toEqual({
      value: { kind: "number", value: 44805.5, raw: "44805.5" },
      format: 'yyyy"年"m"月"d"日"',
    });
    expect(cells?.get("D4")).toEqual({ value: { kind: "number", value: 15, raw: "1.5E+1" }, format: '0.00"万元"' });
    // 2022-09-01 12:00 is day 43343.5 from 1904-01-01.
    expect(cells?.get("A5")).toEqual({ value: { kind: "number", value: 43343.5, raw: "43343.5" }, format: "mm-dd-yy" });
    expect(cells?.get("B5")?.value).toEqual({ kind: "boolean", value: false });
    expect(cells?.get("C5")?.value).toEqual({ kind: "error", value: "#N/A" });
    expect(cells?.get("D5")).toEqual({ value: { kind: "string", value: "ab" }, formula: '"a"&"b"' });
  });

  it("gives each cell of a shared formula its own references", async () => {
    const cells = (await readXlsx(await book(PARTS))).sheets[0]?.cells;
    expect(cells?.get("B7")?.formula).toBe(`A7+$A$7+A$7+$A7+SUM(A7:A8)+'A 1'!A7+LOG10(A7)+"A7"`);
    expect(cells?.get("C7")?.formula).toBe(`B7+$A$7+B$7+$A7+SUM(B7:B8)+'A 1'!B7+LOG10(B7)+"A7"`);
    expect(cells?.get("B8")?.formula).toBe(`A8+$A$7+A$7+$A8+SUM(A8:A9)+'A 1'!A8+LOG10(A8)+"A7"`);
  });

  it("finds the workbook by [Content_Types].xml when the package has no root relationships", async () => {
    const parts = { ...PARTS } as Record<string, string>;
    delete parts["_rels/.rels"];
    parts["[Content_Types].xml"] =
      '<Types><Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/></Types>';
    expect((await readXlsx(await book(parts))).sheets.map((s) => s.name)).toEqual(["数据 & 说明", "汇表标识"]);
    parts["[Content_Types].xml"] = "<Types/>";
    parts["xl/book.xml"] = WORKBOOK;
    delete parts["xl/workbook.xml"];
    await expect(readXlsx(await book(parts))).rejects.toMatchObject({ code: "not_xlsx" });
  });

  it("refuses more cells than the limit, counted over all sheets", async () => {
    const bytes = await book(PARTS);
    const cells = (await readXlsx(bytes)).sheets.reduce((n, sheet) => n + sheet.cells.size, 0);
    expect((await readXlsx(bytes, { maxCells: cells })).sheets).toHaveLength(2);
    await expect(readXlsx(bytes, { maxCells: cells - 1 })).rejects.toMatchObject({ code: "too_large" });
  });

  it("refuses a workbook whose sheet part is missing, or whose XML is cut short", async () => {
    const missing = { ...PARTS } as Record<string, string>;
    delete missing["xl/worksheets/data.xml"];
    await expect(readXlsx(await book(missing))).rejects.toMatchObject({ code: "corrupt" });
    const cut = { ...PARTS, "xl/worksheets/data.xml": DATA.slice(0, DATA.indexOf('<x:c r="C7"') + 5) };
    await expect(readXlsx(await book(cut))).rejects.toThrow(XlsxError);
  });
});

import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { buildLayout } from "../../../schemas/layout/form/layout";
import { consolidatedLayout, consolidatedSheetName } from "../../../schemas/layout/officer/consolidated-sheet";
import { MATRIX_SHEET } from "../../../schemas/layout/officer/matrix-sheet";
import { STATUS_SHEET } from "../../../schemas/layout/officer/status-sheet";
import { STATUS_LABEL } from "../../../schemas/status";
import { checked, HS_UNITS, patch, readVersion, seed, TOKENS, api } from "../helpers";
import { cellOf, mergesOf, styleOf, unzip } from "./unzip";

/**
 * Report and consolidation exports: CSV (BOM, CRLF, neutralised formulas) and
 * XLSX (a zip), laid out as the add-in draws the form and the officer's sheets
 * (schemas/layout/): the same texts at the same addresses.
 */
const R = "x1";
const EVIL = '=HYPERLINK("http://evil.example","点我")';

async function download(
  token: string,
  path: string,
): Promise<{ status: number; headers: Headers; bytes: Uint8Array; text: string }> {
  const res = await exports.default.fetch(`http://huibiao.test/api/v1${path}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  const bytes = new Uint8Array(await res.arrayBuffer());
  // TextDecoder with ignoreBOM keeps the BOM visible to the assertions.
  return {
    status: res.status,
    headers: res.headers,
    bytes,
    text: new TextDecoder("utf-8", { fatal: false, ignoreBOM: true }).decode(bytes),
  };
}

async function submit(unit: string) {
  const v = await readVersion(TOKENS.admin, R, unit);
  const res = await api(TOKENS.admin, "POST", `/rounds/${R}/reports/${unit}/submit`, undefined, {
    "If-Match": `"${v}"`,
  });
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
}

beforeAll(async () => {
  await seed([{ id: R, templateId: "test-jqzx", templateVersion: 1, rootUnit: "hs", units: HS_UNITS }]);
  const v = await readVersion(TOKENS.fillerA, R, "hs-tunxi-a");
  const saved = await patch(
    TOKENS.fillerA,
    R,
    "hs-tunxi-a",
    v,
    [
      { cell: "total", value: "10.25" },
      { cell: "part", value: "3" },
      { cell: "people", value: "1001" },
      { cell: "roster.r1.name", value: "张三" },
      { cell: "roster.r1.amount", value: "1000.5" },
      { cell: "roster.r2.name", value: EVIL },
      { cell: "roster.r2.amount", value: "2000" },
      { cell: "roster.r3.name", value: '+1 逗号,引号"' },
      { cell: "roster.r4.name", value: "@SUM(A1)" },
      { cell: "roster.r5.name", value: "-2+3" },
    ],
    { explanations: { W1: "-含外区借读学生" } },
  );
  if (saved.status !== 200) throw new Error(JSON.stringify(saved.body));
  await submit("hs-tunxi-a");
  const w = await readVersion(TOKENS.admin, R, "hs-tunxi-b");
  await patch(TOKENS.admin, R, "hs-tunxi-b", w, [
    { cell: "total", value: "0.1" },
    { cell: "people", value: "2" },
  ]);
  await submit("hs-tunxi-b");
});

describe("report export", () => {
  it("CSV: BOM, CRLF, the form's layout, numbers as numbers", async () => {
    const res = await download(TOKENS.fillerA, `/rounds/${R}/reports/hs-tunxi-a/export.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect([...res.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.text.slice(1).split("\r\n");
    // One line per sheet row: the layout's rows, A… as fields.
    expect(lines.slice(0, 9)).toEqual([
      "金秋助学情况统计表（测试）",
      "黄山市总工会　黄工办〔2022〕20号　填报期间：2022年　报送截止：2099-12-31",
      `状态：${STATUS_LABEL.submitted}`,
      ",填报单位,屯溪区昱东街道工会",
      "",
      "序号,项目,数值,单位",
      "1,共筹集资金,10.25,万元",
      ",其中：市级筹集,3,万元",
      "2,资助学生,1001,人",
    ]);
    // 序号 numbers the rows as printed, 1, 2, 3….
    expect(lines.slice(10, 13)).toEqual(["名册", "序号,姓名,资助金额", "1,张三,1000.5"]);
    expect(lines).toContain("上报说明（1 条）");
    expect(lines).toContain("序号,单位：说明,所在项目,所答提示");
    expect(res.text.endsWith("\r\n")).toBe(true);
  });

  it("CSV: text that could start a formula gets a leading apostrophe", async () => {
    const { text } = await download(TOKENS.fillerA, `/rounds/${R}/reports/hs-tunxi-a/export.csv`);
    const lines = text.split("\r\n");
    // The roster's five rows, one after another.
    expect(lines.slice(13, 17)).toEqual([
      `2,"'=HYPERLINK(""http://evil.example"",""点我"")",2000`,
      `3,"'+1 逗号,引号"""`,
      "4,'@SUM(A1)",
      "5,'-2+3",
    ]);
    // The 上报说明 is clerk text too, listed under the form with the cell of the warning it explains.
    expect(lines).toContain(
      "1,屯溪区昱东街道工会：-含外区借读学生,第 2 项「资助学生」（W1）,资助人数超过 1000 人，请核实",
    );
    expect(text).not.toMatch(/(^|,)[=+@]/m);
    expect(text).not.toMatch(/(^|,)-[^\d]/m);
  });

  it("names the file in zh-CN (RFC 5987) with an ASCII fallback", async () => {
    const res = await download(TOKENS.fillerA, `/rounds/${R}/reports/hs-tunxi-a/export.csv`);
    const cd = res.headers.get("Content-Disposition") ?? "";
    expect(cd).toContain('attachment; filename="x1-hs-tunxi-a.csv"');
    expect(cd).toContain(`filename*=UTF-8''${encodeURIComponent("金秋助学情况统计表（测试）-屯溪区昱东街道工会.csv")}`);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
  });

  it("XLSX: a zip workbook with the spreadsheet content type", async () => {
    const res = await download(TOKENS.fillerA, `/rounds/${R}/reports/hs-tunxi-a/export.xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect([...res.bytes.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    // End of central directory record at the end, 6 parts for one sheet.
    const end = new DataView(res.bytes.buffer, res.bytes.length - 22);
    expect(end.getUint32(0, true)).toBe(0x06054b50);
    expect(end.getUint16(10, true)).toBe(6);
    expect(res.headers.get("Content-Disposition")).toContain(".xlsx");
  });

  it("XLSX: the filler's sheet — labels, values, merges where buildLayout puts them, the roster's rows", async () => {
    const files = await unzip((await download(TOKENS.fillerA, `/rounds/${R}/reports/hs-tunxi-a/export.xlsx`)).bytes);
    const sheet = files.get("xl/worksheets/sheet1.xml") ?? "";
    const layout = buildLayout(checked(), { unitName: "屯溪区昱东街道工会", rosterRows: { roster: 5 } });
    expect(files.get("xl/workbook.xml")).toContain(`<sheet name="${layout.sheet}"`);
    for (const t of layout.texts) expect([t.address, cellOf(sheet, t.address)]).toEqual([t.address, t.text]);
    const at = (key: string) => layout.cells.find((c) => c.key === key)?.address as string;
    expect(cellOf(sheet, `B${at("total").slice(1)}`)).toBe("共筹集资金");
    expect([cellOf(sheet, at("total")), cellOf(sheet, at("part")), cellOf(sheet, at("people"))]).toEqual([
      "10.25",
      "3",
      "1001",
    ]);
    expect(styleOf(files, "xl/worksheets/sheet1.xml", at("total"))).toMatch(/numFmtId="2"/); // 0.00
    expect(cellOf(sheet, "C4")).toBe("屯溪区昱东街道工会");
    expect(mergesOf(sheet)).toEqual(layout.merges);
    expect(mergesOf(sheet)).toContain("A1:D1");
    const roster = layout.rosters[0];
    if (!roster) throw new Error("no roster");
    const names = ["张三", EVIL, '+1 逗号,引号"', "@SUM(A1)", "-2+3"];
    names.forEach((name, i) => {
      expect(cellOf(sheet, `A${roster.firstRow + i}`)).toBe(String(i + 1));
      const ref = `B${roster.firstRow + i}`;
      expect(cellOf(sheet, ref)).toBe(name);
      // Never a formula: an inline string, and formula-like text carries Excel's apostrophe flag.
      expect(sheet).toMatch(new RegExp(`<c r="${ref}"[^>]* t="inlineStr">`));
      if (i > 0) expect(styleOf(files, "xl/worksheets/sheet1.xml", ref)).toContain('quotePrefix="1"');
    });
    expect([cellOf(sheet, `C${roster.firstRow}`), cellOf(sheet, `C${roster.firstRow + 1}`)]).toEqual([
      "1000.5",
      "2000",
    ]);
    expect(sheet).not.toContain("<f>");
  });

  it("has the same access as the report: others get 404, never data", async () => {
    for (const token of [TOKENS.fillerHuizhou, TOKENS.fillerPd]) {
      for (const format of ["csv", "xlsx"]) {
        const res = await download(token, `/rounds/${R}/reports/hs-tunxi-a/export.${format}`);
        expect(res.status).toBe(404);
        expect(JSON.parse(res.text).error.code).toBe("not_found");
      }
    }
    expect((await download(TOKENS.reviewer, `/rounds/${R}/reports/hs-tunxi-a/export.csv`)).status).toBe(200);
    expect((await download(TOKENS.cityReviewer, `/rounds/${R}/reports/hs-tunxi-a/export.xlsx`)).status).toBe(200);
  });
});

describe("consolidation export", () => {
  it("CSV: the consolidated form, 分单位明细, 填报情况, 名册汇总 and 审核提示", async () => {
    const res = await download(TOKENS.cityReviewer, `/rounds/${R}/consolidated/export.csv`);
    expect(res.status).toBe(200);
    expect([...res.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.text.slice(1).split("\r\n");
    expect(lines[0]).toBe("金秋助学情况统计表（测试）");
    expect(lines[2]).toMatch(/^最后更新：\d{4}-\d\d-\d\d \d\d:\d\d:\d\d　汇总范围：已上报、已审核$/);
    expect(lines[3]).toBe(",填报单位,黄山市总工会（汇总）");
    expect(lines.slice(5, 9)).toEqual([
      "序号,项目,数值,单位",
      "1,共筹集资金,10.35,万元",
      ",其中：市级筹集,3,万元",
      "2,资助学生,1003,人",
    ]);
    expect(lines).toContain(
      "1,屯溪区昱东街道工会：-含外区借读学生,第 2 项「资助学生」（W1）,资助人数超过 1000 人，请核实",
    );

    const matrix = lines.indexOf("【分单位明细】");
    expect(matrix).toBeGreaterThan(0);
    expect(lines[matrix + 1]).toBe("金秋助学情况统计表（测试）　分单位明细（黄山市总工会）");
    expect(lines.slice(matrix + 3, matrix + 8)).toEqual([
      ",,,各单位数值",
      "序号,项目,单位,黄山市总工会,屯溪区总工会,屯溪区昱东街道工会,屯溪区老街街道工会,徽州区总工会,合计",
      "1,共筹集资金,万元,,,10.25,0.1,,10.35",
      ",其中：市级筹集,万元,,,3,,,3",
      "2,资助学生,人,,,1001,2,,1003",
    ]);

    const status = lines.indexOf("【填报情况】");
    expect(status).toBeGreaterThan(matrix);
    const { draft, submitted } = STATUS_LABEL;
    expect(lines[status + 3]).toBe(
      `应报 5 家，${submitted} 2 家（其中已审核 0 家），已退回 0 家，${draft} 3 家，逾期 0 家`,
    );
    expect(lines[status + 4]).toBe("单位,状态,提交时间,是否逾期,错误数,警告数,上报说明数");
    expect(lines[status + 7]).toMatch(
      new RegExp(`^屯溪区昱东街道工会,${submitted},\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d,否,0,1,1$`),
    );
    expect(lines[status + 9]).toBe(`徽州区总工会,${draft},,否,,,0`); // never saved: counts blank

    const rosters = lines.indexOf("【名册汇总】");
    expect(lines.slice(rosters + 1, rosters + 5)).toEqual([
      "名册",
      "序号,单位编码,单位名称,行数,资助金额合计",
      "1,hs-tunxi-a,屯溪区昱东街道工会,5,3000.5",
      "合计,,,5,3000.5",
    ]);
    const problems = lines.indexOf("【审核提示】");
    expect(lines.slice(problems + 1, problems + 3)).toEqual(["规则,级别,提示", "W1,警告,资助人数超过 1000 人，请核实"]);
    expect(res.text).not.toMatch(/(^|,)[=+@]/m);
    expect(res.headers.get("Content-Disposition")).toContain(
      `filename*=UTF-8''${encodeURIComponent("金秋助学情况统计表（测试）-黄山市总工会汇总.csv")}`,
    );
  });

  it("XLSX: a zip workbook of the officer's sheets, totals where the consolidated layout puts them", async () => {
    const res = await download(TOKENS.admin, `/rounds/${R}/consolidated/export.xlsx?unit=hs-tunxi`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect([...res.bytes.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    const end = new DataView(res.bytes.buffer, res.bytes.length - 22);
    expect(end.getUint16(10, true)).toBe(10); // 5 fixed parts + 5 sheets
    const files = await unzip(res.bytes);
    const template = checked();
    const names = [...(files.get("xl/workbook.xml") ?? "").matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);
    expect(names).toEqual([consolidatedSheetName(template), MATRIX_SHEET, STATUS_SHEET, "名册汇总", "审核提示"]);
    const sheet = files.get("xl/worksheets/sheet1.xml") ?? "";
    const layout = consolidatedLayout(template, "屯溪区总工会");
    for (const t of layout.texts) expect([t.address, cellOf(sheet, t.address)]).toEqual([t.address, t.text]);
    expect(mergesOf(sheet)).toEqual(layout.merges);
    const at = (key: string) => layout.cells.find((c) => c.key === key)?.address as string;
    expect([cellOf(sheet, at("total")), cellOf(sheet, at("part")), cellOf(sheet, at("people"))]).toEqual([
      "10.35",
      "3",
      "1003",
    ]);
    expect(styleOf(files, "xl/worksheets/sheet1.xml", at("total"))).toMatch(/numFmtId="2" fontId="1"/); // 0.00, bold: locked
    expect(cellOf(sheet, "C4")).toBe("屯溪区总工会（汇总）");
    const status = files.get("xl/worksheets/sheet3.xml") ?? "";
    expect([cellOf(status, "A5"), cellOf(status, "B5")]).toEqual(["屯溪区总工会", STATUS_LABEL.draft]);
    expect([cellOf(status, "A6"), cellOf(status, "B6")]).toEqual(["屯溪区昱东街道工会", STATUS_LABEL.submitted]);
  });

  it("XLSX with include=rows: the consolidated sheet's 名册 lists every row with its 填报单位, as the add-in draws it", async () => {
    const res = await download(
      TOKENS.admin,
      `/rounds/${R}/consolidated/export.xlsx?unit=hs-tunxi&include=submitted,approved,rows`,
    );
    expect(res.status).toBe(200);
    const sheet = (await unzip(res.bytes)).get("xl/worksheets/sheet1.xml") ?? "";
    const names = ["张三", EVIL, '+1 逗号,引号"', "@SUM(A1)", "-2+3"].map((n) => ({ name: n }));
    const rows = names.map((v, i) => ({
      unit: "hs-tunxi-a",
      unitName: "屯溪区昱东街道工会",
      rowId: `r${i + 1}`,
      values: v,
    }));
    const layout = consolidatedLayout(checked(), "屯溪区总工会", { rosters: [{ key: "roster", rows }] });
    const roster = layout.rosters[0];
    if (!roster) throw new Error("no roster");
    // 序号 in column A, then the template's columns, then 填报单位.
    expect(cellOf(sheet, `D${roster.headerRow}`)).toBe("填报单位");
    expect(cellOf(sheet, `B${roster.firstRow}`)).toBe("张三");
    expect(cellOf(sheet, `C${roster.firstRow}`)).toBe("1000.5");
    expect(cellOf(sheet, `D${roster.firstRow}`)).toBe("屯溪区昱东街道工会");
    expect(cellOf(sheet, `D${roster.firstRow + 4}`)).toBe("屯溪区昱东街道工会");
  });

  it("has the same access as the JSON: filler 403, reviewer outside its subtree 404", async () => {
    const filler = await download(TOKENS.fillerA, `/rounds/${R}/consolidated/export.csv`);
    expect([filler.status, JSON.parse(filler.text).error.code]).toEqual([403, "forbidden"]);
    const outside = await download(TOKENS.reviewer, `/rounds/${R}/consolidated/export.xlsx?unit=hs`);
    expect(outside.status).toBe(404);
    expect((await download(TOKENS.reviewer, `/rounds/${R}/consolidated/export.xlsx`)).status).toBe(200);
  });
});

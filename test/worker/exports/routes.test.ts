import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { HS_UNITS, patch, readVersion, seed, TOKENS, api } from "../helpers";

/** Report and consolidation exports: CSV (BOM, CRLF, neutralised formulas) and XLSX (a zip). */
const R = "x1";
const EVIL = '=HYPERLINK("http://evil.example","点我")';

async function download(token: string, path: string): Promise<{ status: number; headers: Headers; bytes: Uint8Array; text: string }> {
  const res = await exports.default.fetch(`http://huibiao.test/api/v1${path}`, { headers: { Authorization: `Bearer ${token}` } });
  const bytes = new Uint8Array(await res.arrayBuffer());
  // TextDecoder with ignoreBOM keeps the BOM visible to the assertions.
  return { status: res.status, headers: res.headers, bytes, text: new TextDecoder("utf-8", { fatal: false, ignoreBOM: true }).decode(bytes) };
}

async function submit(unit: string) {
  const v = await readVersion(TOKENS.admin, R, unit);
  const res = await api(TOKENS.admin, "POST", `/rounds/${R}/reports/${unit}/submit`, undefined, { "If-Match": `"${v}"` });
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
}

beforeAll(async () => {
  await seed([{ id: R, templateId: "test-jqzx", templateVersion: 1, rootUnit: "hs", units: HS_UNITS }]);
  const v = await readVersion(TOKENS.fillerA, R, "hs-tunxi-a");
  const saved = await patch(TOKENS.fillerA, R, "hs-tunxi-a", v, [
    { cell: "total", value: "10.25" },
    { cell: "part", value: "3" },
    { cell: "people", value: "1001" },
    { cell: "roster.r1.name", value: "张三" },
    { cell: "roster.r1.amount", value: "1000.5" },
    { cell: "roster.r2.name", value: EVIL },
    { cell: "roster.r2.amount", value: "2000" },
    { cell: "roster.r3.name", value: "+1 逗号,引号\"" },
    { cell: "roster.r4.name", value: "@SUM(A1)" },
    { cell: "roster.r5.name", value: "-2+3" },
  ], { explanations: { W1: "-含外区借读学生" } });
  if (saved.status !== 200) throw new Error(JSON.stringify(saved.body));
  await submit("hs-tunxi-a");
  const w = await readVersion(TOKENS.admin, R, "hs-tunxi-b");
  await patch(TOKENS.admin, R, "hs-tunxi-b", w, [{ cell: "total", value: "0.1" }, { cell: "people", value: "2" }]);
  await submit("hs-tunxi-b");
});

describe("report export", () => {
  it("CSV: BOM, CRLF, official layout, numbers as numbers", async () => {
    const res = await download(TOKENS.fillerA, `/rounds/${R}/reports/hs-tunxi-a/export.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect([...res.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.text.slice(1).split("\r\n");
    expect(lines[0]).toBe("金秋助学情况统计表（测试）");
    expect(lines[1]).toBe("黄山市总工会  黄工办〔2022〕20号");
    expect(lines[2]).toBe("填报单位,屯溪区昱东街道工会,填报期间,2022年,状态,已上报");
    expect(lines).toContain("序号,项目,数值,单位");
    expect(lines).toContain("1,共筹集资金,10.25,万元");
    expect(lines).toContain(",其中：市级筹集,3,万元");
    expect(lines).toContain("2,资助学生,1001,人");
    expect(lines).toContain("序号,姓名,资助金额");
    expect(lines).toContain("1,张三,1000.5");
    expect(res.text.endsWith("\r\n")).toBe(true);
  });

  it("CSV: text that could start a formula gets a leading apostrophe", async () => {
    const { text } = await download(TOKENS.fillerA, `/rounds/${R}/reports/hs-tunxi-a/export.csv`);
    const lines = text.split("\r\n");
    expect(lines).toContain(`2,"'=HYPERLINK(""http://evil.example"",""点我"")",2000`);
    expect(lines).toContain(`3,"'+1 逗号,引号""",`);
    expect(lines).toContain("4,'@SUM(A1),");
    expect(lines).toContain("5,'-2+3,");
    // The 上报说明 is clerk text too; the warning's message is recomputed beside it.
    expect(lines).toContain("W1,资助人数超过 1000 人，请核实,'-含外区借读学生");
    expect(text).not.toMatch(/(^|,)[=+@]/m);
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
    // End of central directory record at the end, 7 parts for one sheet.
    const end = new DataView(res.bytes.buffer, res.bytes.length - 22);
    expect(end.getUint32(0, true)).toBe(0x06054b50);
    expect(end.getUint16(10, true)).toBe(6);
    expect(res.headers.get("Content-Disposition")).toContain(".xlsx");
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
  it("CSV: the totals in the official layout, then the matrix and the other sections", async () => {
    const res = await download(TOKENS.cityReviewer, `/rounds/${R}/consolidated/export.csv`);
    expect(res.status).toBe(200);
    expect([...res.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.text.slice(1).split("\r\n");
    expect(lines[0]).toBe("金秋助学情况统计表（测试）（汇总）");
    expect(lines).toContain("汇总单位,黄山市总工会,填报期间,2022年,汇总范围,已上报、已审核");
    expect(lines).toContain("应报单位,5,已上报单位,2,逾期,0");
    expect(lines).toContain("1,共筹集资金,10.35,万元");
    expect(lines).toContain("2,资助学生,1003,人");
    expect(lines).toContain("单位编码,单位名称,人数（行数）,资助金额合计");
    expect(lines).toContain("hs-tunxi-a,屯溪区昱东街道工会,5,3000.5");
    expect(lines).toContain("【分单位明细】");
    expect(lines).toContain("项目,单位,合计,屯溪区昱东街道工会,屯溪区老街街道工会");
    expect(lines).toContain("第 1 项「共筹集资金」,万元,10.35,10.25,0.1");
    expect(lines).toContain("【完成情况】");
    expect(lines).toContain("单位编码,单位名称,状态,是否逾期,上报时间,错误,提醒,未说明提醒");
    expect(lines).toContain("hs-huizhou,徽州区总工会,未上报,,,,,"); // never saved: counts blank
    expect(lines).toContain("【上报说明】");
    expect(lines).toContain("hs-tunxi-a,屯溪区昱东街道工会,W1,资助人数超过 1000 人，请核实,'-含外区借读学生");
    expect(lines).toContain("【审核提示】");
    expect(lines).toContain("W1,提醒,资助人数超过 1000 人，请核实");
    expect(res.headers.get("Content-Disposition")).toContain(
      `filename*=UTF-8''${encodeURIComponent("金秋助学情况统计表（测试）-黄山市总工会汇总.csv")}`,
    );
  });

  it("XLSX: a zip workbook", async () => {
    const res = await download(TOKENS.admin, `/rounds/${R}/consolidated/export.xlsx?unit=hs-tunxi`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect([...res.bytes.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    const end = new DataView(res.bytes.buffer, res.bytes.length - 22);
    expect(end.getUint16(10, true)).toBe(10); // 5 fixed parts + 5 sheets
  });

  it("has the same access as the JSON: filler 403, reviewer outside its subtree 404", async () => {
    const filler = await download(TOKENS.fillerA, `/rounds/${R}/consolidated/export.csv`);
    expect([filler.status, JSON.parse(filler.text).error.code]).toEqual([403, "forbidden"]);
    const outside = await download(TOKENS.reviewer, `/rounds/${R}/consolidated/export.xlsx?unit=hs`);
    expect(outside.status).toBe(404);
    expect((await download(TOKENS.reviewer, `/rounds/${R}/consolidated/export.xlsx`)).status).toBe(200);
  });
});

import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { Sheet, SheetCell } from "../../../worker/xlsx/sheet";
import { toXlsx, XLSX_TYPE } from "../../../worker/xlsx/write";
import { api, storageSnapshot, TOKENS, type ApiResponse } from "../helpers";
import { idNumber } from "../pii/pii-numbers";
import clerkNumbers from "./fixtures/clerk-numbers";
import clerkText from "./fixtures/clerk-text";
import { seedRosterRounds } from "./roster-file-fixtures";

/** The route: the body as bytes or multipart, the query, who may call it (the service itself: roster-import.test.ts). */
const R = "roster-route";
const UNIT = "hs-tunxi";
const path = (unit = UNIT, query = "") => `/rounds/${R}/reports/${unit}/rosters/roster/import${query}`;

beforeAll(async () => {
  await seedRosterRounds([R]);
});

/** POSTs raw bytes (or a FormData) as a client uploading a file would. */
async function upload(
  token: string | null,
  body: Uint8Array | FormData,
  { unit = UNIT, query = "", type = "text/csv" } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = {};
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  if (!(body instanceof FormData)) headers["Content-Type"] = type;
  const res = await exports.default.fetch(`http://huibiao.test/api/v1${path(unit, query)}`, {
    method: "POST",
    headers,
    body,
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("the OpenAPI document", () => {
  it("documents the route with its query and its refusals", async () => {
    const doc = await api(null, "GET", "/openapi.json");
    const route = doc.body.paths["/api/v1/rounds/{id}/reports/{unit}/rosters/{roster}/import"].post;
    expect(route.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(["id", "unit", "roster", "mode", "sheet"]),
    );
    expect(Object.keys(route.responses)).toEqual(expect.arrayContaining(["200", "403", "404", "409", "415", "422"]));
  });
});

describe("who may import, before the file is read", () => {
  it("401 without a token; 404 for a unit not seen; 403 for a reviewer; nothing written", async () => {
    const before = await storageSnapshot();
    const csv = utf8("学生姓名,身份证号,助学金额\n张三,x,1\n");
    expect((await upload(null, csv)).status).toBe(401);
    expect((await upload(TOKENS.fillerHuizhou, csv)).body.error.code).toBe("not_found");
    expect((await upload(TOKENS.reviewer, csv)).body.error.code).toBe("forbidden");
    expect((await upload(TOKENS.filler, csv, { unit: "hs-huizhou" })).status).toBe(404);
    expect(await storageSnapshot()).toEqual(before);
  });

  it("400 for an unknown mode or roster key", async () => {
    expect((await upload(TOKENS.filler, utf8("a"), { query: "?mode=merge" })).body.error.code).toBe("invalid_request");
    const res = await api(TOKENS.filler, "POST", `/rounds/${R}/reports/${UNIT}/rosters/Bad-Key/import`, "a", {
      "Content-Type": "text/csv",
    });
    expect(res.status).toBe(400);
  });

  it("a body over the reader's cap is a 413, refused while it streams in, not after holding all of it", async () => {
    const chunk = new Uint8Array(1024 * 1024).fill(0x41);
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        // Stops at 32 MB, three times the cap: a route that held the whole body would take it all.
        if (sent >= 32 * chunk.length) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const res = await exports.default.fetch(`http://huibiao.test/api/v1${path()}`, {
      method: "POST",
      headers: { Authorization: `Bearer ${TOKENS.filler}`, "Content-Type": "text/csv" },
      body: endless,
    });
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(16 * chunk.length);
  });

  it("an empty body or a form without the file field is a 400", async () => {
    expect((await upload(TOKENS.filler, new Uint8Array())).body.error.message).toContain("没有收到文件内容");
    const form = new FormData();
    form.set("other", "x");
    expect((await upload(TOKENS.filler, form)).body.error.message).toContain("名为 file 的文件");
  });
});

/** A clerk's own workbook, written by the Worker's xlsx writer: a title, the header on row 3, columns of its own. */
async function clerkXlsx(rows: SheetCell[][], before: Sheet[] = []): Promise<Uint8Array> {
  const sheet: Sheet = {
    name: "受助学生",
    rows: [
      ["2022年屯溪区金秋助学受助学生名单"],
      [],
      ["序号", "学生姓名", "身份证号", "助学金额", "发放日期", "备注"],
      ...rows,
    ],
  };
  return toXlsx([...before, sheet]);
}

const n = (number: string, format = "General"): SheetCell => ({ number, format });

describe("xlsx files", () => {
  it("imports a clerk's workbook sent as the body: mapping, rows, values, ETag", async () => {
    const bytes = await clerkXlsx([
      [n("1"), "张三", idNumber(1), "１，２００.５", n("44805", "yyyy-mm-dd"), "新生"],
      [n("2"), "李四", idNumber(2), n("800"), "2022年9月2日"],
    ]);
    const res = await upload(TOKENS.filler, bytes, { type: XLSX_TYPE });
    expect(res.status).toBe(200);
    expect(res.headers.get("ETag")).toBe('"1"');
    expect(res.body).toMatchObject({
      sheet: "受助学生",
      headerRow: 3,
      mapping: [
        { column: "学生姓名", from: "B", header: "学生姓名" },
        { column: "身份证号", from: "C", header: "身份证号" },
        { column: "发放日期", from: "E", header: "发放日期" },
        { column: "助学金额", from: "D", header: "助学金额" },
      ],
      ignored: [
        { from: "A", header: "序号" },
        { from: "F", header: "备注" },
      ],
      rows: { count: 2, first: 4, last: 5 },
      report: { version: 1, status: "draft" },
    });
    const report = await api(TOKENS.filler, "GET", `/rounds/${R}/reports/${UNIT}`);
    expect(report.body.values).toMatchObject({
      "roster.r0001.name": "张三",
      "roster.r0001.idno": idNumber(1),
      "roster.r0001.amount": "1200.5",
      "roster.r0001.paid": "2022-09-01",
      "roster.r0002.amount": "800",
      "roster.r0002.paid": "2022-09-02",
    });
  });

  it("takes the file from a multipart form's field file, and skips a first sheet without the header", async () => {
    const bytes = await clerkXlsx([[n("1"), "王五", idNumber(3), n("900")]], [{ name: "说明", rows: [["填表说明"]] }]);
    const form = new FormData();
    form.set("file", new File([bytes], "名册.xlsx", { type: XLSX_TYPE }));
    const res = await upload(TOKENS.filler, form);
    expect(res.status).toBe(200);
    expect(res.body.sheet).toBe("受助学生");
    expect(res.body.report.version).toBe(2);
    const report = await api(TOKENS.filler, "GET", `/rounds/${R}/reports/${UNIT}`);
    expect(report.body.values["roster.r0001.name"]).toBe("王五");
    expect(report.body.values["roster.r0002.name"]).toBeUndefined();
  });

  it("refuses 身份证号 held as a number cell, naming the cell, and writes nothing", async () => {
    const before = await storageSnapshot();
    const bytes = await clerkXlsx([[n("1"), "张三", n("341002201203100000"), n("800")]]);
    const res = await upload(TOKENS.filler, bytes, { type: XLSX_TYPE });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("invalid_cells");
    expect(res.body.error.details).toEqual([
      {
        address: "C4",
        column: "身份证号",
        message: "身份证号为数字 341002201203100000，末几位已丢失：请把该列设为文本格式后重新输入",
      },
    ]);
    expect(await storageSnapshot()).toEqual(before);
  });

  it("an old .xls is a 415 that says to save as xlsx", async () => {
    const ole = new Uint8Array(512);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const res = await upload(TOKENS.filler, ole, { type: "application/vnd.ms-excel" });
    expect(res.status).toBe(415);
    expect(res.body.error.message).toContain(".xlsx");
  });
});

describe("a clerk's list re-saved by LibreOffice Calc", () => {
  const bytesOf = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));

  it("身份证号 that Calc took for numbers are refused with the cells and what to do", async () => {
    const before = await storageSnapshot();
    const res = await upload(TOKENS.filler, bytesOf(clerkNumbers), { type: XLSX_TYPE });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([
      {
        address: "C3",
        column: "身份证号",
        message: "身份证号为数字 3.4100220120311E+017，末几位已丢失：请把该列设为文本格式后重新输入",
      },
      {
        address: "C4",
        column: "身份证号",
        message: "身份证号为数字 3.4100220120312E+017，末几位已丢失：请把该列设为文本格式后重新输入",
      },
    ]);
    expect(await storageSnapshot()).toEqual(before);
  });

  it("the same list with the column as text imports: amounts with separators, serial dates", async () => {
    const res = await upload(TOKENS.filler, bytesOf(clerkText), { type: XLSX_TYPE, query: "?mode=replace" });
    expect(res.status).toBe(200);
    expect(res.body.headerRow).toBe(2);
    expect(res.body.rows).toEqual({ count: 2, first: 3, last: 4 });
    const report = await api(TOKENS.filler, "GET", `/rounds/${R}/reports/${UNIT}`);
    expect(report.body.values).toMatchObject({
      "roster.r0001.idno": idNumber(1),
      "roster.r0001.amount": "1200.5",
      "roster.r0001.paid": "2022-09-01",
      "roster.r0002.idno": idNumber(2),
      "roster.r0002.paid": "2022-09-02",
    });
  });
});

describe("csv files", () => {
  const hex = (h: string) => Uint8Array.from(h.match(/../g) ?? [], (b) => parseInt(b, 16));
  const join = (...parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };

  it("reads GBK as Chinese Excel and WPS save 'CSV (逗号分隔)': full-width digits and separators too", async () => {
    // "学生姓名,身份证号,助学金额,备注\r\n张三," <id> ",１，２００,新生\r\n" in GBK (Python: str.encode("gbk")).
    const bytes = join(
      hex("d1a7c9fad0d5c3fb2cc9edb7ddd6a4bac52cd6fad1a7bdf0b6ee2cb1b8d7a20d0a"),
      hex("d5c5c8fd2c"),
      utf8(idNumber(5)),
      hex("2ca3b1a3aca3b2a3b0a3b02cd0c2c9fa0d0a"),
    );
    const form = new FormData();
    form.set("file", new File([bytes], "屯溪名册.csv", { type: "text/csv" }));
    const res = await upload(TOKENS.filler, form);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      sheet: "CSV",
      headerRow: 1,
      ignored: [{ from: "D", header: "备注" }],
      rows: { count: 1, first: 2, last: 2 },
    });
    const report = await api(TOKENS.filler, "GET", `/rounds/${R}/reports/${UNIT}`);
    expect(report.body.values).toMatchObject({
      "roster.r0001.name": "张三",
      "roster.r0001.idno": idNumber(5),
      "roster.r0001.amount": "1200",
    });
  });

  it("refuses a 身份证号 Excel wrote to the CSV as 3.41E+17, by its address", async () => {
    const csv = `\uFEFF学生姓名,身份证号,助学金额\r\n张三,3.41E+17,800\r\n李四,${idNumber(2)},800\r\n`;
    const res = await upload(TOKENS.filler, utf8(csv), { query: "?mode=append" });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toBe(
      "未导入：B2 身份证号为数字 3.41E+17，末几位已丢失：请把该列设为文本格式后重新输入",
    );
  });

  it("appends a UTF-8 list with a BOM after the rows already there", async () => {
    const csv = `\uFEFF序号,学生姓名,身份证号,助学金额,发放日期\n1,赵六,${idNumber(6)},"1,000",44806\n`;
    const res = await upload(TOKENS.filler, utf8(csv), { query: "?mode=append" });
    expect(res.status).toBe(200);
    const report = await api(TOKENS.filler, "GET", `/rounds/${R}/reports/${UNIT}`);
    expect(report.body.values["roster.r0001.name"]).toBe("张三");
    expect(report.body.values).toMatchObject({
      "roster.r0002.name": "赵六",
      "roster.r0002.amount": "1000",
      "roster.r0002.paid": "2022-09-02",
    });
  });
});

describe("the unit's own form.xlsx", () => {
  it("is a roster file too: its roster table is read, the 合计 and the checks beside it are not, and nothing changes", async () => {
    const form = await exports.default.fetch(`http://huibiao.test/api/v1/rounds/${R}/reports/${UNIT}/form.xlsx`, {
      headers: { Authorization: `Bearer ${TOKENS.filler}` },
    });
    expect(form.status).toBe(200);
    const version = Number((await api(TOKENS.filler, "GET", `/rounds/${R}/reports/${UNIT}`)).body.version);
    const res = await upload(TOKENS.filler, new Uint8Array(await form.arrayBuffer()), { type: XLSX_TYPE });
    expect(res.status).toBe(200);
    // The serial column and the row checks' 校验结果 column beside the table are not roster columns.
    expect(res.body.ignored).toEqual([
      { from: "A", header: "序号" },
      { from: "H", header: "校验结果" },
    ]);
    expect(res.body.rows.count).toBe(2);
    expect(res.body.report.version).toBe(version);
    expect(res.body.changed).toBe(0);
  });
});

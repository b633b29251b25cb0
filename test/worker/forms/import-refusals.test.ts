import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { XLSX_TYPE } from "../../../worker/xlsx/write";
import { api, patch, seed, storageSnapshot, TOKENS } from "../helpers";
import { formBook, growTable, insertColumn, insertRow, setCell } from "./form-book";
import { file, newRound, TEMPLATE, UNIT, upload } from "./import-helpers";

beforeAll(() => seed());

describe("refusals leave storage unchanged", () => {
  async function refused(token: string, round: string, unit: string, book: Parameters<typeof upload>[3]) {
    const before = await storageSnapshot();
    const res = await upload(token, round, unit, book);
    expect(await storageSnapshot()).toEqual(before);
    return res;
  }

  it("answers 409 conflict with each cell's Excel address and both values", async () => {
    const round = await newRound();
    const first = await file(round, { values: { total: 10 } });
    expect((await upload(TOKENS.filler, round, UNIT, first.book)).status).toBe(200);
    expect((await patch(TOKENS.filler, round, UNIT, 1, [{ cell: "total", value: 5 }])).status).toBe(200);
    const second = await file(round, { reportVersion: 1, values: { total: 7 } });
    const res = await refused(TOKENS.filler, round, UNIT, second.book);
    expect(res.status).toBe(409);
    expect(res.error).toMatchObject({
      code: "conflict",
      message: expect.stringContaining("C7 第 1 项「共筹集资金」"),
      details: [{ address: "C7", key: "total", where: "第 1 项「共筹集资金」", mine: "7", theirs: "5" }],
    });
  });

  it("lists every value of the wrong type by address, in the form's words", async () => {
    const round = await newRound();
    const { book } = await file(round, {
      values: { total: "很多", people: 2.5, "roster.r0003.amount": "x", "roster.r0003.name": "王五" },
    });
    const res = await refused(TOKENS.filler, round, UNIT, book);
    expect(res.status).toBe(422);
    expect(res.error?.code).toBe("invalid_values");
    const details = res.error?.details as { address: string; key: string; message: string }[];
    expect(details.map((d) => d.address)).toEqual(["C7", "C9", "C15"]);
    expect(details[0]?.message).toMatch(/^C7 第 1 项「共筹集资金」.*数/);
    expect(details[2]?.key).toBe("roster.r0003.amount");
  });

  it("refuses a roster grown beyond its maxRows", async () => {
    const round = await newRound();
    const { book, form, layout } = await file(round);
    growTable(form, 0, layout.rosters[0]!.maxRows);
    const res = await refused(TOKENS.filler, round, UNIT, book);
    expect(res.error).toMatchObject({ code: "invalid_values", message: expect.stringContaining("最多 20000 行") });
  });

  it("refuses another unit's and another round's form, naming both", async () => {
    const round = await newRound();
    const other = await formBook(TEMPLATE, { round, unit: "hs-huizhou", unitName: "徽州区总工会", reportVersion: 0 });
    const res = await refused(TOKENS.filler, round, UNIT, other.book);
    expect(res.error).toMatchObject({
      code: "wrong_form",
      message: expect.stringContaining("这是「徽州区总工会」的填报表，不能上报到「屯溪区总工会」"),
    });
    const later = await newRound();
    const res2 = await refused(TOKENS.filler, later, UNIT, (await file(round)).book);
    expect(res2).toMatchObject({ status: 422, error: { code: "wrong_form" } });
  });

  it("refuses a file that is not a form, and a form drawn with another layout", async () => {
    const round = await newRound();
    const { book } = await file(round);
    const res = await refused(TOKENS.filler, round, UNIT, { ...book, sheets: book.sheets.slice(0, 1) });
    expect(res.error).toMatchObject({ code: "not_a_form", message: expect.stringContaining("不是汇表下载的填报表") });
    const stale = await file(round);
    stale.identity.layoutDigest = "0".repeat(64);
    setCell(stale.book.sheets[1]!, "B10", "0".repeat(64));
    const res2 = await refused(TOKENS.filler, round, UNIT, stale.book);
    expect(res2.error).toMatchObject({ code: "form_outdated", message: expect.stringContaining("表单版式已更新") });
    const older = await file(round);
    setCell(older.book.sheets[1]!, "B3", "2");
    expect((await refused(TOKENS.filler, round, UNIT, older.book)).error?.code).toBe("form_outdated");
  });

  it("names the first label out of place when a row was inserted", async () => {
    const round = await newRound();
    const { book, form } = await file(round, { values: { total: 1 } });
    insertRow(form, 8);
    setCell(form, "B8", "各级工会投入");
    const res = await refused(TOKENS.filler, round, UNIT, book);
    expect(res.error).toMatchObject({
      code: "layout_changed",
      message: "第 8 行应为「其中：市级筹集」，文件中为「各级工会投入」：请勿插入或删除行",
      details: [expect.objectContaining({ address: "B8" })],
    });
  });

  it("names the first label out of place when a column was inserted", async () => {
    const round = await newRound();
    const { book, form } = await file(round);
    insertColumn(form, 2);
    const res = await refused(TOKENS.filler, round, UNIT, book);
    expect(res.error).toMatchObject({
      code: "layout_changed",
      message: "第 4 行 B 列应为「填报单位」，文件中为空白：请勿插入或删除列",
    });
  });

  it("ignores spaces in labels (a full-width space, a wrapped line)", async () => {
    const round = await newRound();
    const { book, form } = await file(round, { values: { total: 3 } });
    setCell(form, "B7", "共筹集\u3000资金 ");
    expect((await upload(TOKENS.filler, round, UNIT, book)).status).toBe(200);
  });

  it("authorizes as the PATCH does: another unit's filler 404, a reviewer 403, an admin may", async () => {
    const round = await newRound();
    const { book } = await file(round, { values: { total: 3 } });
    expect((await refused(TOKENS.fillerHuizhou, round, UNIT, book)).status).toBe(404);
    expect((await refused(TOKENS.fillerA, round, UNIT, book)).status).toBe(404);
    expect((await refused(TOKENS.reviewer, round, UNIT, book)).status).toBe(403);
    // A stranger learns nothing about the file either: not a form is still 404.
    expect((await refused(TOKENS.fillerHuizhou, round, UNIT, { sheets: [], date1904: false })).status).toBe(404);
    expect((await upload(TOKENS.admin, round, UNIT, book)).status).toBe(200);
  });

  it("answers a stranger before reading the file: a body that is no workbook is 404 to them, refused as such to the filler", async () => {
    const round = await newRound();
    const post = (token: string) =>
      exports.default.fetch(`http://huibiao.test/api/v1/rounds/${round}/reports/${UNIT}/import`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": XLSX_TYPE },
        body: new TextEncoder().encode("不是工作簿"),
      });
    expect((await post(TOKENS.fillerHuizhou)).status).toBe(404);
    expect((await post(TOKENS.reviewer)).status).toBe(403);
    const own = await post(TOKENS.filler);
    expect(own.status).toBe(415);
    expect(((await own.json()) as { error: { code: string } }).error.code).toBe("unsupported_media_type");
  });

  it("refuses an import into a submitted report, as the PATCH does", async () => {
    const round = await newRound();
    expect((await patch(TOKENS.filler, round, UNIT, 0, [{ cell: "total", value: 1 }])).status).toBe(200);
    const submit = await api(TOKENS.filler, "POST", `/rounds/${round}/reports/${UNIT}/submit`, undefined, {
      "If-Match": '"1"',
    });
    expect(submit.status).toBe(200);
    const { book } = await file(round, { reportVersion: 1, values: { total: 2 } });
    const res = await refused(TOKENS.filler, round, UNIT, book);
    expect(res).toMatchObject({ status: 409, error: { code: "invalid_transition" } });
  });

  it("refuses an import into a locked round", async () => {
    const round = await newRound();
    expect((await api(TOKENS.admin, "POST", `/rounds/${round}/lock`)).status).toBe(200);
    const { book } = await file(round, { values: { total: 2 } });
    expect(await refused(TOKENS.filler, round, UNIT, book)).toMatchObject({
      status: 409,
      error: { code: "round_locked" },
    });
  });

  it("refuses a form whose form sheet is gone", async () => {
    const round = await newRound();
    const { book } = await file(round);
    const res = await refused(TOKENS.filler, round, UNIT, { ...book, sheets: book.sheets.slice(1) });
    expect(res.error).toMatchObject({ code: "layout_changed", message: expect.stringContaining("找不到填报工作表") });
  });
});

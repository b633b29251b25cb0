import { beforeAll, describe, expect, it } from "vitest";
import { checked, FORM, patch, seed, seedRounds, storageSnapshot, storedValues, TOKENS, api } from "../helpers";
import { formBook, growTable, insertColumn, insertRow, setCell, type FormBookOptions } from "./form-book";
import { upload } from "./import-helpers";

const TEMPLATE = checked(FORM);
const UNIT = "hs-tunxi";
const NAME = "屯溪区总工会";
let rounds = 0;

/** A fresh round of the test form for each case: reports start at version 0. */
async function newRound(): Promise<string> {
  const id = `imp-${++rounds}`;
  await seedRounds([{ id, templateId: "test-jqzx", templateVersion: 1, rootUnit: "hs" }]);
  return id;
}

function file(round: string, o: Partial<FormBookOptions> = {}) {
  return formBook(TEMPLATE, { round, unit: UNIT, unitName: NAME, reportVersion: 0, ...o });
}

beforeAll(() => seed());

describe("import of a filled form", () => {
  it("saves every value as the pane reads it, and answers version, counts and problems by address", async () => {
    const round = await newRound();
    const { book } = await file(round, {
      values: {
        total: "１２．５", // full-width, as a Chinese keyboard types it
        part: 20, // breaks R1: 其中项不能大于合计
        people: "1,234", // thousands separator, a number stored as text
        "roster.r0001.name": "张三",
        "roster.r0001.amount": 1500,
        "roster.r0002.name": "李四",
        "roster.r0002.amount": "2000",
      },
    });
    const res = await upload(TOKENS.filler, round, UNIT, book);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      report: { version: 1, status: "draft" },
      changed: 7,
      merged: 0,
      problems: {
        errors: [
          {
            address: "C8",
            sheet: "金秋助学情况统计表（测试）",
            key: "part",
            where: "第 1 项「市级筹集」",
            message: expect.stringContaining("其中项不能大于合计"),
            ruleId: "R1",
          },
        ],
        warnings: [
          expect.objectContaining({
            address: "C9",
            key: "people",
            ruleId: "W1",
            message: expect.stringContaining("1000"),
          }),
        ],
      },
    });
    expect(await storedValues(round, UNIT)).toEqual({
      people: "1234",
      part: "20",
      "roster.r0001.amount": "1500",
      "roster.r0001.name": "张三",
      "roster.r0002.amount": "2000",
      "roster.r0002.name": "李四",
      total: "12.5",
    });
  });

  it("changes nothing when the same file is uploaded twice", async () => {
    const round = await newRound();
    const { book } = await file(round, { values: { total: 10, "roster.r0001.name": "张三" } });
    expect((await upload(TOKENS.filler, round, UNIT, book)).status).toBe(200);
    const before = await storageSnapshot();
    const again = await upload(TOKENS.filler, round, UNIT, book);
    expect(again).toMatchObject({ status: 200, body: { report: { version: 1 }, changed: 0 } });
    expect(await storageSnapshot()).toEqual(before);
  });

  it("merges what the pane changed since the download, and empties roster rows the clerk cleared", async () => {
    const round = await newRound();
    const first = await file(round, { values: { total: 10, people: 3, "roster.r0002.name": "李四" } });
    expect((await upload(TOKENS.filler, round, UNIT, first.book)).status).toBe(200);
    // Meanwhile, in the pane: 资助学生 5.
    expect((await patch(TOKENS.filler, round, UNIT, 1, [{ cell: "people", value: 5 }])).status).toBe(200);
    // The file drawn at version 1 still shows 3 there; the clerk changes 共筹集资金 and clears row 2.
    const second = await file(round, { reportVersion: 1, values: { total: 11, people: 3 } });
    const res = await upload(TOKENS.filler, round, UNIT, second.book);
    expect(res).toMatchObject({ status: 200, body: { report: { version: 3 }, changed: 2, merged: 1 } });
    expect(await storedValues(round, UNIT)).toEqual({ total: "11", people: "5" });
  });

  it("reads roster rows added below the prepared ones", async () => {
    const round = await newRound();
    const { book, form, layout } = await file(round, { values: { "roster.r0005.name": "第五" } });
    const roster = layout.rosters[0]!;
    growTable(form, 0, 2);
    setCell(form, `B${roster.firstRow + 5}`, "第六");
    setCell(form, `C${roster.firstRow + 6}`, 700);
    const res = await upload(TOKENS.filler, round, UNIT, book);
    expect(res.status).toBe(200);
    expect(await storedValues(round, UNIT)).toEqual({
      "roster.r0005.name": "第五",
      "roster.r0006.name": "第六",
      "roster.r0007.amount": "700",
    });
  });

  it("erases the roster rows the clerk deleted from the table", async () => {
    const round = await newRound();
    const names = Object.fromEntries([1, 2, 3, 4, 5].map((i) => [`roster.r000${i}.name`, `第${i}`]));
    expect((await upload(TOKENS.filler, round, UNIT, (await file(round, { values: names })).book)).status).toBe(200);
    const { book, form, layout } = await file(round, { reportVersion: 1, values: names });
    const roster = layout.rosters[0]!;
    // Rows 4 and 5 deleted: the table ends two rows higher, their cells are gone.
    form.tables[0]!.ref = `A${roster.headerRow}:C${roster.firstRow + 2}`;
    setCell(form, `B${roster.firstRow + 3}`, undefined);
    setCell(form, `B${roster.firstRow + 4}`, undefined);
    const res = await upload(TOKENS.filler, round, UNIT, book);
    expect(res).toMatchObject({ status: 200, body: { report: { version: 2 }, changed: 2 } });
    expect(Object.keys(await storedValues(round, UNIT))).toEqual([
      "roster.r0001.name",
      "roster.r0002.name",
      "roster.r0003.name",
    ]);
  });
});

describe("a form a clerk reworked within the rules", () => {
  it("finds a renamed form sheet by its labels, past a sheet the clerk added in front", async () => {
    const round = await newRound();
    const { book, form } = await file(round, { values: { total: 4 } });
    form.name = "我的填报";
    book.sheets.unshift({ name: "说明", state: "visible", cells: new Map(), tables: [] });
    const res = await upload(TOKENS.filler, round, UNIT, book);
    expect(res).toMatchObject({ status: 200, body: { changed: 1 } });
    expect(await storedValues(round, UNIT)).toEqual({ total: "4" });
  });

  it("reads roster columns by their header names, in any order", async () => {
    const round = await newRound();
    const { book, form, layout } = await file(round);
    const roster = layout.rosters[0]!;
    setCell(form, `B${roster.headerRow}`, "资助金额");
    setCell(form, `C${roster.headerRow}`, "姓名");
    setCell(form, `B${roster.firstRow}`, 800);
    setCell(form, `C${roster.firstRow}`, "赵六");
    expect((await upload(TOKENS.filler, round, UNIT, book)).status).toBe(200);
    expect(await storedValues(round, UNIT)).toEqual({ "roster.r0001.amount": "800", "roster.r0001.name": "赵六" });
  });

  it("reads the rows typed below a roster that ends the sheet when the table part is gone", async () => {
    const round = await newRound();
    const { book, form, layout } = await file(round);
    const roster = layout.rosters[0]!;
    form.tables = [];
    setCell(form, `B${roster.firstRow + 7}`, "第八");
    expect((await upload(TOKENS.filler, round, UNIT, book)).status).toBe(200);
    expect(await storedValues(round, UNIT)).toEqual({ "roster.r0008.name": "第八" });
  });
});

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
});

it("places the test form where these tests expect it", async () => {
  const { layout } = await file("x");
  expect(layout.cells.map((c) => c.address)).toEqual(["C7", "C8", "C9"]);
  expect(layout.rosters[0]?.headerRow).toBe(12);
});

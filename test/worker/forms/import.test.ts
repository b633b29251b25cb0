import { beforeAll, describe, expect, it } from "vitest";
import { patch, seed, storageSnapshot, storedValues, TOKENS } from "../helpers";
import { growTable, setCell } from "./form-book";
import { file, newRound, UNIT, upload } from "./import-helpers";

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

  it("takes a fixed file uploaded again: the clerk's own earlier upload is no conflict, another's import is", async () => {
    const round = await newRound();
    const first = await file(round, { values: { total: 10, people: 3 } });
    expect((await upload(TOKENS.filler, round, UNIT, first.book)).status).toBe(200);
    // The clerk fixes the same file (still drawn at version 0) and uploads it again: the newer file wins.
    const fixed = await file(round, { values: { total: 12, people: 3 } });
    const res = await upload(TOKENS.filler, round, UNIT, fixed.book);
    expect(res).toMatchObject({ status: 200, body: { report: { version: 2 }, changed: 1, merged: 0 } });
    expect(await storedValues(round, UNIT)).toEqual({ total: "12", people: "3" });
    // A colleague on the same token uploads another copy of the blank form: what it left blank is not
    // a change, so the first copy's cells stay; what it changed wins.
    const other = await file(round, { values: { people: 4 } });
    expect(await upload(TOKENS.filler, round, UNIT, other.book)).toMatchObject({
      status: 200,
      body: { report: { version: 3 }, changed: 1 },
    });
    expect(await storedValues(round, UNIT)).toEqual({ total: "12", people: "4" });
    // Someone else's import since then is a change the clerk has not seen: the same cell conflicts.
    const admins = await file(round, { reportVersion: 3, values: { total: 20, people: 4 } });
    expect((await upload(TOKENS.admin, round, UNIT, admins.book)).status).toBe(200);
    const before = await storageSnapshot();
    const late = await file(round, { values: { total: 13, people: 4 } });
    expect(await upload(TOKENS.filler, round, UNIT, late.book)).toMatchObject({
      status: 409,
      error: { code: "conflict", details: [{ key: "total", mine: "13", theirs: "20" }] },
    });
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

it("places the test form where these tests expect it", async () => {
  const { layout } = await file("x");
  expect(layout.cells.map((c) => c.address)).toEqual(["C7", "C8", "C9"]);
  expect(layout.rosters[0]?.headerRow).toBe(12);
});

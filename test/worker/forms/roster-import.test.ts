import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { RosterImportRequest } from "../../../worker/forms/roster-file/import-roster";
import type { ReadWorkbook } from "../../../worker/xlsx/workbook";
import { api, readVersion, storageSnapshot, storedValues, TOKENS } from "../helpers";
import { cardNumber, idNumber } from "../pii/pii-numbers";
import { bookOf, num, seedRosterRounds, sheetOf, type TestCell } from "./roster-file-fixtures";
import { clerkFile, importAs, refusal, UNIT } from "./roster-import-helpers";

/** The import service on real D1, with ReadWorkbooks built here (the route and its reader: roster-file-routes.test.ts). */
const R = "roster-file";

beforeAll(async () => {
  await seedRosterRounds([R]);
});

const run = (token: string, book: ReadWorkbook, extra: Partial<RosterImportRequest> = {}) =>
  importAs(token, book, { round: R, ...extra });

const rowKeyScopes = async (round = R) =>
  (
    await env.DB.prepare(
      "SELECT scope FROM pii_row_keys WHERE report_id = (SELECT id FROM reports WHERE round_id = ? AND unit = ?) ORDER BY scope",
    )
      .bind(round, UNIT)
      .all<{ scope: string }>()
  ).results.map((r) => r.scope);

const STUDENTS: TestCell[][] = [
  [1, "１，２００", "张三", "新生", idNumber(1), num(44805, "44805", "yyyy-mm-dd"), cardNumber(1)],
  [2, 100, "李四", "", idNumber(2), "2022/9/2", cardNumber(2)],
  [3, "800", "王五", "", idNumber(1), "", ""],
];

describe("importing a roster file (replace)", () => {
  it("maps the columns by the header, takes the rows, saves them as one patch and places the problems in the file", async () => {
    const res = await run(TOKENS.filler, clerkFile(STUDENTS));
    expect(res).toMatchObject({
      sheet: "Sheet1",
      headerRow: 3,
      mode: "replace",
      mapping: [
        { column: "学生姓名", key: "name", from: "C", header: "学生 姓名" },
        { column: "身份证号", key: "idno", from: "E", header: "身份证号" },
        { column: "发放日期", key: "paid", from: "F", header: "发放日期" },
        { column: "助学金额", key: "amount", from: "B", header: "助学金额" },
        { column: "银行卡号", key: "card", from: "G", header: "银行卡号" },
      ],
      ignored: [
        { from: "A", header: "序号" },
        { from: "D", header: "备注" },
      ],
      absent: [{ column: "就读阶段", key: "stage" }],
      rows: { count: 3, first: 4, last: 6 },
      report: { version: 1, status: "draft" },
      changed: 13,
    });
    // 张三 and 王五 share a 身份证号 (E4, E6); 李四's 100 元 is a warning at B5.
    expect(res.problems.errors.map((p) => [p.address, p.ruleId])).toEqual([
      ["E4", "unique:roster:idno"],
      ["E6", "unique:roster:idno"],
    ]);
    expect(res.problems.errors[0]?.message).toContain(idNumber(1)); // the owning filler sees its own values
    expect(res.problems.warnings).toEqual([
      {
        address: "B5",
        row: 5,
        sheet: "Sheet1",
        key: "roster.r0002.amount",
        where: "受助学生名册「助学金额」",
        message: "助学金额 100 元不在 200～20000 元之间",
        ruleId: "amount-range",
      },
    ]);

    const report = await api(TOKENS.filler, "GET", `/rounds/${R}/reports/${UNIT}`);
    expect(report.body.values).toEqual({
      "roster.r0001.name": "张三",
      "roster.r0001.idno": idNumber(1),
      "roster.r0001.paid": "2022-09-01",
      "roster.r0001.amount": "1200",
      "roster.r0001.card": cardNumber(1),
      "roster.r0002.name": "李四",
      "roster.r0002.idno": idNumber(2),
      "roster.r0002.paid": "2022-09-02",
      "roster.r0002.amount": "100",
      "roster.r0002.card": cardNumber(2),
      "roster.r0003.name": "王五",
      "roster.r0003.idno": idNumber(1),
      "roster.r0003.amount": "800",
      persons: "3",
    });
  });

  it("stores sensitive values sealed, as any save does (issue 12)", async () => {
    const stored = await storedValues(R, UNIT);
    expect(stored["roster.r0001.idno"]).toMatch(/^pii1:/);
    expect(stored["roster.r0002.card"]).toMatch(/^pii1:/);
    expect(JSON.stringify(stored)).not.toContain(idNumber(2));
    expect(await rowKeyScopes()).toEqual(["roster.r0001", "roster.r0002", "roster.r0003"]);
    // …and indexed for the cross-unit duplicate search, as any save of them.
    const indexed = await env.DB.prepare("SELECT cell FROM blind_index WHERE round_id = ? ORDER BY cell")
      .bind(R)
      .all<{ cell: string }>();
    expect(indexed.results.map((r) => r.cell)).toEqual([
      "roster.r0001.card",
      "roster.r0001.idno",
      "roster.r0002.card",
      "roster.r0002.idno",
      "roster.r0003.idno",
    ]);
  });

  it("re-importing the same file changes nothing", async () => {
    const res = await run(TOKENS.filler, clerkFile(STUDENTS));
    expect(res.report.version).toBe(1);
    expect(res.changed).toBe(0);
  });

  it("a shorter file empties the rows beyond it and their keys are destroyed", async () => {
    const res = await run(TOKENS.filler, clerkFile([STUDENTS[0] as TestCell[]]));
    expect(res.report.version).toBe(2);
    expect(res.rows).toEqual({ count: 1, first: 4, last: 4 });
    expect(res.problems).toEqual({ errors: [], warnings: [] });
    expect(await rowKeyScopes()).toEqual(["roster.r0001"]);
    const values = await storedValues(R, UNIT);
    expect(Object.keys(values).filter((k) => k.startsWith("roster.r0002") || k.startsWith("roster.r0003"))).toEqual([]);
    const history = await api(TOKENS.filler, "GET", `/rounds/${R}/reports/${UNIT}/history`);
    expect(history.body.entries).toHaveLength(2);
  });
});

describe("append", () => {
  it("adds the file's rows after the last one and keeps the others", async () => {
    const before = await readVersion(TOKENS.filler, R, UNIT);
    const res = await run(TOKENS.filler, clerkFile([[9, 500, "钱七", "", idNumber(7), "", ""]]), { mode: "append" });
    expect(res.report.version).toBe(before + 1);
    expect(res.rows).toEqual({ count: 1, first: 4, last: 4 });
    const report = await api(TOKENS.filler, "GET", `/rounds/${R}/reports/${UNIT}`);
    expect(report.body.values["roster.r0001.name"]).toBe("张三");
    expect(report.body.values["roster.r0002.name"]).toBe("钱七");
    expect(report.body.values.persons).toBe("2");
  });

  it("places a duplicate with a row the file did not bring by the file's cell only", async () => {
    const res = await run(TOKENS.filler, clerkFile([[1, 500, "赵八", "", idNumber(7), "", ""]]), { mode: "append" });
    expect(res.rows).toEqual({ count: 1, first: 4, last: 4 });
    // 钱七 (r0002, already there) and 赵八 (r0003, from the file, E4) share a 身份证号.
    expect(res.problems.errors.map((p) => [p.address, p.row, p.key, p.where])).toEqual([
      ["", undefined, "roster.r0002.idno", "受助学生名册「身份证号」"],
      ["E4", 4, "roster.r0003.idno", "受助学生名册「身份证号」"],
    ]);
  });
});

describe("every refusal writes nothing", () => {
  const unchanged = async (attempt: () => Promise<unknown>) => {
    const before = [await storageSnapshot(), await rowKeyScopes()];
    const r = await refusal(attempt());
    expect([await storageSnapshot(), await rowKeyScopes()]).toEqual(before);
    return r;
  };

  it("a header that lacks a required column names the missing ones", async () => {
    const book = bookOf([sheetOf([["名单"], ["姓名", "身份证号码", "助学金额"], ["张三", idNumber(1), 800]])]);
    const r = await unchanged(() => run(TOKENS.filler, book));
    expect(r.code).toBe("roster_header_not_found");
    expect(r.message).toContain("「Sheet1」第 2 行最像表头，但缺少列：学生姓名、身份证号");
    expect(r.details).toEqual([
      { sheet: "Sheet1", row: 2, column: "学生姓名", message: "缺少列「学生姓名」" },
      { sheet: "Sheet1", row: 2, column: "身份证号", message: "缺少列「身份证号」" },
    ]);
  });

  it("身份证号 stored as a number: every bad cell by its address, nothing saved", async () => {
    const r = await unchanged(() =>
      run(
        TOKENS.filler,
        clerkFile([
          [1, 800, "张三", "", num(341002201203100000, "3.41E+17"), "", ""],
          [2, 800, "李四", "", idNumber(2), "2022-02-30", ""],
        ]),
      ),
    );
    expect(r.code).toBe("invalid_cells");
    expect(r.message).toBe(
      "未导入：有 2 个单元格的内容不符合要求（见 details），如 E4 身份证号为数字 3.41E+17，末几位已丢失：请把该列设为文本格式后重新输入",
    );
    expect(r.details).toEqual([
      {
        address: "E4",
        column: "身份证号",
        message: "身份证号为数字 3.41E+17，末几位已丢失：请把该列设为文本格式后重新输入",
      },
      { address: "F5", column: "发放日期", message: "受助学生名册「发放日期」“2022-02-30” 不是有效日期" },
    ]);
  });

  it("a header with nothing under it, and more rows than the roster holds", async () => {
    expect((await unchanged(() => run(TOKENS.filler, clerkFile([])))).code).toBe("roster_file_empty");
    const many = Array.from({ length: 9 }, (_, i): TestCell[] => [i + 1, 800, `学生${i}`, "", idNumber(20 + i)]);
    const r = await unchanged(() => run(TOKENS.filler, clerkFile(many)));
    expect(r.code).toBe("roster_too_many_rows");
    expect(r.message).toBe("受助学生名册最多 8 行，文件中有 9 行");
    const appended = await unchanged(() => run(TOKENS.filler, clerkFile(many.slice(0, 7)), { mode: "append" }));
    expect(appended.message).toBe("受助学生名册最多 8 行，已有 3 行，加上文件中的 7 行超出上限");
  });

  it("a roster the template does not have is a 404", async () => {
    expect((await unchanged(() => run(TOKENS.filler, clerkFile(STUDENTS), { roster: "nope" }))).code).toBe("not_found");
  });
});

import { describe, expect, it } from "vitest";
import { compiledOf } from "../../../schemas/cells";
import { findRosterHeader } from "../../../schemas/roster-header";
import type { RosterSection } from "../../../schemas/template";
import { readFileRows, rowsEnd } from "../../../worker/forms/roster-file/file-rows";
import { rosterPatch } from "../../../worker/forms/roster-file/roster-patch";
import { headerRows, sheetGrid } from "../../../worker/forms/roster-file/sheet-grid";
import { checked } from "../helpers";
import { cardNumber as luhnCard } from "../pii/pii-fixtures";
import { idNumber, cardNumber } from "../pii/pii-numbers";
import { num, ROSTER_FORM, sheetOf, type TestCell } from "./roster-file-fixtures";

const template = checked(ROSTER_FORM);
const roster = compiledOf(template).rosterByKey.get("roster")!;
const columns = (template.sections[0] as RosterSection).columns;

/** Reads a sheet as the import does: find the header, then the rows under it. */
function read(rows: TestCell[][], date1904 = false) {
  const grid = sheetGrid(sheetOf(rows));
  const match = findRosterHeader(headerRows(grid), columns);
  if (!match.ok) throw new Error(JSON.stringify(match));
  return readFileRows(grid, match.row + 1, match.columns, roster, date1904);
}

/** 13 digits: exact as a number, so a number cell holding it is read as its digits. */
const SHORT_CARD = luhnCard("622202020012");

const values = (r: ReturnType<typeof read>) => r.rows.map((row) => Object.fromEntries(row.values));

describe("reading a roster file's rows", () => {
  it("normalises as the add-in does: full-width digits, thousands separators, numbers as text, serial dates", () => {
    const r = read([
      ["学生姓名", "身份证号", "助学金额", "发放日期", "银行卡号"],
      ["张三", idNumber(1), "１，２００．５", num(44805, "44805", "yyyy-mm-dd"), cardNumber(1)],
      ["李四", idNumber(2).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))), num(800), "2022年9月1日"],
      ["王五", idNumber(3), "1,000", "2022/9/1", num(Number(SHORT_CARD))],
    ]);
    expect(r.invalid).toEqual([]);
    expect(values(r)).toEqual([
      { name: "张三", idno: idNumber(1), amount: "1200.5", paid: "2022-09-01", card: cardNumber(1) },
      { name: "李四", idno: idNumber(2), amount: "800", paid: "2022-09-01", card: null },
      { name: "王五", idno: idNumber(3), amount: "1000", paid: "2022-09-01", card: SHORT_CARD },
    ]);
    expect(r.rows.map((x) => x.sheetRow)).toEqual([2, 3, 4]);
  });

  it("counts serial dates from 1904-01-01 in a 1904 workbook", () => {
    const r = read(
      [
        ["学生姓名", "身份证号", "助学金额", "发放日期"],
        ["张三", idNumber(1), 800, num(44805 - 1462, undefined, "yyyy-mm-dd")],
      ],
      true,
    );
    expect(r.rows[0]?.values.get("paid")).toBe("2022-09-01");
  });

  it("refuses 身份证号 and 银行卡号 stored as numbers, and scientific text from a CSV, by address", () => {
    const r = read([
      ["序号", "学生姓名", "助学金额", "身份证号", "银行卡号"],
      [1, "张三", 800, num(341002201203100000, "3.41002201203100E+17"), cardNumber(1)],
      [2, "李四", 800, "3.41E+17", num(6222020200000000000, "6.2220202E+18")],
      [3, "王五", 800, idNumber(3), "６．２２２Ｅ＋１８"],
      [4, "赵六", "八百", idNumber(4), num(1111222233334440, "1111222233334440")],
    ]);
    expect(r.invalid).toEqual([
      {
        address: "D2",
        column: "身份证号",
        message: "身份证号为数字 3.41002201203100E+17，末几位已丢失：请把该列设为文本格式后重新输入",
      },
      {
        address: "D3",
        column: "身份证号",
        message: "身份证号为数字 3.41E+17，末几位已丢失：请把该列设为文本格式后重新输入",
      },
      {
        address: "E3",
        column: "银行卡号",
        message: "银行卡号为数字 6.2220202E+18，末几位已丢失：请把该列设为文本格式后重新输入",
      },
      {
        address: "E4",
        column: "银行卡号",
        message: "银行卡号为数字 6.222E+18，末几位已丢失：请把该列设为文本格式后重新输入",
      },
      {
        address: "C5",
        column: "助学金额",
        message: "受助学生名册「助学金额」应填写金额（元，最多 2 位小数），“八百” 无法识别",
      },
      {
        address: "E5",
        column: "银行卡号",
        message: "银行卡号为数字 1111222233334440，末几位已丢失：请把该列设为文本格式后重新输入",
      },
    ]);
  });

  it("skips rows with nothing in the mapped columns, and everything above the header", () => {
    const r = read([
      ["2022年受助学生名册"],
      ["填报单位：屯溪区总工会"],
      ["序号", "学生姓名", "身份证号", "助学金额"],
      [1, "张三", idNumber(1), 800],
      [2],
      [],
      [3, "王五", idNumber(3), 900, "备注不读"],
    ]);
    expect(r.rows.map((x) => [x.sheetRow, x.values.get("name")])).toEqual([
      [4, "张三"],
      [7, "王五"],
    ]);
  });
});

describe("rows of a table", () => {
  it("stop at the table's last row when the header is an Excel table's (a form's 合计 lines below it are not rows)", () => {
    const sheet = sheetOf([
      ["受助学生名册"],
      ["序号", "学生姓名", "身份证号", "助学金额"],
      [1, "张三", idNumber(1), 800],
      [2, "李四", idNumber(2), 900],
      [],
      ["", "资助人数合计", "", 2],
    ]);
    sheet.tables.push({ name: "名册", ref: "A2:D4", columns: ["序号", "学生姓名", "身份证号", "助学金额"] });
    const grid = sheetGrid(sheet);
    const match = findRosterHeader(headerRows(grid), columns);
    if (!match.ok) throw new Error("no header");
    const r = readFileRows(grid, match.row + 1, match.columns, roster, false, rowsEnd(sheet, match.row + 1));
    expect(r.rows.map((x) => x.values.get("name"))).toEqual(["张三", "李四"]);
    expect(rowsEnd(sheetOf([["学生姓名"], ["张三"]]), 1)).toBeUndefined();
  });
});

describe("the patch of an import", () => {
  const rows = (...names: string[]) =>
    names.map((name, i) => ({ sheetRow: i + 2, values: new Map<string, string | null>([["name", name]]) }));
  const current = {
    "roster.r0001.name": "张三",
    "roster.r0001.amount": "800",
    "roster.r0002.name": "李四",
    "roster.r0003.name": "王五",
    "roster.r7.name": "旧行",
    "note:W1": "说明",
  };

  it("replace: the file's rows from r0001, absent columns blanked, every other row emptied", () => {
    const p = rosterPatch(current, roster, rows("张三", "钱七"), "replace");
    expect(p.rowIds).toEqual(["r0001", "r0002"]);
    expect(p.reach).toBe(2);
    expect(p.changes).toEqual([
      { cell: "roster.r0001.amount", value: null },
      { cell: "roster.r0002.name", value: "钱七" },
      { cell: "roster.r0003.name", value: null },
      { cell: "roster.r7.name", value: null },
    ]);
  });

  it("replace with the same rows changes nothing", () => {
    const same = { "roster.r0001.name": "张三", "roster.r0002.name": "李四" };
    expect(rosterPatch(same, roster, rows("张三", "李四"), "replace").changes).toEqual([]);
  });

  it("append: after the last positional row, keeping every row", () => {
    const p = rosterPatch(current, roster, rows("钱七"), "append");
    expect(p.rowIds).toEqual(["r0004"]);
    expect(p.reach).toBe(4);
    expect(p.changes).toEqual([{ cell: "roster.r0004.name", value: "钱七" }]);
  });
});

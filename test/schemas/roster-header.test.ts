import { describe, expect, it } from "vitest";
import { findRosterHeader, foldLabel } from "../../schemas/roster-header";
import type { Column } from "../../schemas/template";

const COLUMNS = [
  { key: "name", label: "学生姓名", type: "text", required: true },
  { key: "idno", label: "身份证号", type: "idcard", required: true },
  { key: "school", label: "就读学校（全称）", type: "text" },
  { key: "amount", label: "助学金额", type: "money", required: true },
] as Column[];

describe("foldLabel", () => {
  it("trims, folds full-width forms, drops inner spaces and line breaks, ignores case", () => {
    expect(foldLabel("  学生　姓名 ")).toBe("学生姓名");
    expect(foldLabel("就读学校\n(全称)")).toBe(foldLabel("就读学校（全称）"));
    expect(foldLabel("ＩＤＮＯ")).toBe("idno");
  });
});

describe("findRosterHeader", () => {
  it("maps the columns in any order, names the ignored ones and the absent optional ones", () => {
    const m = findRosterHeader([["序号", "助学金额", "备注", "身份证号", "学生姓名"]], COLUMNS);
    expect(m).toEqual({
      ok: true,
      row: 0,
      columns: [
        { key: "name", label: "学生姓名", col: 4, header: "学生姓名" },
        { key: "idno", label: "身份证号", col: 3, header: "身份证号" },
        { key: "amount", label: "助学金额", col: 1, header: "助学金额" },
      ],
      ignored: [
        { col: 0, header: "序号" },
        { col: 2, header: "备注" },
      ],
      absent: [{ key: "school", label: "就读学校（全称）" }],
    });
  });

  it("finds the header below a title and a blank row; folded labels and keys both name a column", () => {
    const m = findRosterHeader(
      [
        ["2022年金秋助学受助学生名册"],
        ["填报单位：屯溪区总工会", "", "", ""],
        [],
        ["学生 姓名", "IDNO", "就读学校(全称)", "助学金额"],
      ],
      COLUMNS,
    );
    expect(m.ok && m.row).toBe(3);
    expect(m.ok && m.columns.map((c) => [c.key, c.col, c.header])).toEqual([
      ["name", 0, "学生 姓名"],
      ["idno", 1, "IDNO"],
      ["school", 2, "就读学校(全称)"],
      ["amount", 3, "助学金额"],
    ]);
  });

  it("does not guess: a synonym the template does not declare is not a match", () => {
    const m = findRosterHeader([["学生姓名", "身份证号码", "助学金额"]], COLUMNS);
    expect(m).toEqual({ ok: false, reason: "missing", row: 0, missing: ["身份证号"] });
  });

  it("names the required columns missing from the closest row", () => {
    const m = findRosterHeader([["名册"], ["姓名", "身份证号", "金额"], ["学生姓名", "身份证号", "金额"]], COLUMNS);
    expect(m).toEqual({ ok: false, reason: "missing", row: 2, missing: ["助学金额"] });
    expect(findRosterHeader([["a", "b"], []], COLUMNS)).toEqual({
      ok: false,
      reason: "missing",
      missing: ["学生姓名", "身份证号", "助学金额"],
    });
  });

  it("looks only at the first 20 rows", () => {
    const rows = [...Array.from({ length: 20 }, () => ["说明"]), ["学生姓名", "身份证号", "助学金额"]];
    expect(findRosterHeader(rows, COLUMNS).ok).toBe(false);
    expect(findRosterHeader(rows.slice(1), COLUMNS).ok).toBe(true);
  });

  it("refuses a column named twice rather than pick one", () => {
    const m = findRosterHeader([["学生姓名", "身份证号", "助学金额", "身份证号 "]], COLUMNS);
    expect(m).toEqual({ ok: false, reason: "duplicate", row: 0, label: "身份证号", cols: [1, 3] });
  });

  it("with no required column, the first row naming any column is the header", () => {
    const optional = COLUMNS.map((c) => ({ ...c, required: false }));
    const m = findRosterHeader([["名册"], ["序号", "助学金额"]], optional);
    expect(m.ok && m.row).toBe(1);
  });
});

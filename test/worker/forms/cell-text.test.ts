import { describe, expect, it } from "vitest";
import { parseInput } from "../../../schemas/input";
import { excelValue, sameLabel } from "../../../worker/forms/import/cell-text";
import type { ReadCell } from "../../../worker/xlsx/workbook";

const num = (value: number): ReadCell => ({ value: { kind: "number", value, raw: String(value) } });
const date = (cell: ReadCell, date1904: boolean) =>
  parseInput({ kind: "date" }, excelValue(cell, true, date1904), "入学日期");

describe("a read cell as the pane's parser receives it", () => {
  it("reads a date serial in either date system (2022-09-01 is 44805 from 1900, 43343 from 1904)", () => {
    expect(date(num(44805), false)).toEqual({ ok: true, value: "2022-09-01" });
    expect(date(num(43343), true)).toEqual({ ok: true, value: "2022-09-01" });
    // Only date cells move: a number in a 1904 workbook is still the number.
    expect(excelValue(num(43343), false, true)).toBe(43343);
  });

  it("gives TRUE/FALSE and formula errors as Excel's values do", () => {
    expect(excelValue({ value: { kind: "boolean", value: true } }, false, false)).toBe("TRUE");
    const error = parseInput(
      { kind: "integer", scale: 0 },
      excelValue({ value: { kind: "error", value: "#DIV/0!" } }, false, false),
      "第 2 项「资助学生」",
    );
    expect(error).toMatchObject({ ok: false, message: expect.stringContaining("公式出错（#DIV/0!）") });
    expect(excelValue(undefined, false, false)).toBeNull();
  });

  it("compares labels without spaces of any width", () => {
    expect(sameLabel("其中：市级\u3000筹集\n", "其中：市级筹集")).toBe(true);
    expect(sameLabel("社会捐助", "各级工会投入")).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { invalidCellProblems, mapProblems, pruneServerProblems } from "../../../../addin/ui/sessions/problem-map";
import type { Problem } from "../../../../schemas/problem";
import { GRANT_PARTS, RAISED_DROP } from "../../problems";

const required: Problem = {
  id: "required:header.phone",
  ruleId: "required",
  severity: "error",
  cells: ["header.phone"],
  message: "联系电话为必填项",
};
const parts = GRANT_PARTS;
const drop = RAISED_DROP;
const rows: Problem = {
  id: "rows:roster",
  ruleId: "rows",
  severity: "error",
  cells: [],
  message: "助学名册最多 500 行，现有 501 行",
};

describe("problem map", () => {
  it("errors first, each with the cell to select, and counts", () => {
    const view = mapProblems({ local: [drop, required, parts] });
    expect(view.entries.map((e) => [e.id, e.cell])).toEqual([
      ["required:header.phone", "header.phone"],
      ["grant-parts", "grant.total"],
      ["drop", "raised"],
    ]);
    expect(view).toMatchObject({ errors: 2, warnings: 1, unexplained: 1 });
  });

  it("merges local and server problems by id; the live check's version wins", () => {
    const stale = { ...parts, message: "资助金额合计（100）应等于各学段之和（80）" };
    const view = mapProblems({ local: [parts], server: [stale, drop] });
    expect(view.entries).toHaveLength(2);
    expect(view.entries[0]).toMatchObject({ id: "grant-parts", source: "local", message: parts.message });
    expect(view.entries[1]).toMatchObject({ id: "drop", source: "server" });
  });

  it("a warning with a 上报说明 is explained and no longer counted as blocking", () => {
    const view = mapProblems({ local: [drop], explanations: { drop: "今年企业效益下滑" } });
    expect(view.entries[0]?.explanation).toBe("今年企业效益下滑");
    expect(view.unexplained).toBe(0);
    expect(mapProblems({ local: [drop], explanations: { drop: "  " } }).unexplained).toBe(1);
  });

  it("form-wide problems have no cell; with a cell order they sort after cells", () => {
    const order = ["header.phone", "raised", "grant.total"];
    const view = mapProblems({ local: [rows, parts, required], cellOrder: (c) => order.indexOf(c) });
    expect(view.entries.map((e) => e.cell)).toEqual(["header.phone", "grant.total", null]);
  });

  it("cells refused on save become type errors that merge with the live check's", () => {
    const refused = invalidCellProblems([
      { cell: "raised", code: "invalid_value", message: "“12a” 无法识别", value: "12a" },
    ]);
    expect(refused).toEqual([
      { id: "type:raised", ruleId: "type", severity: "error", cells: ["raised"], message: "“12a” 无法识别" },
    ]);
    const local: Problem = { ...refused[0]!, message: "第 1 项应填写数字" };
    expect(mapProblems({ local: [local], server: refused }).entries).toHaveLength(1);
  });

  it("before the first 上报 attempt, blank required cells are only counted as 待填, never listed as errors", () => {
    const phone = {
      ...required,
      id: "required:header.reporter",
      cells: ["header.reporter"],
      message: "填报人为必填项",
    };
    const held = mapProblems({ local: [drop, required, parts, phone], holdBlank: true });
    expect(held.entries.map((e) => e.id)).toEqual(["grant-parts", "drop"]);
    expect(held).toMatchObject({ errors: 1, warnings: 1, toFill: 2 });
    // The same cell refused by the server for another reason is still an error.
    expect(mapProblems({ local: [required], server: [parts], holdBlank: true }).errors).toBe(1);

    const shown = mapProblems({ local: [drop, required, parts, phone] });
    expect(shown).toMatchObject({ errors: 3, warnings: 1, toFill: 0 });
  });

  it("server problems about cells edited since are dropped", () => {
    expect(pruneServerProblems([parts, drop], ["grant.primary"])).toEqual([drop]);
  });
});

import { describe, expect, it } from "vitest";
import { officerPlan } from "../../../../schemas/layout/officer/plan";
import { huangshanRosterAnswer, huangshanRosterView } from "./fixtures";
import { DUPLICATE_LINES, withDuplicates } from "./duplicates-fixture";

describe("跨单位重复 below the consolidated form", () => {
  it("follows the 上报说明 list: masked number, column, each unit with its 序号 on this sheet or its round and row", () => {
    const list = officerPlan(huangshanRosterView(withDuplicates())).consolidated.list;
    expect(list.rows.slice(0, 2)).toEqual([
      ["上报说明（0 条）", "", "", ""],
      ["序号", "单位：说明", "所在项目", "所答提示"],
    ]);
    expect(list.rows.slice(2)).toEqual(DUPLICATE_LINES);
  });

  it("adds nothing without duplicates (and for a server before issue 12)", () => {
    expect(officerPlan(huangshanRosterView(huangshanRosterAnswer())).consolidated.list.rows).toHaveLength(2);
  });
});

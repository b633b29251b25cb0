import { describe, expect, it } from "vitest";
import { CellIndex } from "../../../../schemas/layout/form/cell-index";
import { buildLayout } from "../../../../schemas/layout/form/layout";
import { edgeTemplate } from "../../fixtures/templates";

describe("CellIndex", () => {
  const layout = buildLayout(edgeTemplate());
  const index = new CellIndex(layout);
  const roster = layout.rosters[0];

  it("maps keys to addresses and back, roster rows by position", () => {
    expect(index.locate("jobs.city")?.address).toBe("D8");
    expect(index.at(8, 4)?.key).toBe("jobs.city");
    const first = roster?.firstRow ?? 0;
    // Column A of a roster is its 序号: the template's columns start at B.
    expect(index.locate("roster.r0002.idno")?.address).toBe(`C${first + 1}`);
    expect(index.at(first + 1, 3)?.key).toBe("roster.r0002.idno");
    expect(index.at(first + 1, 1)).toBeUndefined();
    expect(index.locate("roster.r2.idno")).toBeUndefined();
    expect(index.locate("roster.r0004.idno")).toBeUndefined(); // maxRows 3
    expect(index.locate("nope")).toBeUndefined();
  });

  it("finds the value cells inside what a change event reports", () => {
    expect(index.cellsIn("C8:E8").map((c) => c.key)).toEqual(["jobs.total", "jobs.city", "jobs.other"]);
    expect(index.cellsIn("A1:B5")).toEqual([]);
    expect(index.cellsIn("D:D").map((c) => c.key)).toContain("jobs.city");
    expect(index.cellsIn("Sheet1!D8, E8").map((c) => c.key)).toEqual(["jobs.city", "jobs.other"]);
  });
});

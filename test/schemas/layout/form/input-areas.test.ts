/** Where a form shows its light-blue "fill here" colour: every cell the clerk types in, rosters included. */
import { describe, expect, it } from "vitest";
import { parseRange } from "../../../../schemas/layout/address";
import { CellIndex } from "../../../../schemas/layout/form/cell-index";
import { inputRanges, restingFill } from "../../../../schemas/layout/form/input-areas";
import { buildLayout, readOnlyLayout } from "../../../../schemas/layout/form/layout";
import { withRosterRows } from "../../../../schemas/layout/form/roster-rows";
import { COLORS } from "../../../../schemas/layout/colors";
import { edgeTemplate, huangshanRoster, shanghaiJqzx } from "../../fixtures/templates";

const covers = (ranges: readonly string[], row: number, col: number) =>
  ranges.some((a) => {
    const r = parseRange(a);
    return r.top <= row && row <= r.bottom && r.left <= col && col <= r.right;
  });

describe("inputRanges", () => {
  it("covers every unlocked template cell and every roster row, never a locked cell", () => {
    const edge = buildLayout(edgeTemplate(), { unitName: "屯溪区总工会" });
    const layout = buildLayout(huangshanRoster(), { unitName: "屯溪区总工会", rosterRows: 120 });
    // The edge template's 填报单位 is a locked cell of the report.
    expect(edge.cells.some((c) => c.locked)).toBe(true);
    for (const l of [edge, layout]) {
      for (const c of new CellIndex(l).fixedCells())
        expect(covers(inputRanges(l), c.row, c.col), c.key).toBe(!c.locked);
    }
    const ranges = inputRanges(layout);
    const roster = layout.rosters[0];
    if (!roster) throw new Error("no roster");
    for (const row of [roster.firstRow, roster.firstRow + 60, roster.firstRow + 119]) {
      for (const col of roster.columns.map((c) => c.col)) expect(covers(ranges, row, col)).toBe(true);
    }
    expect(covers(ranges, roster.headerRow, 1)).toBe(false);
    expect(covers(ranges, roster.firstRow + 120, 1)).toBe(false);
    // A whole roster is one range, not 1,680 cells.
    expect(ranges.length).toBeLessThan(10);
  });

  it("follows a grown roster", () => {
    const layout = buildLayout(huangshanRoster(), { rosterRows: 50 });
    const grown = withRosterRows(layout, { roster: 2050 });
    const roster = grown.rosters[0];
    expect(covers(inputRanges(grown), (roster?.firstRow ?? 0) + 2049, 1)).toBe(true);
  });

  it("has nothing to colour on a read-only sheet (consolidated, drill-down)", () => {
    const layout = readOnlyLayout(buildLayout(huangshanRoster(), { rosterRows: 5 }));
    expect(inputRanges(layout)).toEqual([]);
  });
});

describe("restingFill", () => {
  it("is the input colour where the clerk types, none elsewhere, roster cells like their neighbours", () => {
    const layout = buildLayout(shanghaiJqzx(), { unitName: "黄浦区总工会" });
    const index = new CellIndex(layout);
    expect(restingFill(index.locate("raised"))).toBe(COLORS.input);
    const readOnlyForm = readOnlyLayout(layout);
    expect(restingFill(new CellIndex(readOnlyForm).locate("raised"))).toBeNull();
    const roster = buildLayout(huangshanRoster(), { rosterRows: 5 });
    const rosterIndex = new CellIndex(roster);
    expect(restingFill(rosterIndex.locate("roster.r0003.name"))).toBe(COLORS.input);
    const readOnly = readOnlyLayout(roster);
    expect(restingFill(new CellIndex(readOnly).locate("roster.r0003.name"))).toBeNull();
  });
});

/**
 * Dropdown picks raise no change event in Excel on the web (OfficeDev/office-js
 * #4066, #3888): the adapter re-reads the dropdown cells the clerk leaves.
 */
import { describe, expect, it } from "vitest";
import { ListPicks } from "../../../addin/sheet/list-picks";
import { buildLayout } from "../../../schemas/layout/form/layout";
import { CellIndex } from "../../../schemas/layout/form/cell-index";
import { huangshanRoster } from "../../schemas/fixtures/templates";

const layout = buildLayout(huangshanRoster(), { rosterRows: 50 });
const index = new CellIndex(layout);
const at = (key: string) => {
  const c = index.locate(key);
  if (!c) throw new Error(key);
  return c.address;
};

describe("ListPicks", () => {
  it("re-reads the dropdown cell the selection leaves, not a typed cell", () => {
    const picks = new ListPicks(layout);
    expect(picks.moved(at("roster.r0001.stage"))).toEqual([]);
    expect(picks.moved(at("roster.r0001.name")).map((c) => c.key)).toEqual(["roster.r0001.stage"]);
    // Leaving a text cell: nothing to read.
    expect(picks.moved(at("roster.r0002.stage"))).toEqual([]);
  });

  it("reports a value that differs from what the adapter last knew", () => {
    const picks = new ListPicks(layout);
    picks.saw({ "roster.r0001.stage": "义务教育", "roster.r0001.name": "汪子涵" });
    expect(picks.changes({ "roster.r0001.stage": "义务教育" })).toEqual({});
    expect(picks.changes({ "roster.r0001.stage": "高中" })).toEqual({ "roster.r0001.stage": "高中" });
    // Reported once: now it is known.
    expect(picks.changes({ "roster.r0001.stage": "高中" })).toEqual({});
    // A blank cell never seen is blank; a pick into it is a change.
    expect(picks.changes({ "roster.r0002.stage": null })).toEqual({});
    expect(picks.changes({ "roster.r0002.stage": "高中" })).toEqual({ "roster.r0002.stage": "高中" });
  });

  it("compares as text: a number Excel made of an option is the same pick", () => {
    const picks = new ListPicks(layout);
    picks.saw({ "roster.r0001.stage": "1" });
    expect(picks.changes({ "roster.r0001.stage": 1 })).toEqual({});
  });

  it("leaves a large selection to the full re-check (a pick is one cell)", () => {
    const picks = new ListPicks(layout);
    const roster = layout.rosters[0];
    picks.moved(`A${roster?.firstRow}:N${(roster?.firstRow ?? 0) + 40}`);
    expect(picks.moved("A1")).toEqual([]);
  });

  it("follows a grown roster", () => {
    const picks = new ListPicks(layout);
    const grown = buildLayout(huangshanRoster(), { rosterRows: 200 });
    picks.rebind(grown);
    const cell = new CellIndex(grown).locate("roster.r0150.stage");
    picks.moved(cell?.address ?? "");
    expect(picks.moved("A1").map((c) => c.key)).toEqual(["roster.r0150.stage"]);
  });
});

/** Growing a roster moves what lies below it exactly as a fresh layout with more rows would place it. */
import { describe, expect, it } from "vitest";
import { CellIndex } from "../../../../schemas/layout/form/cell-index";
import { buildLayout } from "../../../../schemas/layout/form/layout";
import { atLeast, growthOf, moveFormula, rowMove, withRosterRows } from "../../../../schemas/layout/form/roster-rows";
import { checkTemplate } from "../../../../schemas/check";
import { OFFICIAL_TEMPLATES } from "../../../../schemas/forms";
import type { Template } from "../../../../schemas/template";
import { edgeTemplate, huangshanRoster } from "../../fixtures/templates";

const official = (): Template[] =>
  OFFICIAL_TEMPLATES.map((input) => {
    const checked = checkTemplate(input);
    if (!checked.ok) throw new Error(input.id);
    return checked.template;
  });

describe("withRosterRows", () => {
  const withRosters = [...official(), edgeTemplate()].filter((t) => t.sections.some((s) => s.kind === "roster"));

  it("equals a layout built with the new row counts, for every template with a roster", () => {
    expect(withRosters.length).toBeGreaterThan(1);
    for (const template of withRosters) {
      for (const [from, to] of [
        [50, 51],
        [50, 2050],
        [1, 7],
        [300, 50],
      ] as const) {
        const before = buildLayout(template, { unitName: "屯溪区总工会", rosterRows: from });
        const rows = Object.fromEntries(before.rosters.map((l) => [l.key, to]));
        expect(withRosterRows(before, rows), `${template.id} ${from}→${to}`).toEqual(
          buildLayout(template, { unitName: "屯溪区总工会", rosterRows: to }),
        );
      }
    }
  });

  it("moves the 合计 items below the Huangshan roster and keeps roster row ids where they were", () => {
    const before = buildLayout(huangshanRoster());
    const after = withRosterRows(before, { roster: 2050 });
    const roster = after.rosters[0]!;
    expect(roster.rowCount).toBe(2050);
    const at = (l: typeof before, key: string) => new CellIndex(l).locate(key)?.address;
    expect(at(after, "roster.r0001.idno")).toBe(at(before, "roster.r0001.idno"));
    expect(at(before, "roster.r2050.idno")).toBeUndefined();
    expect(at(after, "roster.r2050.idno")).toBe(`C${roster.firstRow + 2049}`);
    const total = (l: typeof before) => Number(at(l, "total_persons")?.slice(1));
    expect(total(after) - total(before)).toBe(2000);
    expect(growthOf(before, after)).toEqual([{ roster: before.rosters[0], added: 2000 }]);
  });

  it("never goes past a roster's maxRows, nor below one row", () => {
    const before = buildLayout(edgeTemplate());
    expect(withRosterRows(before, { roster: 99 }).rosters[0]?.rowCount).toBe(3);
    expect(withRosterRows(before, { roster: 0 }).rosters[0]?.rowCount).toBe(1);
    expect(withRosterRows(before, { roster: 3 })).toBe(before);
    expect(atLeast(before, { roster: 2, other: 9 })).toEqual({});
  });
});

describe("moveFormula", () => {
  it("moves references below a roster, leaves string literals, functions and hidden columns alone", () => {
    const before = buildLayout(huangshanRoster(), { rosterRows: 10 });
    const after = withRosterRows(before, { roster: 20 });
    const move = rowMove(before, after);
    const end = before.rosters[0]!.firstRow + 9;
    const f = `=AND(ISNUMBER($C$${end + 3}),C${end + 3}<>"C${end + 3}",LOG10(C${end}),$Q$${end + 5})`;
    expect(moveFormula(f, move)).toBe(
      `=AND(ISNUMBER($C$${end + 13}),C${end + 13}<>"C${end + 3}",LOG10(C${end}),$Q$${end + 5})`,
    );
  });
});

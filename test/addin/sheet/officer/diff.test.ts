/** A refresh writes only what changed: blocks that, applied to the old grid, give the new one. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BLOCK_COST, diffGrid, type GridCell, type WriteBlock } from "../../../../addin/sheet/officer/grid-diff";
import { matrixLayout } from "../../../../schemas/layout/officer/matrix-sheet";
import { EXPLANATION_ROOM } from "../../../../schemas/layout/officer/consolidated-sheet";
import { officerPlan } from "../../../../schemas/layout/officer/plan";
import { diffMatrix, refreshPlan } from "../../../../addin/sheet/officer/refresh";
import type { RosterTotals } from "../../../../schemas/api/consolidation";
import {
  changeUnits,
  huangshanRosterAnswer,
  huangshanRosterView,
  shanghaiView,
  syntheticView,
  unit,
} from "../../../schemas/layout/officer/fixtures";

function apply(grid: GridCell[][], blocks: WriteBlock[], origin: { top: number; left: number }): GridCell[][] {
  const out = grid.map((r) => [...r]);
  for (const b of blocks) {
    b.values.forEach((line, i) =>
      line.forEach((v, j) => {
        (out[b.top - origin.top + i] as GridCell[])[b.left - origin.left + j] = v === "" ? null : v;
      }),
    );
  }
  return out;
}

const O = { top: 5, left: 4 };
const grid = (rows: number, cols: number, f: (r: number, c: number) => GridCell) =>
  Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (__, c) => f(r, c)));

describe("diffGrid", () => {
  it("writes nothing when nothing changed", () => {
    const g = grid(60, 30, (r, c) => r * c);
    expect(
      diffGrid(
        g,
        g.map((r) => [...r]),
        O,
      ),
    ).toEqual({ blocks: [], changed: 0, written: 0, plan: "none" });
  });

  it("one unit resubmitted: one column block of its changed span", () => {
    const a = grid(60, 30, (r, c) => r + c);
    const b = a.map((r) => [...r]);
    for (let r = 3; r < 40; r++) (b[r] as GridCell[])[7] = -1;
    const d = diffGrid(a, b, O);
    expect(d.blocks.map((x) => x.address)).toEqual(["K8:K44"]);
    expect(d.changed).toBe(37);
  });

  it("neighbouring units with the same changed rows share a block; far apart ones do not", () => {
    const a = grid(60, 100, () => 1);
    const b = a.map((r) => [...r]);
    for (const c of [10, 11, 12, 80]) for (let r = 0; r < 60; r++) (b[r] as GridCell[])[c] = 2;
    const d = diffGrid(a, b, O);
    expect(d.plan).toBe("columns");
    expect(d.blocks.map((x) => x.address)).toEqual(["N5:P64", "CF5:CF64"]);
  });

  it("an item changed for every unit is one row block", () => {
    const a = grid(60, 3000, () => 1);
    const b = a.map((r) => [...r]);
    (b[17] as GridCell[]).fill(5);
    const d = diffGrid(a, b, O);
    // Columns and rows both give one rectangle here.
    expect(d.blocks.map((x) => x.address)).toEqual(["D22:DKM22"]);
    expect(d.written).toBe(3000);
  });

  it("when most cells changed, one bounding range is cheaper than many blocks", () => {
    const a = grid(60, 3000, () => 1);
    const b = grid(60, 3000, (r, c) => ((r * 7 + c * 13) % 5 === 0 ? 1 : 2));
    const d = diffGrid(a, b, O);
    expect(d.plan).toBe("box");
    expect(d.blocks).toHaveLength(1);
    expect(d.blocks[0]?.address).toBe("D5:DKM64");
  });

  it("blank and null are the same cell", () => {
    expect(diffGrid([[null, ""]], [["", null]], O).blocks).toEqual([]);
  });

  it("property: applying the blocks turns old into new, never writing more than the bounding range plus one block", () => {
    const cell = fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 3 }));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), cell), { maxLength: 80 }),
        fc.integer({ min: 0, max: 30 }),
        (rows, cols, edits, cost) => {
          const a = grid(rows, cols, (r, c) => (r + c) % 4);
          const b = a.map((r) => [...r]);
          for (const [r, c, v] of edits) (b[r % rows] as GridCell[])[c % cols] = v;
          const d = diffGrid(a, b, O, cost);
          expect(apply(a, d.blocks, O)).toEqual(b.map((r) => r.map((v) => v ?? null)));
          const touched = d.blocks.reduce((s, x) => s + x.values.length * (x.values[0]?.length ?? 0), 0);
          expect(touched).toBe(d.written);
          if (d.changed > 0) {
            expect(d.written + cost * d.blocks.length).toBeLessThanOrEqual(rows * cols + cost);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("diffMatrix and refreshPlan", () => {
  it("3,000 units changed: every block is inside the unit block, and the cost stays at one bounding write", () => {
    const before = syntheticView(3000, 60);
    const after = changeUnits(before, 3000);
    const a = matrixLayout(before.template, before.units, before.matrix);
    const b = matrixLayout(after.template, after.units, after.matrix);
    const d = diffMatrix(a, b);
    expect(d?.changed).toBe(3000 * 60);
    expect(d?.blocks).toHaveLength(1);
    expect(d?.blocks[0]?.address).toBe(b.unitRange);
  });

  it("a few scattered units: one column block each", () => {
    const before = syntheticView(3000, 60);
    const after = changeUnits(before, 5);
    const a = matrixLayout(before.template, before.units, before.matrix);
    const b = matrixLayout(after.template, after.units, after.matrix);
    const d = diffMatrix(a, b);
    expect(d?.plan).toBe("columns");
    expect(d?.blocks).toHaveLength(5);
    expect(d?.written).toBe(5 * 60);
    expect(d?.written).toBeLessThan(BLOCK_COST * 60 * 5);
  });

  it("a unit joining the round is a re-render, not a patch", () => {
    const v = shanghaiView();
    const a = officerPlan(v);
    const b = officerPlan({ ...v, units: [...v.units, unit("sh-putuo", "普陀区总工会", "draft")] });
    expect(refreshPlan(a, b).rerender).toEqual(["status", "matrix"]);
  });

  it("长宁 submits: its status row, the summary, its matrix column, the changed totals and notes, each sheet stamped", () => {
    const v = shanghaiView();
    const changning = { raised: "10", raised_gov: "10", granted: "1", granted_primary: "1" };
    const next = {
      ...v,
      units: v.units.map((u) =>
        u.code === "sh-changning" ? { ...u, status: "submitted" as const, submittedAt: "2014-09-02T03:00:00.000Z" } : u,
      ),
      matrix: { ...v.matrix, values: { ...v.matrix.values, "sh-changning": changning } },
      totals: { ...v.totals, raised: "133.75", raised_gov: "55", granted: "126.2", granted_primary: "31.7" },
      problems: [],
    };
    const plan = refreshPlan(officerPlan(v), officerPlan(next));
    expect(plan.rerender).toEqual([]);
    const [status, matrix, consolidated] = plan.patches;
    expect(status?.blocks.map((b) => b.address)).toEqual(["B7:C7", "A3"]);
    expect(status?.reapplyFilter).toBe(true);
    expect(matrix?.blocks.map((b) => b.address)).toEqual(["F5:F10"]);
    expect(matrix?.blocks[0]?.values.map((r) => r[0])).toEqual([10, 10, "", "", 1, 1]);
    expect(consolidated?.blocks.length).toBeGreaterThan(0);
    // The warning on granted went away: its fill is cleared but the 上报说明 note stays.
    const granted = officerPlan(v).consolidated.cellNotes.find((n) => n.key === "granted");
    const patch = consolidated?.notes.find((n) => n.address === granted?.address);
    expect(patch).toMatchObject({ severity: null, text: "【上报说明】徐汇区总工会：使用了2013年结余资金10万元" });
    expect(plan.patches.map((p) => p.stampAddress)).toEqual(["A2", "A2", "A3"]);
  });
});

describe("the 上报说明 list below the consolidated form", () => {
  it("new 上报说明 are written into the list's room; only a list past it draws the sheet again", () => {
    const v = shanghaiView();
    const none = officerPlan({ ...v, notes: [] });
    const two = refreshPlan(none, officerPlan(v));
    expect(two.rerender).toEqual([]);
    const top = none.consolidated.list.top;
    const list = two.patches.find((p) => p.sheet === none.consolidated.layout.sheet)?.blocks.at(-1);
    expect(list?.address).toBe(`A${top}:D${top + 3}`);
    const many = Array.from({ length: EXPLANATION_ROOM + 1 }, (_, i) => ({ ...v.notes[0]!, text: `说明${i}` }));
    expect(refreshPlan(none, officerPlan({ ...v, notes: many })).rerender).toEqual(["consolidated"]);
  });
});

describe("roster rows on the consolidated sheet", () => {
  const answer = huangshanRosterAnswer();
  const rows = answer.rosters[0]?.rowValues ?? [];
  const withRows = (list: typeof rows) =>
    huangshanRosterView({ ...answer, rosters: [{ ...(answer.rosters[0] as RosterTotals), rowValues: list }] });

  it("a unit sending more or fewer students changes the table's size: the sheet is drawn again", () => {
    const a = officerPlan(withRows(rows));
    const b = officerPlan(withRows(rows.slice(0, 6)));
    expect(refreshPlan(a, b).rerender).toEqual(["consolidated"]);
  });

  it("a corrected student: only that row's changed cells are written", () => {
    const fixed = rows.map((r, i) => (i === 5 ? { ...r, values: { ...r.values, amount: "1200" } } : r));
    const a = officerPlan(withRows(rows));
    const plan = refreshPlan(a, officerPlan(withRows(fixed)));
    expect(plan.rerender).toEqual([]);
    const first = a.consolidated.layout.rosters[0]?.firstRow ?? 0;
    const consolidated = plan.patches.find((p) => p.sheet === a.consolidated.layout.sheet);
    expect(consolidated?.blocks).toContainEqual(
      expect.objectContaining({ address: `L${first + 5}`, values: [[1200]] }),
    );
  });

  it("nothing changed: no roster write", () => {
    const plan = refreshPlan(officerPlan(withRows(rows)), officerPlan(withRows(rows)));
    expect(plan.patches.find((p) => p.sheet.startsWith("汇总"))?.blocks).toEqual([]);
  });
});

/**
 * The in-memory workbook computes what Excel's formulas would: the computed
 * items that carry one, and each roster's 序号, after every change and as the
 * roster grows. A write never replaces a formula.
 */
import { describe, expect, it } from "vitest";
import { buildLayout, type SheetLayout } from "../../../schemas/layout/form/layout";
import { MemoryWorkbook } from "../../../addin/memory/memory-workbook";
import { CALC } from "../../schemas/fixtures/calc";

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

async function setup() {
  const layout = buildLayout(CALC, { rosterRows: 5 });
  const wb = new MemoryWorkbook();
  await wb.renderForm(layout);
  const changes: string[][] = [];
  await wb.onCellsChanged(layout.sheet, (cells) => changes.push(cells));
  return { layout, wb, changes, sheet: layout.sheet };
}

/** Address of a template cell, or of a roster cell `row` (1-based) / column key in `layout`. */
function addr(layout: SheetLayout, key: string, row?: number): string {
  if (row === undefined) return layout.cells.find((c) => c.key === key)?.address ?? "?";
  const roster = layout.rosters[0]!;
  const col = roster.columns.find((c) => c.key === key)?.col ?? 0;
  return `${String.fromCharCode(64 + col)}${roster.firstRow + row - 1}`;
}

describe("MemoryWorkbook: computed items and 序号", () => {
  it("computes the formulas of computed items from the roster as it is typed", async () => {
    const { layout, wb, sheet } = await setup();
    const shown = () => {
      const s = wb.sheet(sheet)!;
      return ["persons", "amount", "prov_persons", "prov_amount"].map((k) => s.values.get(addr(layout, k)));
    };
    expect(shown()).toEqual([0, 0, 0, 0]);
    wb.type(sheet, addr(layout, "name", 1), "张三");
    wb.type(sheet, addr(layout, "source", 1), "省总经费");
    wb.type(sheet, addr(layout, "amount", 1), "2000.5");
    wb.paste(sheet, addr(layout, "name", 3), [["李四", "其他", "0.25"]]);
    expect(shown()).toEqual([2, 2000.75, 1, 2000.5]);
    expect((await wb.readValues(sheet)).persons).toBe(2);
  });

  it("numbers filled rows 1, 2, 3… in column A, skipping blank rows", async () => {
    const { layout, wb, sheet } = await setup();
    const roster = layout.rosters[0]!;
    wb.type(sheet, addr(layout, "name", 1), "张三");
    wb.type(sheet, addr(layout, "amount", 3), "100");
    wb.type(sheet, addr(layout, "name", 4), "王五");
    const serials = [0, 1, 2, 3, 4].map((i) => wb.sheet(sheet)?.values.get(`A${roster.firstRow + i}`) ?? null);
    expect(serials).toEqual([1, null, 2, 3, null]);
  });

  it("never lets a write replace a formula; a computed item without one takes the engine's value", async () => {
    const { layout, wb, sheet, changes } = await setup();
    expect(await wb.writeValues(sheet, { persons: "9", average: "1500.17" })).toEqual({ written: 1, unplaced: [] });
    expect(wb.sheet(sheet)?.values.get(addr(layout, "persons"))).toBe(0);
    expect(wb.sheet(sheet)?.values.get(addr(layout, "average"))).toBe(1500.17);
    expect(wb.type(sheet, addr(layout, "persons"), "3").ok).toBe(false);
    await tick();
    expect(changes).toEqual([]);
  });

  it("keeps computing over the rows a roster grows by", async () => {
    const { layout, wb, sheet } = await setup();
    const grown = await wb.growRosters(sheet, { students: 50 });
    wb.type(sheet, addr(grown, "name", 40), "赵六");
    wb.type(sheet, addr(grown, "amount", 40), "10");
    expect(wb.sheet(sheet)?.values.get(addr(grown, "persons"))).toBe(1);
    expect(wb.sheet(sheet)?.values.get(addr(grown, "amount"))).toBe(10);
    expect(wb.sheet(sheet)?.values.get(`A${grown.rosters[0]!.firstRow + 39}`)).toBe(1);
    expect(addr(grown, "persons")).not.toBe(addr(layout, "persons"));
  });
});

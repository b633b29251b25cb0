/**
 * Computed items and 序号 in the Office.js adapter (office-addin-mock): the
 * formulas go into their cells once the tables exist, computed cells look
 * computed and stay locked, 序号 is one R1C1 formula per row in a locked
 * column, grown rows get it too, and no write ever replaces a formula.
 */
import { describe, expect, it } from "vitest";
import { buildLayout, type SheetLayout } from "../../../schemas/layout/form/layout";
import { COLORS } from "../../../schemas/layout/colors";
import { OfficeWorkbook } from "../../../addin/excel/office-workbook";
import { createExcelMock } from "./excel-mock";
import { CALC } from "../../schemas/fixtures/calc";

const at = (layout: SheetLayout, key: string) => layout.cells.find((c) => c.key === key)?.address as string;

async function rendered() {
  const layout = buildLayout(CALC, { rosterRows: 5 });
  const excel = createExcelMock();
  const workbook = new OfficeWorkbook(excel.host);
  await workbook.renderForm(layout);
  return { layout, excel, workbook, sheet: excel.sheet(layout.sheet) };
}

describe("OfficeWorkbook: computed items and 序号", () => {
  it("writes each computed item's formula into its cell, in the computed look, locked", async () => {
    const { layout, sheet } = await rendered();
    for (const key of ["persons", "amount", "prov_persons", "prov_amount"]) {
      const cell = layout.cells.find((c) => c.key === key);
      expect(sheet.ranges.get(at(layout, key))?.formulas).toEqual([[cell?.formula?.excel]]);
    }
    // No formula computes an average of two computed items: the add-in writes the engine's value there.
    expect(sheet.ranges.get(at(layout, "average"))?.formulas).toBeUndefined();
    const computed = [...sheet.areas.entries()].filter(([, r]) => r.format.fill.color === COLORS.computed);
    const addresses = computed.flatMap(([a]) => a.split(","));
    expect(addresses).toEqual([`${at(layout, "persons")}:${at(layout, "average")}`]);
    const unlocked = [...sheet.areas.entries()].filter(([, r]) => r.format.protection.locked === false);
    expect(unlocked.flatMap(([a]) => a.split(","))).not.toContain(at(layout, "persons"));
  });

  it("fills the 序号 column with one R1C1 formula for all its rows, locked and in its number format", async () => {
    const { layout, sheet } = await rendered();
    const roster = layout.rosters[0]!;
    const column = sheet.ranges.get(`A${roster.firstRow}:A${roster.firstRow + 4}`);
    // One value for the whole column, so the request does not grow with the roster.
    expect(column?.formulasR1C1).toBe(roster.serial.formulaR1C1);
    expect(column?.format.protection.locked).toBe(true);
    expect(sheet.ranges.get(`A${roster.firstRow}:A${roster.firstRow + 4}`)?.numberFormat).toBe("0;;;");
  });

  it("gives grown rows their 序号 formula, locked", async () => {
    const { layout, workbook, sheet } = await rendered();
    const roster = layout.rosters[0]!;
    const end = roster.firstRow + 4;
    await workbook.growRosters(layout.sheet, { students: 25 });
    const fresh = sheet.ranges.get(`A${end + 1}:A${end + 20}`);
    expect(fresh?.formulasR1C1).toBe(roster.serial.formulaR1C1);
    expect(fresh?.format.protection.locked).toBe(true);
    expect((sheet.ranges.get(`A${end + 1}:D${end + 20}`)?.numberFormat as string[][])[0]?.[0]).toBe("0;;;");
  });

  it("never writes over a formula; a computed item without one gets the engine's value", async () => {
    const { layout, workbook, sheet } = await rendered();
    const result = await workbook.writeValues(layout.sheet, { persons: "9", average: "1500.17" });
    expect(result).toEqual({ written: 1, unplaced: [] });
    const persons = layout.cells.find((c) => c.key === "persons");
    expect(sheet.ranges.get(at(layout, "persons"))?.formulas).toEqual([[persons?.formula?.excel]]);
    expect(sheet.ranges.get(at(layout, "average"))?.values).toEqual([[1500.17]]);
  });
});

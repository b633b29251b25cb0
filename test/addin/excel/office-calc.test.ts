/**
 * Computed items and 序号 in the Office.js adapter (strict fake Excel): the
 * formulas go into their cells once the tables exist, computed cells look
 * computed and stay locked, 序号 is one R1C1 formula for the whole column,
 * locked, grown rows get it too, and no write ever replaces a formula.
 */
import { describe, expect, it } from "vitest";
import { buildLayout, type SheetLayout } from "../../../schemas/layout/form/layout";
import { a1 } from "../../../schemas/layout/address";
import { COLORS } from "../../../schemas/layout/colors";
import { OfficeWorkbook } from "../../../addin/excel/office-workbook";
import { createStrictExcel } from "./strict/fake-excel";
import { CALC } from "../../schemas/fixtures/calc";

const at = (layout: SheetLayout, key: string) => layout.cells.find((c) => c.key === key)?.address as string;

async function rendered() {
  const layout = buildLayout(CALC, { rosterRows: 5 });
  const excel = createStrictExcel("windows-1.20");
  const workbook = new OfficeWorkbook(excel.host);
  await workbook.renderForm(layout);
  return { layout, excel, workbook };
}

describe("OfficeWorkbook: computed items and 序号", () => {
  it("writes each computed item's formula into its cell, in the computed look, locked", async () => {
    const { layout, excel } = await rendered();
    for (const key of ["persons", "amount", "prov_persons", "prov_amount"]) {
      const cell = layout.cells.find((c) => c.key === key);
      expect(excel.cell(layout.sheet, at(layout, key)).formula).toBe(cell?.formula?.excel);
    }
    // No formula computes an average of two computed items: the add-in writes the engine's value there.
    expect(excel.cell(layout.sheet, at(layout, "average")).formula).toBeUndefined();
    for (const key of ["persons", "average"]) {
      const cell = excel.cell(layout.sheet, at(layout, key));
      expect(cell.fill).toBe(COLORS.computed);
      expect(cell.locked).toBe(true);
    }
  });

  it("fills the 序号 column with one R1C1 formula for all its rows, locked and in its number format", async () => {
    const { layout, excel } = await rendered();
    const roster = layout.rosters[0]!;
    for (let row = roster.firstRow; row < roster.firstRow + 5; row++) {
      const cell = excel.cell(layout.sheet, a1(row, roster.serial.col));
      expect(cell.formula).toBe(roster.serial.formulaR1C1);
      expect(cell.locked).toBe(true);
      expect(cell.numberFormat).toBe("0;;;");
    }
  });

  it("gives grown rows their 序号 formula, locked", async () => {
    const { layout, excel, workbook } = await rendered();
    const roster = layout.rosters[0]!;
    const end = roster.firstRow + 4;
    await workbook.growRosters(layout.sheet, { students: 25 });
    for (const row of [end + 1, end + 20]) {
      const cell = excel.cell(layout.sheet, a1(row, roster.serial.col));
      expect(cell.formula).toBe(roster.serial.formulaR1C1);
      expect(cell.locked).toBe(true);
      expect(cell.numberFormat).toBe("0;;;");
    }
  });

  it("never writes over a formula; a computed item without one gets the engine's value", async () => {
    const { layout, excel, workbook } = await rendered();
    const result = await workbook.writeValues(layout.sheet, { persons: "9", average: "1500.17" });
    expect(result).toEqual({ written: 1, unplaced: [] });
    const persons = layout.cells.find((c) => c.key === "persons");
    expect(excel.cell(layout.sheet, at(layout, "persons")).formula).toBe(persons?.formula?.excel);
    expect(excel.values(layout.sheet, at(layout, "average"))).toEqual([[1500.17]]);
  });
});

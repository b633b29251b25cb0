/**
 * 跨单位重复 on the officer's consolidated sheet over Office.js, on the strict fake
 * Excel: the lines below the form (schemas/layout/officer/duplicates-list.ts) are
 * drawn by the render and rewritten by a refresh, like the 上报说明 they follow.
 */
import { describe, expect, it } from "vitest";
import { OfficeOfficerWorkbook } from "../../../addin/excel/officer-office";
import { refreshPlan } from "../../../addin/sheet/officer/refresh";
import { officerPlan } from "../../../schemas/layout/officer/plan";
import { huangshanRosterAnswer, huangshanRosterView } from "../../schemas/layout/officer/fixtures";
import { DUPLICATE_LINES, withDuplicates } from "../../schemas/layout/officer/duplicates-fixture";
import { createStrictExcel } from "./strict/fake-excel";

const STAMP = "最后更新：2022-11-29 10:00:00";

function setup() {
  const excel = createStrictExcel("web-1.20");
  excel.addSheet("Sheet1");
  return { excel, workbook: new OfficeOfficerWorkbook(excel.host) };
}

describe("跨单位重复 on the consolidated sheet", () => {
  it("a render lists them below the 上报说明 list", async () => {
    const { excel, workbook } = setup();
    const c = officerPlan(huangshanRosterView(withDuplicates())).consolidated;
    await workbook.renderConsolidated(c, STAMP);
    const top = c.list.top + 2;
    expect(excel.values(c.layout.sheet, `A${top}:D${top + DUPLICATE_LINES.length - 1}`)).toEqual(DUPLICATE_LINES);
  });

  it("a refresh writes new ones into the list and clears those that are gone", async () => {
    const { excel, workbook } = setup();
    const without = officerPlan(huangshanRosterView(huangshanRosterAnswer()));
    const withDup = officerPlan(huangshanRosterView(withDuplicates()));
    const s = without.consolidated.layout.sheet;
    const top = without.consolidated.list.top + 2;
    const area = `A${top}:D${top + DUPLICATE_LINES.length - 1}`;
    await workbook.renderConsolidated(without.consolidated, STAMP);
    // Only the consolidated sheet is drawn here: its patch alone.
    const patches = (a: typeof without, b: typeof without) => refreshPlan(a, b).patches.filter((p) => p.sheet === s);
    await workbook.refresh(patches(without, withDup), STAMP);
    expect(excel.values(s, area)).toEqual(DUPLICATE_LINES);
    await workbook.refresh(patches(withDup, without), STAMP);
    expect(excel.values(s, area)).toEqual(DUPLICATE_LINES.map((l) => l.map(() => "")));
  });
});

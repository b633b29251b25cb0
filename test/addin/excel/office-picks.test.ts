/**
 * Dropdown picks on the strict fake: Excel on the web raises no onChanged for a
 * pick (OfficeDev/office-js #4066, #3888), so the adapter re-reads the dropdown
 * cell when the selection leaves it; where Excel does raise it, a pick is
 * reported once.
 */
import { describe, expect, it } from "vitest";
import { OfficeWorkbook } from "../../../addin/excel/office-workbook";
import { buildLayout } from "../../../schemas/layout/form/layout";
import { CellIndex } from "../../../schemas/layout/form/cell-index";
import { huangshanRoster } from "../../schemas/fixtures/templates";
import { createStrictExcel } from "./strict/fake-excel";
import type { ProfileName } from "./strict/profiles";

async function rosterForm(profile: ProfileName) {
  const excel = createStrictExcel(profile);
  const workbook = new OfficeWorkbook(excel.host);
  const layout = buildLayout(huangshanRoster(), { unitName: "屯溪区总工会", rosterRows: 20 });
  await workbook.renderForm(layout);
  const index = new CellIndex(layout);
  const at = (key: string) => index.locate(key)?.address ?? "";
  const seen: Record<string, unknown>[] = [];
  await workbook.onCellsChanged(layout.sheet, (_cells, values) => seen.push(values));
  const stage = layout.validations.find((v) => v.rule.type === "list" && v.rule.options.includes("义务教育"));
  if (stage?.rule.type !== "list") throw new Error("no 就读阶段 dropdown");
  return { excel, workbook, layout, at, seen, options: stage.rule.options };
}

describe("OfficeWorkbook — dropdown picks", () => {
  it("reports a pick on Excel on the web when the selection moves on", async () => {
    const { excel, layout, at, seen, options } = await rosterForm("web-1.18");
    excel.user.select(layout.sheet, at("roster.r0003.stage"));
    expect(excel.user.pick(layout.sheet, at("roster.r0003.stage"), options[1] as string)).toBeUndefined();
    await excel.settle();
    expect(seen).toEqual([]); // Excel on the web said nothing
    excel.user.select(layout.sheet, at("roster.r0003.enrolment"));
    await excel.settle();
    expect(seen).toEqual([{ "roster.r0003.stage": options[1] }]);
    // Leaving it again without a new pick reports nothing.
    excel.user.select(layout.sheet, at("roster.r0004.stage"));
    excel.user.select(layout.sheet, at("roster.r0004.name"));
    await excel.settle();
    expect(seen).toHaveLength(1);
  });

  it("costs no round trip when the selection leaves a cell without a dropdown", async () => {
    const { excel, layout, at } = await rosterForm("web-1.18");
    const runs = excel.runs.length;
    excel.user.select(layout.sheet, at("roster.r0001.name"));
    excel.user.select(layout.sheet, at("roster.r0002.name"));
    await excel.settle();
    expect(excel.runs.length).toBe(runs);
  });

  it("reports a pick once where Excel raises onChanged for it", async () => {
    const { excel, layout, at, seen, options } = await rosterForm("windows-1.20");
    excel.user.select(layout.sheet, at("roster.r0003.stage"));
    excel.user.pick(layout.sheet, at("roster.r0003.stage"), options[0] as string);
    await excel.settle();
    excel.user.select(layout.sheet, at("roster.r0005.name"));
    await excel.settle();
    expect(seen).toEqual([{ "roster.r0003.stage": options[0] }]);
  });
});

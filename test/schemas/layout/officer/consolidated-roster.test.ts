/**
 * The submitted roster rows on the consolidated sheet (Huangshan 附件2): from
 * the consolidation's `rowValues` to the rows, the 填报单位 column and the
 * write blocks every renderer uses.
 */
import { describe, expect, it } from "vitest";
import {
  rosterBlocks,
  rosterValues,
  UNIT_COLUMN,
  UNIT_COLUMN_LABEL,
} from "../../../../schemas/layout/officer/consolidated-roster";
import { consolidatedLayout } from "../../../../schemas/layout/officer/consolidated-sheet";
import { officerPlan } from "../../../../schemas/layout/officer/plan";
import { buildLayout } from "../../../../schemas/layout/form/layout";
import { huangshanRoster } from "../../fixtures/templates";
import { huangshanRosterAnswer, huangshanRosterView } from "./fixtures";

describe("roster rows on the consolidated sheet", () => {
  const view = huangshanRosterView();
  const sheet = officerPlan(view).consolidated;
  const roster = sheet.layout.rosters[0];

  it("come from the consolidation's rows, each with its unit's name, in unit then row order", () => {
    const rows = view.rosters[0]?.rows ?? [];
    expect(rows.map((r) => [r.unitName, r.rowId, r.values.name])).toEqual([
      ["休宁县总工会", "r1", "汪子涵"],
      ["休宁县总工会", "r2", expect.any(String)],
      ["休宁县总工会", "r3", expect.any(String)],
      ["休宁县总工会", "r4", "吴佳怡"],
      ["休宁县总工会", "r5", "叶梓轩"],
      ["屯溪区总工会", "r1", "吴佳怡（屯溪）"],
      ["屯溪区总工会", "r2", "叶梓轩（屯溪）"],
    ]);
  });

  it("get a table with one row per submitted student and a 填报单位 column right of the form's columns", () => {
    const form = buildLayout(huangshanRoster()).rosters[0];
    expect(roster?.rowCount).toBe(7);
    expect(roster?.right).toBe((form?.right ?? 0) + 1);
    expect(roster?.columns.at(-1)).toMatchObject({ key: UNIT_COLUMN, label: UNIT_COLUMN_LABEL, numberFormat: "@" });
    expect(sheet.layout.texts).toContainEqual(
      expect.objectContaining({ text: "填报单位", style: "columnHeader", address: `P${roster?.headerRow}` }),
    );
    expect(sheet.layout.columns).toBe(16); // 序号, the 14 typed columns, 填报单位
    expect(sheet.layout.columnWidths).toHaveLength(16);
    // The 合计 items below the table move down with it.
    const below = sheet.layout.cells.find((c) => c.key === "total_persons")?.address as string;
    expect(Number(below.slice(1))).toBeGreaterThan((roster?.firstRow ?? 0) + 6);
  });

  it("are written as one block: text as typed, amounts as numbers, the unit last", () => {
    const [block, ...rest] = rosterBlocks(sheet.layout, sheet.rosters);
    expect(rest).toEqual([]);
    // From B: 序号 in column A is the table's formula.
    expect(block?.address).toBe(`B${roster?.firstRow}:P${(roster?.firstRow ?? 0) + 6}`);
    const first = block?.values[0] ?? [];
    expect(first[0]).toBe("汪子涵");
    // 身份证号 and 银行卡号 stay text, whatever their digits.
    expect(typeof first[1]).toBe("string");
    expect(first[1]).toMatch(/^341022\d{11}[\dX]$/);
    expect(first[10]).toBe(Number(huangshanRosterAnswer().rosters[0]?.rowValues?.[0]?.values.amount));
    expect(first[14]).toBe("休宁县总工会");
    expect(block?.values[6]?.[0]).toBe("叶梓轩（屯溪）");
    expect(block?.values[6]?.[14]).toBe("屯溪区总工会");
  });

  it("are placed by position for a drawing from values (the Worker's export)", () => {
    const values = rosterValues(sheet.layout, sheet.rosters);
    expect(values["roster.r0001.name"]).toBe("汪子涵");
    expect(values[`roster.r0006.${UNIT_COLUMN}`]).toBe("屯溪区总工会");
    expect(values["roster.r0008.name"]).toBeUndefined();
  });

  it("without rows (asked without `rows`, or nobody reported yet) leave one blank row", () => {
    const answer = huangshanRosterAnswer();
    const none = officerPlan(
      huangshanRosterView({ ...answer, rosters: [{ ...answer.rosters[0]!, rowValues: undefined }] }),
    );
    expect(none.consolidated.layout.rosters[0]?.rowCount).toBe(1);
    expect(rosterBlocks(none.consolidated.layout, none.consolidated.rosters)).toEqual([]);
    expect(consolidatedLayout(huangshanRoster(), "黄山市总工会").rosters[0]?.rowCount).toBe(1);
  });

  it("may outnumber one report's maxRows: the consolidation holds every unit's rows", () => {
    const template = huangshanRoster();
    const section = template.sections.find((s) => s.kind === "roster");
    const max = section?.kind === "roster" ? section.maxRows : 0;
    const rows = Array.from({ length: max + 3 }, (_, i) => ({
      unit: "u",
      unitName: "某工会",
      rowId: `r${i + 1}`,
      values: { name: `学生${i + 1}` },
    }));
    const layout = consolidatedLayout(template, "黄山市总工会", { rosters: [{ key: "roster", rows }] });
    expect(layout.rosters[0]?.rowCount).toBe(max + 3);
  });
});

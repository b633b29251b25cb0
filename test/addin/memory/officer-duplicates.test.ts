/** 跨单位重复 in the preview's officer sheets (the in-memory workbook): the same lines as in Excel. */
import { describe, expect, it } from "vitest";
import { MemoryOfficerWorkbook } from "../../../addin/memory/officer-memory";
import { a1 } from "../../../schemas/layout/address";
import { officerPlan } from "../../../schemas/layout/officer/plan";
import { huangshanRosterView } from "../../schemas/layout/officer/fixtures";
import { DUPLICATE_LINES, withDuplicates } from "../../schemas/layout/officer/duplicates-fixture";

describe("跨单位重复 in the preview", () => {
  it("the consolidated sheet lists them below the 上报说明 list", async () => {
    const wb = new MemoryOfficerWorkbook();
    const c = officerPlan(huangshanRosterView(withDuplicates())).consolidated;
    await wb.renderConsolidated(c, "最后更新：2022-11-29 10:00:00");
    const m = wb.model(c.layout.sheet);
    const top = c.list.top + 2;
    const at = (a: string) => m?.values.get(a) ?? m?.texts.get(a)?.text ?? "";
    const read = DUPLICATE_LINES.map((line, i) => line.map((_, j) => at(a1(top + i, j + 1))));
    // The list is drawn as text, its 序号 too.
    expect(read).toEqual(DUPLICATE_LINES.map((l) => l.map(String)));
  });
});

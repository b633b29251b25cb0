/**
 * Excel's ＋ in the memory workbook (the preview's grid): a blank sheet takes a
 * notice's table pasted as copied from Word, and reads back as the printed
 * table 从当前工作表起草 drafts a form from.
 */
import { describe, expect, it } from "vitest";
import { MemoryWorkbook } from "../../../addin/memory/memory-workbook";
import { draftFromTable } from "../../../schemas/definition/draft-table";

describe("MemoryWorkbook.addBlankSheet", () => {
  it("adds Sheet1, Sheet2 … that take a pasted table, read back for drafting", async () => {
    const workbook = new MemoryWorkbook();
    expect(await workbook.addBlankSheet()).toBe("Sheet1");
    expect(await workbook.addBlankSheet()).toBe("Sheet2");
    expect(workbook.active).toBe("Sheet2");
    workbook.paste("Sheet2", "B2", [
      ["2014年上海工会金秋助学情况统计表"],
      ["序号", "项目", "单位"],
      ["1", "2014 年助学活动共筹集资金", "万元"],
      ["", "其中：各级党委政府资助", "万元"],
      ["", "社会捐助", "万元"],
    ]);
    const printed = await workbook.readPrinted();
    expect(printed?.cells[1]?.[1]).toBe("2014年上海工会金秋助学情况统计表");
    const draft = draftFromTable(printed ?? { cells: [] });
    expect(draft.template.title).toBe("2014年上海工会金秋助学情况统计表");
    expect(draft.template.breakdowns).toHaveLength(1);
  });
});

/**
 * Sheet protection in the strict fake (issue 11, items 5 and 10): the add-in
 * has no more rights than the user on a protected sheet — values only into
 * unlocked cells; formats, validation, conditional formats, tables, merges
 * and inserts refused; the protection options decide the rest.
 */
import { describe, expect, it } from "vitest";
import { createStrictExcel } from "./fake-excel";

type Excelish = ReturnType<typeof createStrictExcel>;

async function protectedForm(options?: Excel.WorksheetProtectionOptions): Promise<Excelish> {
  const excel = createStrictExcel("web-1.20");
  excel.addSheet("表");
  await excel.host.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem("表");
    ws.getRange("C3:C9").format.protection.locked = false;
    ws.protection.protect(options);
    await ctx.sync();
  });
  return excel;
}

const attempt = (excel: Excelish, f: (ws: Excel.Worksheet, ctx: Excel.RequestContext) => void) =>
  excel.host.run(async (ctx) => {
    f(ctx.workbook.worksheets.getItem("表"), ctx);
    await ctx.sync();
  });

describe("strict fake Excel — protection", () => {
  it("takes values into unlocked cells and refuses locked ones", async () => {
    const excel = await protectedForm();
    await attempt(excel, (ws) => (ws.getRange("C3:C4").values = [[1], [2]]));
    expect(excel.values("表", "C3:C4")).toEqual([[1], [2]]);
    await expect(attempt(excel, (ws) => (ws.getRange("B3:C3").values = [["x", 3]]))).rejects.toMatchObject({
      code: "AccessDenied",
    });
    expect(excel.values("表", "B3:C3")).toEqual([["", 1]]);
    expect(excel.user.type("表", "B3", "x")).toBe("protected");
    expect(excel.user.type("表", "C5", "7")).toBeUndefined();
  });

  const refused: [string, (ws: Excel.Worksheet, ctx: Excel.RequestContext) => void][] = [
    ["a fill, even on an unlocked cell", (ws) => (ws.getRange("C3").format.fill.color = "#FFC7CE")],
    ["a number format", (ws) => (ws.getRange("C3").numberFormat = [["0.00"]])],
    ["a font", (ws) => (ws.getRange("C3").format.font.bold = true)],
    ["the locked flag", (ws) => (ws.getRange("D3").format.protection.locked = false)],
    [
      "a validation",
      (ws) => (ws.getRange("C3").dataValidation.rule = { wholeNumber: { formula1: 0, operator: "GreaterThan" } }),
    ],
    ["clearing a validation", (ws) => ws.getRange("C3").dataValidation.clear()],
    ["a conditional format", (ws) => ws.getRange("C3").conditionalFormats.add("Custom")],
    ["a table", (ws) => ws.tables.add("C3:C9", false)],
    ["a merge", (ws) => ws.getRange("A1:B1").merge(false)],
    ["inserting cells", (ws) => ws.getRange("A10:D12").insert("Down")],
    [
      "a note without allowEditObjects",
      (ws) => (ws as unknown as { notes: Excel.NoteCollection }).notes.add("C3", "注"),
    ],
    ["a threaded comment", (_ws, ctx) => ctx.workbook.comments.add("表!C3", "注")],
    ["a column width without allowFormatColumns", (ws) => (ws.getRange("C:C").format.columnWidth = 80)],
    ["protecting twice", (ws) => ws.protection.protect()],
  ];
  for (const [what, f] of refused) {
    it(`refuses ${what}`, async () => {
      const excel = await protectedForm();
      await expect(attempt(excel, f)).rejects.toMatchObject({
        code: what === "protecting twice" ? "InvalidOperation" : "AccessDenied",
      });
    });
  }

  it("respects the options it was protected with", async () => {
    const excel = await protectedForm({ allowFormatCells: true, allowFormatColumns: true, allowEditObjects: true });
    await attempt(excel, (ws) => {
      ws.getRange("D3").format.fill.color = "#FFC7CE";
      ws.getRange("C:C").format.columnWidth = 80;
      (ws as unknown as { notes: Excel.NoteCollection }).notes.add("D3", "注");
    });
    expect(excel.cell("表", "D3")).toMatchObject({ fill: "#FFC7CE", note: "注" });
    expect(excel.sheet("表").columns.get(3)?.width).toBe(80);
    // Still refused: validation and locking have no allowance.
    await expect(attempt(excel, (ws) => ws.getRange("C3").dataValidation.clear())).rejects.toMatchObject({
      code: "AccessDenied",
    });
  });

  it("lets the user sort only with allowSort and never over locked cells", async () => {
    expect((await protectedForm()).user.canSort("表", "C3:C9")).toBe(false);
    const sortable = await protectedForm({ allowSort: true });
    expect(sortable.user.canSort("表", "C3:C9")).toBe(true);
    expect(sortable.user.canSort("表", "B3:C9")).toBe(false);
  });

  it("lets everything through once unprotected", async () => {
    const excel = await protectedForm();
    await attempt(excel, (ws) => {
      ws.protection.unprotect();
      ws.getRange("B3").values = [["标签"]];
      ws.getRange("B3").format.fill.color = "#DDEBF7";
    });
    expect(excel.cell("表", "B3")).toMatchObject({ value: "标签", fill: "#DDEBF7" });
  });
});

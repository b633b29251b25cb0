/**
 * The strict fake's Office.js proxy semantics: nothing reaches the workbook
 * before `context.sync()`, properties need `load()` + `sync()`, and a failing
 * command fails the sync with its Office.js code while the commands before it
 * stay applied — a batch is not a transaction.
 */
import { describe, expect, it } from "vitest";
import { createStrictExcel } from "./fake-excel";

describe("strict fake Excel — proxies", () => {
  it("queues writes until sync and refuses to read what was not loaded", async () => {
    const excel = createStrictExcel("web-1.18");
    excel.addSheet("表");
    await excel.host.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("表").getRange("B2:C2");
      range.values = [[1, "甲"]];
      expect(excel.values("表", "B2:C2")).toEqual([["", ""]]);
      // What the add-in set reads back; what it did not load throws, as in Office.js.
      expect(range.values).toEqual([[1, "甲"]]);
      expect(() => range.numberFormat).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await ctx.sync();
      expect(excel.values("表", "B2:C2")).toEqual([[1, "甲"]]);
      const again = ctx.workbook.worksheets.getItem("表").getRange("B2:C2");
      again.load("numberFormat, values");
      expect(() => again.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await ctx.sync();
      expect(again.values).toEqual([[1, "甲"]]);
      expect(again.numberFormat).toEqual([["General", "General"]]);
    });
    expect(excel.runs).toEqual([2]);
  });

  it("fails the sync at the first failing command and keeps the commands before it", async () => {
    const excel = createStrictExcel("web-1.18");
    excel.addSheet("表");
    const failure = excel.host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("表");
      ws.getRange("A1").values = [["applied"]];
      ws.tables.getItem("nowhere").getDataBodyRange().format.fill.color = "#FF0000";
      ws.getRange("A2").values = [["never"]];
      const probe = ws.getRange("A1");
      probe.load("values");
      await ctx.sync().catch((e) => {
        // Loads of a failed sync never arrive.
        expect(() => probe.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
        throw e;
      });
    });
    await expect(failure).rejects.toMatchObject({ code: "ItemNotFound" });
    expect(excel.values("表", "A1:A2")).toEqual([["applied"], [""]]);
  });

  it("resolves null objects, rejects malformed writes and unknown sheets", async () => {
    const excel = createStrictExcel("windows-1.20");
    excel.addSheet("表");
    await excel.host.run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject("没有");
      const there = ctx.workbook.worksheets.getItemOrNullObject("表");
      missing.load("isNullObject");
      there.load("isNullObject");
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(there.isNullObject).toBe(false);
      // The array must match the range's shape.
      there.getRange("A1:B1").values = [[1]];
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
      ctx.workbook.worksheets.getItem("没有").getRange("A1").values = [[1]];
      await expect(ctx.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
      ctx.workbook.worksheets.add("表");
      await expect(ctx.sync()).rejects.toMatchObject({ code: "ItemAlreadyExists" });
      ctx.workbook.worksheets.add("表".repeat(32));
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    });
  });

  it("parses written text as Excel does, except in text cells", async () => {
    const excel = createStrictExcel("web-1.18");
    excel.addSheet("表");
    await excel.host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("表");
      ws.getRange("B1").numberFormat = [["@"]];
      ws.getRange("A1:A4").values = [["007"], ["2024-03-01"], ["'=1+1"], ["TRUE"]];
      ws.getRange("B1").values = [["007"]];
      await ctx.sync();
    });
    expect(excel.values("表", "A1:B4")).toEqual([
      [7, "007"],
      [45352, ""],
      ["=1+1", ""],
      [true, ""],
    ]);
  });
});

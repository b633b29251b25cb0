/**
 * Request and response sizes in the strict fake (issue 11, item 6): a
 * one-cell write costs about 250 bytes, Excel on the web refuses a request or
 * response over 5 MB, other platforms do not, and every sync's size is kept.
 */
import { describe, expect, it } from "vitest";
import { createStrictExcel } from "./fake-excel";
import { PAYLOAD_LIMIT } from "./payload";
import { a1 } from "../../../../schemas/layout/address";

describe("strict fake Excel — payload", () => {
  it("counts about 250 bytes per one-cell write", async () => {
    const excel = createStrictExcel("web-1.18");
    excel.addSheet("表");
    await excel.host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("表");
      ws.getRange("C5").values = [[12.5]];
      await ctx.sync();
      const one = excel.payload.syncs[0]!.requestBytes;
      for (let r = 1; r <= 100; r++) ws.getRange(`D${r}`).values = [[12.5]];
      await ctx.sync();
      const perCell = (excel.payload.syncs[1]!.requestBytes - one) / 99;
      expect(perCell).toBeGreaterThan(230);
      expect(perCell).toBeLessThan(270);
    });
  });

  it("refuses a request over 5 MB on the web, whole, and runs it on Windows", async () => {
    const cellByCell = async (excel: ReturnType<typeof createStrictExcel>) =>
      excel.host.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("表");
        for (let r = 1; r <= 1500; r++)
          for (let c = 1; c <= 14; c++) ws.getRange(a1(r, c)).values = [["110101199003074514"]];
        await ctx.sync();
      });
    const web = createStrictExcel("web-1.18");
    web.addSheet("表");
    await expect(cellByCell(web)).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(web.values("表", "A1")).toEqual([[""]]);
    expect(web.payload.maxRequestBytes).toBeGreaterThan(PAYLOAD_LIMIT);

    const desktop = createStrictExcel("windows-1.20");
    desktop.addSheet("表");
    await cellByCell(desktop);
    // A General cell keeps 15 significant digits of an 18-digit 身份证号, as Excel does.
    expect(desktop.values("表", "N1500")).toEqual([[110101199003074000]]);
  });

  it("refuses a response over 5 MB on the web and keeps a block write small", async () => {
    const excel = createStrictExcel("web-1.18");
    excel.addSheet("表");
    const rows = 30_000;
    const block = Array.from({ length: rows }, (_, i) => Array.from({ length: 14 }, (_, c) => `${i}-${c}-身份证号码`));
    await excel.host.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("表").getRange(`A1:N${rows}`);
      range.numberFormat = "@" as unknown as string[][];
      await ctx.sync();
    });
    // One block write of the same cells is one action: its size is the text.
    await expect(
      excel.host.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("表").getRange(`A1:N${rows}`).values = block;
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    const quarter = rows / 4;
    for (let top = 1; top <= rows; top += quarter) {
      await excel.host.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("表").getRange(`A${top}:N${top + quarter - 1}`).values = block.slice(
          0,
          quarter,
        );
        await ctx.sync();
      });
    }
    await expect(
      excel.host.run(async (ctx) => {
        const r = ctx.workbook.worksheets.getItem("表").getRange(`A1:N${rows}`);
        r.load("values");
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
    expect(excel.payload.maxResponseBytes).toBeGreaterThan(PAYLOAD_LIMIT);
    expect(excel.payload.syncs.map((s) => s.failed ?? "ok")).toEqual([
      "ok",
      "RequestPayloadSizeLimitExceeded",
      "ok",
      "ok",
      "ok",
      "ok",
      "ResponsePayloadSizeLimitExceeded",
    ]);
  });
});

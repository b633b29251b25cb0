/**
 * Per-host API presence in the strict fake (issue 11, items 1 and 8): the
 * objects have what the loaded office.js has, the host runs what its ExcelApi
 * set has, and `isSetSupported` answers for the host alone.
 */
import { describe, expect, it } from "vitest";
import { createStrictExcel } from "./fake-excel";
import { hostProfiles, type ProfileName } from "./profiles";

const probe = (name: ProfileName) => {
  const excel = createStrictExcel(name);
  excel.addSheet("表");
  return excel.host.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem("表");
    return {
      notes: ws.notes !== undefined,
      comments: (ws as unknown as { comments?: unknown }).comments !== undefined,
      workbookNotes: "notes" in ctx.workbook,
    };
  });
};

describe("strict fake Excel — hosts", () => {
  it("has notes from ExcelApi 1.18 and comments from 1.10, as objects and as requirement sets", async () => {
    expect(await probe("web-1.18")).toEqual({ notes: true, comments: true, workbookNotes: true });
    expect(await probe("office2021-1.14")).toEqual({ notes: false, comments: true, workbookNotes: false });
    expect(await probe("windows-1.9")).toEqual({ notes: false, comments: false, workbookNotes: false });
    const web = createStrictExcel("web-1.18");
    expect(web.host.isSetSupported("ExcelApi", "1.18")).toBe(true);
    expect(web.host.isSetSupported("ExcelApi", "1.19")).toBe(false);
    expect(createStrictExcel("windows-1.9").host.isSetSupported("ExcelApi", "1.10")).toBe(false);
  });

  it("reproduces issue 11: the host says 1.18 but the bundled office.js has no Worksheet.notes", async () => {
    const excel = createStrictExcel("web-1.18-npm-officejs");
    expect(excel.host.isSetSupported("ExcelApi", "1.18")).toBe(true);
    expect(await probe("web-1.18-npm-officejs")).toEqual({ notes: false, comments: true, workbookNotes: false });
  });

  it("fails at sync with ApiNotFound where office.js knows a member the host lacks", async () => {
    const excel = createStrictExcel("windows-1.9-cdn");
    excel.addSheet("表");
    await expect(
      excel.host.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("表").notes.add("A1", "注");
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "ApiNotFound" });
  });

  it("puts triggerSource in change events from ExcelApi 1.14 only", async () => {
    for (const [name, expected] of [
      ["office2021-1.14", "ThisLocalAddin"],
      ["windows-1.13", undefined],
    ] as const) {
      const excel = createStrictExcel(name);
      excel.addSheet("表");
      const seen: Record<string, unknown>[] = [];
      await excel.host.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("表");
        ws.onChanged.add(async (e) => void seen.push(e as unknown as Record<string, unknown>));
        await ctx.sync();
        ws.getRange("A1").values = [[1]];
        await ctx.sync();
      });
      await excel.settle();
      expect(seen).toHaveLength(1);
      expect(seen[0]?.triggerSource).toBe(expected);
      expect(seen[0]?.address).toBe("A1");
    }
  });

  it("lists every profile with a platform and an ExcelApi version", () => {
    for (const p of Object.values(hostProfiles)) {
      expect(["web", "windows", "mac"]).toContain(p.platform);
      expect(p.api).toMatch(/^1\.\d+$/);
    }
  });
});

/**
 * Data validation in the strict fake: Excel's text limits (issue 11, item 7:
 * the error alert was cut at 255 characters, Excel allows 225), the checks a
 * typed value meets, and a paste that meets none.
 */
import { describe, expect, it } from "vitest";
import { createStrictExcel } from "./fake-excel";

function setValidation(
  excel: ReturnType<typeof createStrictExcel>,
  v: { rule?: unknown; prompt?: { title: string; message: string }; alert?: { title: string; message: string } },
) {
  return excel.host.run(async (ctx) => {
    const dv = ctx.workbook.worksheets.getItem("表").getRange("C3:C4").dataValidation;
    dv.rule = (v.rule ?? {
      wholeNumber: { formula1: 0, operator: "GreaterThanOrEqualTo" },
    }) as Excel.DataValidationRule;
    if (v.prompt) dv.prompt = { showPrompt: true, ...v.prompt };
    if (v.alert) dv.errorAlert = { showAlert: true, style: "Stop", ...v.alert };
    await ctx.sync();
  });
}

describe("strict fake Excel — data validation", () => {
  const cases = [
    {
      what: "prompt title",
      ok: { prompt: { title: "题".repeat(32), message: "" } },
      bad: { prompt: { title: "题".repeat(33), message: "" } },
    },
    {
      what: "prompt message",
      ok: { prompt: { title: "", message: "字".repeat(255) } },
      bad: { prompt: { title: "", message: "字".repeat(256) } },
    },
    {
      what: "alert title",
      ok: { alert: { title: "题".repeat(32), message: "" } },
      bad: { alert: { title: "题".repeat(33), message: "" } },
    },
    {
      what: "alert message",
      ok: { alert: { title: "", message: "字".repeat(225) } },
      bad: { alert: { title: "", message: "字".repeat(226) } },
    },
    {
      what: "list source",
      ok: {
        rule: {
          list: {
            inCellDropDown: true,
            source: Array.from({ length: 51 }, (_, i) => `甲${i % 10}`)
              .join(",")
              .slice(0, 255),
          },
        },
      },
      bad: { rule: { list: { inCellDropDown: true, source: "甲,".repeat(128) } } },
    },
  ];
  for (const c of cases) {
    it(`allows a ${c.what} at Excel's limit and fails the sync with InvalidArgument beyond it`, async () => {
      const excel = createStrictExcel("web-1.18");
      excel.addSheet("表");
      await setValidation(excel, c.ok);
      await expect(setValidation(excel, c.bad)).rejects.toMatchObject({ code: "InvalidArgument" });
    });
  }

  it("refuses a rule with two types and Between without formula2", async () => {
    const excel = createStrictExcel("web-1.18");
    excel.addSheet("表");
    const both = {
      wholeNumber: { formula1: 0, operator: "GreaterThan" },
      decimal: { formula1: 0, operator: "GreaterThan" },
    };
    await expect(setValidation(excel, { rule: both })).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(
      setValidation(excel, { rule: { decimal: { formula1: 0, operator: "Between" } } }),
    ).rejects.toMatchObject({
      code: "InvalidArgument",
    });
  });

  it("stops a wrong typed value, lets a paste through, and keeps the rule per cell", async () => {
    const excel = createStrictExcel("web-1.18");
    excel.addSheet("表");
    await setValidation(excel, { alert: { title: "人数", message: "请输入整数" } });
    expect(excel.user.type("表", "C3", "1.5")).toBe("invalid");
    expect(excel.user.type("表", "C3", "12")).toBeUndefined();
    expect(excel.values("表", "C3")).toEqual([[12]]);
    expect(excel.cell("表", "C4").validation?.errorAlert?.message).toBe("请输入整数");
    expect(excel.user.paste("表", "C4", { values: [["abc"]] })).toBeUndefined();
    expect(excel.values("表", "C4")).toEqual([["abc"]]);
    expect(excel.cell("表", "C4").validation).toBeUndefined();
  });
});

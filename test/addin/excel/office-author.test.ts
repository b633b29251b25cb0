/**
 * 新建表单 on the strict fake Excel: the nine definition sheets drawn by the
 * Office.js adapter (protected, inputs unlocked, dropdowns within Excel's 255
 * characters, every request under 4 MB), read back as the same template, and a
 * wrong formula marked on its cell.
 */
import { describe, expect, it } from "vitest";
import { MARK_VALUE, marksSheetName } from "../../../addin/excel/office-marks";
import { OfficeWorkbook } from "../../../addin/excel/office-workbook";
import type { ApiClient } from "../../../addin/sync/api-client";
import { AuthorSession } from "../../../addin/ui/sessions/author/author-session";
import { templateToDefinition } from "../../../schemas/definition/write";
import { HS_2022_ROSTER, SH_2014_JQZX } from "../../../schemas/forms";
import { Template } from "../../../schemas/template";
import { createStrictExcel } from "./strict/fake-excel";

const MB4 = 4 * 1024 * 1024;

describe("OfficeWorkbook — the definition sheets of 新建表单", () => {
  it.each([
    ["sh-2014-jqzx", SH_2014_JQZX],
    ["hs-2022-roster", HS_2022_ROSTER],
  ])("%s: drawn in Excel, read back as the same template", async (_, input) => {
    const excel = createStrictExcel("web-1.18");
    const workbook = new OfficeWorkbook(excel.host);
    const template = Template.parse(input);
    const session = await AuthorSession.start({ workbook, api: {} as ApiClient }, templateToDefinition(template));
    expect(session.current().template).toEqual(template);
    expect(excel.payload.maxRequestBytes).toBeLessThanOrEqual(MB4);
    expect(excel.payload.syncs.every((s) => !s.failed)).toBe(true);
    expect(excel.cell("项目", "B1").value).toBe("序号");
    await session.dispose();
  });

  it("marks a wrong formula typed in 规则 on its cell", async () => {
    const excel = createStrictExcel("web-1.18");
    const workbook = new OfficeWorkbook(excel.host);
    const session = await AuthorSession.start(
      { workbook, api: {} as ApiClient },
      templateToDefinition(Template.parse(SH_2014_JQZX)),
    );
    excel.cell("规则", "C2").value = "raised >= funds.totl";
    await session.check();
    expect(session.current().entries[0]).toMatchObject({ kind: "issue", at: { sheet: "规则", key: "C2" } });
    // Marks live on the sheet's very hidden marks sheet, which its conditional formats read (office-marks.ts).
    expect(excel.values(marksSheetName("规则"), "C2")).toEqual([[MARK_VALUE.error]]);
    await session.dispose();
  });
});

/**
 * What each Excel can do, detected from the host and the loaded office.js
 * together (issue 11, item 1), on the strict fake's host profiles. Both the
 * form and the officer adapters read the same detection.
 */
import { describe, expect, it } from "vitest";
import { detectFeatures } from "../../../addin/excel/office-features";
import { OfficeWorkbook } from "../../../addin/excel/office-workbook";
import { OfficeOfficerWorkbook } from "../../../addin/excel/officer-office";
import { createStrictExcel } from "./strict/fake-excel";
import type { ProfileName } from "./strict/profiles";

const features = (p: ProfileName) => detectFeatures(createStrictExcel(p).host);

describe("detectFeatures", () => {
  it("gives each host what its ExcelApi set has", () => {
    expect(features("windows-1.20")).toEqual({
      notes: true,
      comments: true,
      tableResize: true,
      triggerSource: true,
      delayForCellEdit: true,
      addinUndo: true,
      mergedAreas: true,
    });
    expect(features("web-1.18")).toMatchObject({ notes: true, addinUndo: false });
    expect(features("office2021-1.14")).toMatchObject({
      notes: false,
      comments: true,
      tableResize: true,
      triggerSource: true,
    });
    expect(features("windows-1.13")).toMatchObject({
      tableResize: true,
      triggerSource: false,
      delayForCellEdit: true,
      mergedAreas: true,
    });
    expect(features("windows-1.10")).toMatchObject({ comments: true, tableResize: false, delayForCellEdit: false });
    expect(features("windows-1.9")).toEqual({
      notes: false,
      comments: false,
      tableResize: false,
      triggerSource: false,
      delayForCellEdit: false,
      addinUndo: false,
      mergedAreas: false,
    });
  });

  it("does not trust isSetSupported alone: an office.js without Worksheet.notes has no notes", () => {
    const excel = createStrictExcel("web-1.18-npm-officejs");
    expect(excel.host.isSetSupported("ExcelApi", "1.18")).toBe(true);
    expect(detectFeatures(excel.host).notes).toBe(false);
    expect(new OfficeWorkbook(excel.host).noteMode).toBe("none");
    expect(new OfficeOfficerWorkbook(excel.host).noteMode).toBe("comments");
  });

  it("does not trust the library alone: the CDN office.js on an old Excel has no more than the host", () => {
    expect(features("windows-1.9-cdn")).toMatchObject({ notes: false, comments: false, tableResize: false });
  });
});

/**
 * Marks on the strict fake Excel (issue 11, items 4 and 5): marking keeps the
 * clerk's undo — no protect/unprotect per edit, only APIs with undo support —
 * and a failed batch never leaves the remembered notes out of step with the
 * sheet.
 */
import { describe, expect, it } from "vitest";
import { buildLayout } from "../../../schemas/layout/form/layout";
import { OfficeWorkbook } from "../../../addin/excel/office-workbook";
import { marksSheetName } from "../../../addin/excel/office-marks";
import { COLORS } from "../../../schemas/layout/colors";
import { CellIndex } from "../../../schemas/layout/form/cell-index";
import { createStrictExcel } from "./strict/fake-excel";
import type { ProfileName } from "./strict/profiles";
import { huangshanRoster, shanghaiJqzx } from "../../schemas/fixtures/templates";

const layout = buildLayout(shanghaiJqzx(), { unitName: "黄浦区总工会" });
const at = (key: string) => layout.cells.find((c) => c.key === key)?.address as string;

async function rendered(profile: ProfileName = "windows-1.20") {
  const excel = createStrictExcel(profile);
  const workbook = new OfficeWorkbook(excel.host);
  await workbook.renderForm(layout);
  return { excel, workbook };
}

/** One edit as the session does it: the change read back, the canonical value written back, the marks redone. */
async function oneEdit(excel: ReturnType<typeof createStrictExcel>, workbook: OfficeWorkbook) {
  const seen: unknown[] = [];
  await workbook.onCellsChanged(layout.sheet, (_c, v) => seen.push(v));
  const before = excel.undo.clears.length;
  excel.user.type(layout.sheet, at("raised"), "８２．５");
  await excel.settle();
  await workbook.writeValues(layout.sheet, { raised: "82.5" });
  await workbook.markCells(layout.sheet, [{ cell: "raised_social", severity: "error", note: "其中之和不等" }], []);
  await workbook.markCells(layout.sheet, [{ cell: "raised_social", severity: "warning", note: "请核对" }], []);
  await workbook.markCells(layout.sheet, [], ["raised_social"]);
  expect(seen).toHaveLength(1);
  return excel.undo.since(before);
}

describe("OfficeWorkbook — marks keep the clerk's undo", () => {
  for (const profile of ["windows-1.20", "web-1.20"] as const) {
    it(`clears the undo stack 0 times per edit on ${profile} (ExcelApi 1.20)`, async () => {
      const { excel, workbook } = await rendered(profile);
      expect(await oneEdit(excel, workbook)).toEqual([]);
      expect(excel.undo.depth).toBeGreaterThan(1);
      expect(excel.sheet(layout.sheet).protection.protected).toBe(true);
    });
  }

  it("cannot keep it below ExcelApi 1.20, where every add-in write clears it", async () => {
    const { excel, workbook } = await rendered("web-1.18");
    const clears = await oneEdit(excel, workbook);
    expect(clears.length).toBeGreaterThan(0);
    expect(clears.some((api) => api.startsWith("WorksheetProtection"))).toBe(false);
  });

  it("protects once at render; a roster grow unprotects and protects again (documented)", async () => {
    const excel = createStrictExcel("windows-1.20");
    const workbook = new OfficeWorkbook(excel.host);
    const roster = buildLayout(huangshanRoster());
    await workbook.renderForm(roster);
    expect(excel.undo.clears.filter((c) => c.startsWith("WorksheetProtection"))).toEqual([
      "WorksheetProtection.protect",
    ]);
    const before = excel.undo.clears.length;
    await workbook.growRosters(roster.sheet, { roster: 80 });
    expect(excel.undo.since(before)).toEqual(["WorksheetProtection.unprotect", "WorksheetProtection.protect"]);
  });

  it("paints through conditional formats that read a very hidden marks sheet, never the cell itself", async () => {
    const { excel, workbook } = await rendered();
    await workbook.markCells(layout.sheet, [{ cell: "aided", severity: "warning", note: "偏高" }], []);
    const marks = excel.sheet(marksSheetName(layout.sheet));
    expect(marks.visibility).toBe("VeryHidden");
    expect(marks.protection.protected).toBe(false);
    expect(excel.values(marks.name, at("aided"))).toEqual([[1]]);
    expect(excel.shownFill(layout.sheet, at("aided"))).toBe(COLORS.warning);
    expect(excel.cell(layout.sheet, at("aided")).fill).toBe(COLORS.input);
  });
});

describe("OfficeWorkbook — a failed mark batch", () => {
  it("keeps the remembered notes until a sync succeeds, so the next mark works", async () => {
    const { excel, workbook } = await rendered();
    await workbook.markCells(layout.sheet, [{ cell: "aided", severity: "error", note: "一" }], []);
    // Excel fails the next batch after its first two commands: a batch is not a transaction.
    excel.failNextSync("GeneralException", 2);
    excel.failNextSync("GeneralException", 2);
    await expect(
      workbook.markCells(
        layout.sheet,
        [
          { cell: "aided", severity: "error", note: "二" },
          { cell: "posts", severity: "warning", note: "三" },
        ],
        [],
      ),
    ).rejects.toMatchObject({ code: "GeneralException" });
    await workbook.markCells(
      layout.sheet,
      [
        { cell: "aided", severity: "error", note: "四" },
        { cell: "posts", severity: "warning", note: "五" },
      ],
      [],
    );
    expect(excel.cell(layout.sheet, at("aided")).note).toBe("【错误】四");
    expect(excel.cell(layout.sheet, at("posts")).note).toBe("【警告】五");
    await workbook.markCells(layout.sheet, [], ["aided", "posts"]);
    expect(excel.cell(layout.sheet, at("aided")).note).toBeUndefined();
    expect(excel.cell(layout.sheet, at("posts")).note).toBeUndefined();
  });

  it("reads the sheet's notes again when the clerk deleted one, and marks in the same call", async () => {
    const { excel, workbook } = await rendered();
    await workbook.markCells(layout.sheet, [{ cell: "aided", severity: "error", note: "一" }], []);
    // Right-click → Delete Note: objects stay editable on the protected form.
    delete excel.cell(layout.sheet, at("aided")).note;
    await workbook.markCells(layout.sheet, [{ cell: "aided", severity: "error", note: "二" }], []);
    expect(excel.cell(layout.sheet, at("aided")).note).toBe("【错误】二");
  });
});

describe("OfficeWorkbook.attachForm — a form drawn before marks had their own sheet", () => {
  it("gets a marks sheet, loses the old fill marks and is protected with the current options", async () => {
    const { excel } = await rendered();
    // What the earlier adapter left: no marks sheet, a red fill on a marked cell.
    excel.sheet(marksSheetName(layout.sheet)).deleted = true;
    excel.sheet(layout.sheet).conditionalFormats = excel
      .sheet(layout.sheet)
      .conditionalFormats.filter((cf) => !cf.formula?.includes("汇表标记"));
    excel.cell(layout.sheet, at("aided")).fill = COLORS.error;
    const workbook = new OfficeWorkbook(excel.host);
    expect(await workbook.attachForm(layout)).toEqual(layout);
    expect(excel.cell(layout.sheet, at("aided")).fill).toBe(COLORS.input);
    await workbook.markCells(layout.sheet, [{ cell: "aided", severity: "error", note: "必填" }], []);
    expect(excel.shownFill(layout.sheet, at("aided"))).toBe(COLORS.error);
    expect(excel.sheet(layout.sheet).protection).toMatchObject({
      protected: true,
      options: { allowEditObjects: true },
    });
  });
});

describe("OfficeWorkbook — marking many cells on Excel on the web (5 MB per request)", () => {
  it("marks 20,000 roster cells with notes in blocks, every request under 4 MB", async () => {
    const excel = createStrictExcel("web-1.18");
    const workbook = new OfficeWorkbook(excel.host);
    const roster = buildLayout(huangshanRoster(), { unitName: "屯溪区总工会", rosterRows: 20_000 });
    await workbook.renderForm(roster);
    const key = (i: number) => `roster.r${String(i).padStart(4, "0")}.idno`;
    const marks = Array.from({ length: 20_000 }, (_, i) => ({
      cell: key(i + 1),
      severity: "error" as const,
      note: "身份证号码校验位不符，请核对",
    }));
    excel.payload.reset();
    await workbook.markCells(roster.sheet, marks, []);
    expect(excel.payload.syncs.every((s) => !s.failed)).toBe(true);
    expect(excel.payload.maxRequestBytes).toBeLessThanOrEqual(4 * 1024 * 1024);
    const last = new CellIndex(roster).locate(key(20_000))?.address as string;
    expect(excel.values(marksSheetName(roster.sheet), last)).toEqual([[2]]);
    expect(excel.shownFill(roster.sheet, last)).toBe(COLORS.error);
  }, 60_000); // 20,000 marks through the strict fake take seconds on a busy machine
});

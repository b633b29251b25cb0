/**
 * The Office.js adapter on the strict fake Excel (test/addin/excel/strict):
 * what a render leaves in the workbook, and how many round trips
 * (`context.sync()`) each operation costs.
 */
import { describe, expect, it } from "vitest";
import { buildLayout, type SheetLayout } from "../../../schemas/layout/form/layout";
import { OfficeWorkbook, PROTECTION } from "../../../addin/excel/office-workbook";
import { COLORS } from "../../../schemas/layout/colors";
import { a1, parseRange, rangeAddress } from "../../../schemas/layout/address";
import { createStrictExcel } from "./strict/fake-excel";
import type { ProfileName } from "./strict/profiles";
import { NO_ALLOWANCES } from "./strict/state";
import { edgeTemplate, huangshanRoster, shanghaiJqzx } from "../../schemas/fixtures/templates";

const addressOf = (layout: SheetLayout, key: string): string => {
  const c = layout.cells.find((x) => x.key === key);
  if (!c) throw new Error(`no cell ${key}`);
  return c.address;
};
const firstCell = (range: string) => {
  const b = parseRange(range);
  return a1(b.top, b.left);
};

async function rendered(layout: SheetLayout, profile: ProfileName = "windows-1.20") {
  const excel = createStrictExcel(profile);
  const workbook = new OfficeWorkbook(excel.host);
  await workbook.renderForm(layout);
  return { excel, workbook, sheet: excel.sheet(layout.sheet) };
}

describe("OfficeWorkbook.renderForm — 附件1 金秋助学情况统计表", () => {
  const layout = buildLayout(shanghaiJqzx(), { unitName: "黄浦区总工会" });

  it("draws the whole form in at most 2 syncs, each asking Excel to wait while the clerk edits a cell", async () => {
    const { excel } = await rendered(layout);
    expect(excel.runs).toEqual([2]);
    expect(excel.runOptions).toEqual([{ delayForCellEdit: true }]);
  });

  it("writes all text and formats of the used range", async () => {
    const { excel, sheet } = await rendered(layout);
    const s = layout.sheet;
    expect(excel.values(s, "A1")).toEqual([["2014年上海工会金秋助学情况统计表"]]);
    const row = Number(addressOf(layout, "raised").slice(1));
    expect(excel.values(s, `A${row}:D${row}`)).toEqual([["1", "2014 年助学活动共筹集资金", "", "万元"]]);
    expect(excel.values(s, `A1:D${layout.rows}`).flat()).toContain("黄浦区总工会");
    expect(excel.cell(s, addressOf(layout, "raised")).numberFormat).toBe("0.00");
    expect(excel.cell(s, addressOf(layout, "aided")).numberFormat).toBe("0");
    expect(excel.cell(s, addressOf(layout, "header.phone")).numberFormat).toBe("@");
    expect(sheet.merges.map(rangeAddress)).toEqual(["A1:D1", "A2:D2"]);
  });

  it("sets a data validation with prompt and stop alert on every value cell", async () => {
    const { excel } = await rendered(layout);
    for (const block of layout.validations) {
      const v = excel.cell(layout.sheet, firstCell(block.range)).validation;
      expect(v?.errorAlert).toEqual({
        showAlert: true,
        style: "Stop",
        title: block.alert.title,
        message: block.alert.message,
      });
      expect(v?.prompt).toEqual({ showPrompt: true, title: block.prompt.title, message: block.prompt.message });
      expect(v?.ignoreBlanks).toBe(true);
    }
    const aided = excel.cell(layout.sheet, addressOf(layout, "aided")).validation;
    expect(aided?.rule).toEqual({ wholeNumber: { formula1: 0, operator: "GreaterThanOrEqualTo" } });
    const gov = addressOf(layout, "raised_gov");
    const govRule = excel.cell(layout.sheet, gov).validation?.rule as { custom: { formula: string } };
    expect(govRule.custom.formula).toMatch(new RegExp(`^=AND\\(AND\\(ISNUMBER\\(${gov}\\)`));
    expect(govRule.custom.formula).toContain("SUM(");
    expect(excel.cell(layout.sheet, gov).validation?.errorAlert?.message).toContain("其中各项之和不得超过");
  });

  it("unlocks and shades the value cells, protects the sheet once and selects the first value cell", async () => {
    const { excel, sheet } = await rendered(layout);
    for (const c of layout.cells) {
      expect(excel.cell(layout.sheet, c.address).locked).toBe(c.locked);
      if (!c.locked) expect(excel.cell(layout.sheet, c.address).fill).toBe(COLORS.input);
    }
    expect(excel.cell(layout.sheet, "B5").locked).toBe(true);
    expect(sheet.protection).toEqual({ protected: true, options: { ...NO_ALLOWANCES, ...PROTECTION } });
    expect(PROTECTION).toMatchObject({ allowFormatCells: false, allowFormatColumns: true, allowInsertRows: false });
    expect(excel.selection()).toEqual({
      active: layout.sheet,
      sheet: layout.sheet,
      address: addressOf(layout, "header.reporter"),
    });
  });

  it("adds a conditional format per 其中 breakdown", async () => {
    const { sheet } = await rendered(layout);
    const sums = sheet.conditionalFormats.filter((cf) => layout.sumRules.some((r) => r.brokenFormula === cf.formula));
    expect(sums).toHaveLength(layout.sumRules.length);
    expect(sums[0]).toMatchObject({ type: "Custom", fill: COLORS.error, fontColor: COLORS.errorText });
    const total = parseRange(layout.sumRules[0]?.total ?? "");
    expect(sums.some((cf) => cf.boxes.some((b) => b.top === total.top && b.left === total.left))).toBe(true);
  });

  it("replaces an existing sheet of the same name, still in 2 syncs", async () => {
    const excel = createStrictExcel("windows-1.20");
    const old = excel.addSheet(layout.sheet);
    excel.seed(layout.sheet, "Z9", [["旧的"]]);
    const workbook = new OfficeWorkbook(excel.host);
    await workbook.renderForm(layout);
    expect(old.deleted).toBe(true);
    expect(excel.sheet(layout.sheet)).not.toBe(old);
    expect(excel.values(layout.sheet, "Z9")).toEqual([[""]]);
    expect(excel.runs).toEqual([2]);
    // Twice: the marks sheet of the first render is replaced too.
    await workbook.renderForm(layout);
    expect(excel.runs).toEqual([2, 2]);
  });
});

describe("OfficeWorkbook.renderForm — rosters", () => {
  it("makes the roster a table, keeps 身份证号 text, and hides long dropdown sources", async () => {
    const layout = buildLayout(huangshanRoster(), { rosterRows: 200 });
    const { excel, sheet } = await rendered(layout);
    expect(excel.runs).toEqual([2]);
    const roster = layout.rosters[0]!;
    expect(sheet.tables.map((t) => [t.name, rangeAddress(t.box), t.hasHeaders])).toEqual([
      [roster.tableName, `A${roster.headerRow}:N${roster.firstRow + 199}`, true],
    ]);
    const idCol = roster.columns.find((c) => c.key === "idno")?.col ?? 0;
    expect(excel.cell(layout.sheet, a1(roster.firstRow + 150, idCol)).numberFormat).toBe("@");
    // One validation per roster column, not per cell.
    const columnBlocks = layout.validations.filter((v) => v.range.endsWith(String(roster.firstRow + 199)));
    expect(columnBlocks).toHaveLength(roster.columns.length);

    // Issue 11 item 7 (the layout keeps alerts within Excel's 225 characters) is fixed in the
    // layout on another branch; the strict fake refuses the longer alert, so it is cut here.
    const edge0 = buildLayout(edgeTemplate());
    const edge = {
      ...edge0,
      validations: edge0.validations.map((v) => ({
        ...v,
        alert: { ...v.alert, message: v.alert.message.slice(0, 225) },
      })),
    };
    const e = await rendered(edge);
    const source = edge.hiddenSources[0]!;
    const letter = String.fromCharCode(64 + source.col);
    expect(e.sheet.columns.get(source.col)?.hidden).toBe(true);
    expect(e.excel.values(edge.sheet, `${letter}1:${letter}${source.values.length}`)).toEqual(
      source.values.map((v) => [v]),
    );
    const list = edge.validations.find((v) => v.rule.type === "list");
    expect(e.excel.cell(edge.sheet, firstCell(list?.range ?? "")).validation?.rule).toEqual({
      list: { inCellDropDown: true, source: `=${source.range}` },
    });
  });
});

describe("OfficeWorkbook — one round trip per operation", () => {
  const layout = buildLayout(shanghaiJqzx(), { unitName: "黄浦区总工会" });

  it("writes values in one sync: numbers as numbers, blanks cleared, the sheet left protected", async () => {
    const { excel, workbook, sheet } = await rendered(layout);
    await workbook.writeValues(layout.sheet, { posts: "3" });
    const result = await workbook.writeValues(layout.sheet, {
      raised: "12.5",
      aided: "30",
      "header.reporter": "顾佳",
      posts: null,
      bogus: "1",
    });
    expect(result).toEqual({ written: 4, unplaced: ["bogus"] });
    expect(excel.runs.slice(1)).toEqual([1, 1]);
    expect(excel.values(layout.sheet, addressOf(layout, "raised"))).toEqual([[12.5]]);
    expect(excel.values(layout.sheet, addressOf(layout, "header.reporter"))).toEqual([["顾佳"]]);
    expect(excel.values(layout.sheet, addressOf(layout, "posts"))).toEqual([[""]]);
    expect(sheet.protection.protected).toBe(true);
  });

  it("marks errors red and warnings amber with notes, and clears them, one sync each", async () => {
    const { excel, workbook, sheet } = await rendered(layout);
    const raised = addressOf(layout, "raised");
    const gov = addressOf(layout, "raised_gov");
    await workbook.markCells(
      layout.sheet,
      [
        { cell: "raised", severity: "error", note: "其中各项之和应等于共筹集资金" },
        { cell: "raised_gov", severity: "warning", note: "请核对" },
        { cell: "raised", severity: "warning", note: "人均偏高" },
      ],
      [],
    );
    expect(excel.shownFill(layout.sheet, raised)).toBe(COLORS.error);
    expect(excel.shownFill(layout.sheet, gov)).toBe(COLORS.warning);
    expect(excel.cell(layout.sheet, raised).note).toBe("【错误】其中各项之和应等于共筹集资金\n【警告】人均偏高");
    expect(excel.cell(layout.sheet, gov).note).toBe("【警告】请核对");
    await workbook.markCells(layout.sheet, [{ cell: "raised", severity: "error", note: "仍然不对" }], ["raised_gov"]);
    expect(excel.cell(layout.sheet, raised).note).toBe("【错误】仍然不对");
    expect(excel.cell(layout.sheet, gov).note).toBeUndefined();
    expect(excel.shownFill(layout.sheet, gov)).toBe(COLORS.input);
    // The cells' own formats never changed: the protected sheet was never unprotected.
    expect(excel.cell(layout.sheet, raised).fill).toBe(COLORS.input);
    expect(sheet.protection.protected).toBe(true);
    expect(excel.runs.slice(1)).toEqual([1, 1]);
  });

  it("marks with the fill alone where office.js has no notes, even when the host reports ExcelApi 1.18", async () => {
    const none = await rendered(layout, "web-1.18-npm-officejs");
    expect(none.workbook.noteMode).toBe("none");
    await none.workbook.markCells(layout.sheet, [{ cell: "aided", severity: "error", note: "x" }], []);
    expect(none.excel.shownFill(layout.sheet, addressOf(layout, "aided"))).toBe(COLORS.error);
    expect(none.excel.cell(layout.sheet, addressOf(layout, "aided")).note).toBeUndefined();
    expect(none.excel.runs.slice(1)).toEqual([1]);
    // Threaded comments cannot go on a protected sheet: Excel 2021 marks with the fill alone too.
    expect((await rendered(layout, "office2021-1.14")).workbook.noteMode).toBe("none");
  });

  it("reads every value in one sync", async () => {
    const { excel, workbook } = await rendered(layout);
    excel.seed(layout.sheet, addressOf(layout, "raised"), [["12.5"]]);
    excel.seed(layout.sheet, addressOf(layout, "header.phone"), [["63211939-3151"]]);
    const values = await workbook.readValues(layout.sheet);
    expect(values.raised).toBe(12.5);
    expect(values["header.phone"]).toBe("63211939-3151");
    expect(values.aided).toBeNull();
    expect(Object.keys(values)).toHaveLength(layout.cells.length);
    expect(excel.runs.slice(1)).toEqual([1]);
  });

  it("selects a cell in one sync", async () => {
    const { excel, workbook } = await rendered(layout);
    await workbook.selectCell(layout.sheet, "aided");
    expect(excel.selection().address).toBe(addressOf(layout, "aided"));
    expect(excel.runs.slice(1)).toEqual([1]);
  });

  it("re-reads a pasted range from the change event and reports cell keys", async () => {
    const { excel, workbook } = await rendered(layout);
    const seen: { cells: string[]; values: Record<string, unknown> }[] = [];
    await workbook.onCellsChanged(layout.sheet, (cells, values) => seen.push({ cells, values }));
    // A paste of three cells into C…: no `details`, data validation bypassed.
    excel.user.paste(layout.sheet, addressOf(layout, "raised"), { values: [[10], ["abc"], [""]] });
    await excel.settle();
    expect(seen).toEqual([
      {
        cells: ["raised", "raised_gov", "raised_social"],
        values: { raised: 10, raised_gov: "abc", raised_social: null },
      },
    ]);
    // The add-in's own writes are not reported.
    await workbook.writeValues(layout.sheet, { aided: "3" });
    await excel.settle();
    expect(seen).toHaveLength(1);
    // register + the read of the paste and the repair of the formats it brought (office-paste.ts) + the write
    expect(excel.runs.slice(1)).toEqual([1, 2, 1]);
  });

  it("refuses to work on a sheet it has not drawn or attached", async () => {
    const excel = createStrictExcel("windows-1.20");
    const workbook = new OfficeWorkbook(excel.host);
    await expect(workbook.readValues("附件1")).rejects.toMatchObject({ code: "sheet_not_bound" });
    expect(await workbook.hasSheet("附件1")).toBe(false);
    expect(await workbook.attachForm(layout)).toBeNull();
    excel.addSheet(layout.sheet);
    expect(await workbook.attachForm(layout)).toEqual(layout);
    await workbook.selectCell(layout.sheet, "raised");
  });
});

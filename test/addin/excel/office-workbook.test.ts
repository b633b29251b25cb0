/**
 * The Office.js adapter against office-addin-mock: what a render queues, and
 * how many round trips (`context.sync()`) each operation costs.
 */
import { describe, expect, it } from "vitest";
import { buildLayout, type SheetLayout } from "../../../schemas/layout/form/layout";
import { OfficeWorkbook, PROTECTION } from "../../../addin/excel/office-workbook";
import { COLORS } from "../../../schemas/layout/colors";
import { createExcelMock } from "./excel-mock";
import { edgeTemplate, huangshanRoster, shanghaiJqzx } from "../../schemas/fixtures/templates";

const addressOf = (layout: SheetLayout, key: string): string => {
  const c = layout.cells.find((x) => x.key === key);
  if (!c) throw new Error(`no cell ${key}`);
  return c.address;
};

async function rendered(layout: SheetLayout, supported?: { notes: boolean; comments: boolean }) {
  const excel = createExcelMock(supported);
  const workbook = new OfficeWorkbook(excel.host);
  await workbook.renderForm(layout);
  return { excel, workbook, sheet: excel.sheet(layout.sheet) };
}

describe("OfficeWorkbook.renderForm — 附件1 金秋助学情况统计表", () => {
  const layout = buildLayout(shanghaiJqzx(), { unitName: "黄浦区总工会" });

  it("draws the whole form in at most 2 syncs", async () => {
    const { excel } = await rendered(layout);
    expect(excel.runs).toEqual([2]);
  });

  it("writes all text and formats of the used range in one bulk call each", async () => {
    const { sheet } = await rendered(layout);
    const used = sheet.ranges.get(`A1:D${layout.rows}`);
    const values = used?.values as string[][];
    expect(values).toHaveLength(layout.rows);
    expect(values[0]?.[0]).toBe("2014年上海工会金秋助学情况统计表");
    const raised = addressOf(layout, "raised");
    const row = Number(raised.slice(1));
    expect(values[row - 1]).toEqual(["1", "2014 年助学活动共筹集资金", "", "万元"]);
    expect(values.flat()).toContain("黄浦区总工会");
    const formats = used?.numberFormat as string[][];
    expect(formats[row - 1]?.[2]).toBe("0.00");
    expect(formats[Number(addressOf(layout, "aided").slice(1)) - 1]?.[2]).toBe("0");
    expect(formats[Number(addressOf(layout, "header.phone").slice(1)) - 1]?.[2]).toBe("@");
    expect(sheet.merges).toEqual(["A1:D1", "A2:D2"]);
  });

  it("sets a data validation with prompt and stop alert on every value cell", async () => {
    const { sheet } = await rendered(layout);
    for (const block of layout.validations) {
      const dv = sheet.ranges.get(block.range)?.dataValidation;
      expect(dv?.errorAlert).toEqual({
        showAlert: true,
        style: "Stop",
        title: block.alert.title,
        message: block.alert.message,
      });
      expect(dv?.prompt).toEqual({ showPrompt: true, title: block.prompt.title, message: block.prompt.message });
      expect(dv?.ignoreBlanks).toBe(true);
    }
    const aided = sheet.ranges.get(addressOf(layout, "aided"))?.dataValidation;
    expect(aided?.rule).toEqual({ wholeNumber: { formula1: 0, operator: "GreaterThanOrEqualTo" } });
    const gov = addressOf(layout, "raised_gov");
    const govRule = sheet.ranges.get(gov)?.dataValidation.rule as { custom: { formula: string } };
    expect(govRule.custom.formula).toMatch(new RegExp(`^=AND\\(AND\\(ISNUMBER\\(${gov}\\)`));
    expect(govRule.custom.formula).toContain("SUM(");
    expect(sheet.ranges.get(gov)?.dataValidation.errorAlert.message).toContain("其中各项之和不得超过");
  });

  it("unlocks and shades the value cells, then protects the sheet", async () => {
    const { sheet } = await rendered(layout);
    const unlocked = [...sheet.areas.entries()].filter(([, r]) => r.format.protection.locked === false);
    const areas = unlocked.flatMap(([address]) => address.split(","));
    // Value cells go in vertical runs: two proxies for the whole form.
    const last = layout.cells[layout.cells.length - 1]?.address;
    expect(areas).toEqual([
      `${addressOf(layout, "header.reporter")}:${addressOf(layout, "header.phone")}`,
      `${addressOf(layout, "raised")}:${last}`,
    ]);
    for (const [, r] of unlocked) expect(r.format.fill.color).toBe(COLORS.input);
    expect(sheet.protections).toEqual([PROTECTION]);
    expect(PROTECTION).toMatchObject({ allowFormatCells: false, allowFormatColumns: true, allowInsertRows: false });
    expect(sheet.selected).toBe(addressOf(layout, "header.reporter"));
    expect(sheet.activated).toBe(1);
  });

  it("adds a conditional format per 其中 breakdown", async () => {
    const { sheet } = await rendered(layout);
    expect(sheet.conditionalFormats).toHaveLength(layout.sumRules.length);
    const first = sheet.conditionalFormats[0];
    expect(first?.type).toBe("Custom");
    expect(first?.cf.custom.rule.formula).toBe(layout.sumRules[0]?.brokenFormula);
    expect(first?.cf.custom.format.fill.color).toBe(COLORS.error);
    expect(first?.address).toContain(layout.sumRules[0]?.total);
  });

  it("replaces an existing sheet of the same name, still in 2 syncs", async () => {
    const excel = createExcelMock();
    const old = excel.addSheet(layout.sheet);
    const workbook = new OfficeWorkbook(excel.host);
    await workbook.renderForm(layout);
    expect(old.deleted).toBe(true);
    expect(excel.sheet(layout.sheet)).not.toBe(old);
    expect(excel.runs).toEqual([2]);
  });
});

describe("OfficeWorkbook.renderForm — rosters", () => {
  it("makes the roster a table, keeps 身份证号 text, and hides long dropdown sources", async () => {
    const layout = buildLayout(huangshanRoster(), { rosterRows: 200 });
    const { excel, sheet } = await rendered(layout);
    expect(excel.runs).toEqual([2]);
    const roster = layout.rosters[0];
    expect(sheet.tables).toHaveLength(1);
    expect(sheet.tables[0]?.address).toBe(`A${roster?.headerRow}:O${(roster?.firstRow ?? 0) + 199}`);
    expect(sheet.tables[0]?.table.name).toBe("HB_hs_2022_roster_roster");
    const formats = sheet.ranges.get(`A1:O${layout.rows}`)?.numberFormat as string[][];
    const idCol = roster?.columns.find((c) => c.key === "idno")?.col ?? 0;
    expect(formats[(roster?.firstRow ?? 0) + 150]?.[idCol - 1]).toBe("@");
    // One validation per roster column, not per cell.
    const columnBlocks = layout.validations.filter((v) => v.range.endsWith(String((roster?.firstRow ?? 0) + 199)));
    expect(columnBlocks).toHaveLength(roster?.columns.length ?? -1);

    const edge = buildLayout(edgeTemplate());
    const e = await rendered(edge);
    const source = edge.hiddenSources[0];
    const letter = String.fromCharCode(64 + (source?.col ?? 0));
    expect(e.sheet.ranges.get(`${letter}:${letter}`)?.columnHidden).toBe(true);
    expect(e.sheet.ranges.get(`${letter}1:${letter}${source?.values.length}`)?.values).toEqual(
      source?.values.map((v) => [v]),
    );
    const list = edge.validations.find((v) => v.rule.type === "list");
    expect(e.sheet.ranges.get(list?.range ?? "")?.dataValidation.rule).toEqual({
      list: { inCellDropDown: true, source: `=${source?.range}` },
    });
  });
});

describe("OfficeWorkbook — one round trip per operation", () => {
  const layout = buildLayout(shanghaiJqzx(), { unitName: "黄浦区总工会" });

  it("writes values in one sync: numbers as numbers, blanks cleared", async () => {
    const { excel, workbook, sheet } = await rendered(layout);
    const result = await workbook.writeValues(layout.sheet, {
      raised: "12.5",
      aided: "30",
      "header.reporter": "顾佳",
      posts: null,
      bogus: "1",
    });
    expect(result).toEqual({ written: 4, unplaced: ["bogus"] });
    expect(excel.runs.slice(1)).toEqual([1]);
    expect(sheet.ranges.get(addressOf(layout, "raised"))?.values).toEqual([[12.5]]);
    expect(sheet.ranges.get(addressOf(layout, "header.reporter"))?.values).toEqual([["顾佳"]]);
    expect(sheet.ranges.get(addressOf(layout, "posts"))?.values).toEqual([[""]]);
    // Value cells are unlocked: no unprotect needed.
    expect(sheet.unprotects).toBe(0);
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
    expect(sheet.ranges.get(raised)?.format.fill.color).toBe(COLORS.error);
    expect(sheet.ranges.get(gov)?.format.fill.color).toBe(COLORS.warning);
    expect(sheet.notesAdded).toEqual([
      { address: raised, text: "【错误】其中各项之和应等于共筹集资金\n【警告】人均偏高" },
      { address: gov, text: "【警告】请核对" },
    ]);
    await workbook.markCells(layout.sheet, [{ cell: "raised", severity: "error", note: "仍然不对" }], ["raised_gov"]);
    expect(sheet.notesUpdated).toEqual([{ address: raised, text: "【错误】仍然不对" }]);
    expect(sheet.notesDeleted).toEqual([gov]);
    expect(sheet.ranges.get(gov)?.format.fill.color).toBe(COLORS.input);
    // Formatting a protected sheet needs it unprotected for the batch, then protected again.
    expect(sheet.unprotects).toBe(2);
    expect(sheet.protections).toHaveLength(3);
    expect(excel.runs.slice(1)).toEqual([1, 1]);
  });

  it("degrades to threaded comments, then to fill only", async () => {
    const comments = await rendered(layout, { notes: false, comments: true });
    expect(comments.workbook.noteMode).toBe("comments");
    await comments.workbook.markCells(layout.sheet, [{ cell: "aided", severity: "error", note: "x" }], []);
    expect(comments.sheet.notesAdded).toEqual([]);
    const none = await rendered(layout, { notes: false, comments: false });
    expect(none.workbook.noteMode).toBe("none");
    await none.workbook.markCells(layout.sheet, [{ cell: "aided", severity: "error", note: "x" }], []);
    expect(none.sheet.ranges.get(addressOf(layout, "aided"))?.format.fill.color).toBe(COLORS.error);
    expect(none.excel.runs.slice(1)).toEqual([1]);
  });

  it("reads every value in one sync", async () => {
    const { excel, workbook } = await rendered(layout);
    const grid = Array.from({ length: layout.rows }, () => Array.from({ length: layout.columns }, () => "" as unknown));
    const put = (key: string, v: unknown) => {
      const a = addressOf(layout, key);
      (grid[Number(a.slice(1)) - 1] as unknown[])[a.charCodeAt(0) - 65] = v;
    };
    put("raised", 12.5);
    put("header.phone", "63211939-3151");
    excel.seedValues(layout.sheet, `A1:D${layout.rows}`, grid);
    const values = await workbook.readValues(layout.sheet);
    expect(values.raised).toBe(12.5);
    expect(values["header.phone"]).toBe("63211939-3151");
    expect(values.aided).toBeNull();
    expect(Object.keys(values)).toHaveLength(layout.cells.length);
    expect(excel.runs.slice(1)).toEqual([1]);
  });

  it("selects a cell in one sync", async () => {
    const { excel, workbook, sheet } = await rendered(layout);
    await workbook.selectCell(layout.sheet, "aided");
    expect(sheet.selected).toBe(addressOf(layout, "aided"));
    expect(excel.runs.slice(1)).toEqual([1]);
  });

  it("re-reads a pasted range from the change event and reports cell keys", async () => {
    const { excel, workbook } = await rendered(layout);
    const seen: { cells: string[]; values: Record<string, unknown> }[] = [];
    await workbook.onCellsChanged(layout.sheet, (cells, values) => seen.push({ cells, values }));
    const top = addressOf(layout, "raised");
    const bottom = addressOf(layout, "raised_social");
    // A paste of three cells into C…: no `details`, data validation bypassed.
    excel.seedValues(layout.sheet, `${top}:${bottom}`, [[10], ["abc"], [""]]);
    await excel.fireChanged(layout.sheet, { address: `${top}:${bottom}`, changeType: "RangeEdited" });
    expect(seen).toEqual([
      {
        cells: ["raised", "raised_gov", "raised_social"],
        values: { raised: 10, raised_gov: "abc", raised_social: null },
      },
    ]);
    // Changes outside the value cells, and the add-in's own writes, are not reported.
    await excel.fireChanged(layout.sheet, { address: "B9" });
    await excel.fireChanged(layout.sheet, { address: top, triggerSource: "ThisLocalAddin" });
    expect(seen).toHaveLength(1);
    // register + one read per event
    expect(excel.runs.slice(1)).toEqual([1, 1]);
  });

  it("refuses to work on a sheet it has not drawn or attached", async () => {
    const excel = createExcelMock();
    const workbook = new OfficeWorkbook(excel.host);
    await expect(workbook.readValues("附件1")).rejects.toMatchObject({ code: "sheet_not_bound" });
    expect(await workbook.hasSheet("附件1")).toBe(false);
    expect(await workbook.attachForm(layout)).toBeNull();
    excel.addSheet(layout.sheet);
    expect(await workbook.attachForm(layout)).toEqual(layout);
    await workbook.selectCell(layout.sheet, "raised");
  });
});

/** The in-memory workbook behaves like Excel where the task pane can tell. */
import { describe, expect, it } from "vitest";
import { buildLayout, type SheetLayout } from "../../../schemas/layout/form/layout";
import { display, parseTyped } from "../../../addin/memory/excel-values";
import { MemoryWorkbook } from "../../../addin/memory/memory-workbook";
import { edgeTemplate, huangshanRoster, shanghaiJqzx } from "../../schemas/fixtures/templates";

const at = (layout: SheetLayout, key: string) => layout.cells.find((c) => c.key === key)?.address ?? "?";
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

async function setup() {
  const layout = buildLayout(shanghaiJqzx(), { unitName: "黄浦区总工会" });
  const wb = new MemoryWorkbook();
  await wb.renderForm(layout);
  const changes: { cells: string[]; values: Record<string, unknown> }[] = [];
  await wb.onCellsChanged(layout.sheet, (cells, values) => changes.push({ cells, values }));
  return { layout, wb, changes, sheet: layout.sheet };
}

describe("MemoryWorkbook", () => {
  it("refuses typed values that break the cell's validation, with its stop alert", async () => {
    const { layout, wb, sheet } = await setup();
    expect(wb.type(sheet, at(layout, "aided"), "12")).toEqual({ ok: true });
    const bad = wb.type(sheet, at(layout, "aided"), "12a");
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.alert.message).toContain("第 4 项");
    expect(wb.type(sheet, at(layout, "raised"), "12.345").ok).toBe(false);
    expect(wb.type(sheet, at(layout, "raised"), "1,234.5").ok).toBe(true);
    expect((await wb.readValues(sheet)).raised).toBe(1234.5);
    expect(wb.type(sheet, "B9", "x").ok).toBe(false); // a label: protected
  });

  it("checks a 其中 part against its total as it is typed", async () => {
    const { layout, wb, sheet } = await setup();
    wb.type(sheet, at(layout, "raised"), "10");
    expect(wb.type(sheet, at(layout, "raised_gov"), "6").ok).toBe(true);
    const over = wb.type(sheet, at(layout, "raised_social"), "5");
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.alert.message).toContain("不得超过");
    expect(wb.type(sheet, at(layout, "raised_social"), "3").ok).toBe(true);
    // Exhaustive: flagged once all parts are filled and do not add up.
    wb.type(sheet, at(layout, "raised_union"), "0.5");
    expect(wb.brokenSums(sheet)).toContain(at(layout, "raised"));
    wb.type(sheet, at(layout, "raised_union"), "1");
    expect(wb.brokenSums(sheet)).not.toContain(at(layout, "raised"));
  });

  it("lets a paste through unchecked and reports it after the edit", async () => {
    const { layout, wb, sheet, changes } = await setup();
    wb.paste(sheet, at(layout, "raised"), [["abc"], ["5"]]);
    expect(changes).toEqual([]);
    await tick();
    expect(changes).toEqual([{ cells: ["raised", "raised_gov"], values: { raised: "abc", raised_gov: 5 } }]);
  });

  it("does not report writeValues back, and marks cells with merged notes", async () => {
    const { layout, wb, sheet, changes } = await setup();
    expect(await wb.writeValues(sheet, { aided: "3", nope: "1" })).toEqual({ written: 1, unplaced: ["nope"] });
    await tick();
    expect(changes).toEqual([]);
    await wb.markCells(
      sheet,
      [
        { cell: "aided", severity: "warning", note: "偏少" },
        { cell: "aided", severity: "error", note: "不能为空" },
      ],
      [],
    );
    expect(wb.sheet(sheet)?.marks.get(at(layout, "aided"))).toEqual({
      severity: "error",
      note: "【错误】不能为空\n【警告】偏少",
    });
    await wb.markCells(sheet, [], ["aided"]);
    expect(wb.sheet(sheet)?.marks.size).toBe(0);
  });

  it("tells the grid which cells changed, so a long sheet is not redrawn whole", async () => {
    const { layout, wb, sheet } = await setup();
    const told: (readonly string[] | undefined)[] = [];
    wb.subscribe((_s, addresses) => told.push(addresses));
    const raised = at(layout, "raised");
    const gov = at(layout, "raised_gov");
    wb.type(sheet, raised, "10");
    wb.paste(sheet, gov, [["6"]]);
    await wb.writeValues(sheet, { raised: "12", nowhere: "1" });
    await wb.markCells(sheet, [{ cell: "raised_gov", severity: "error", note: "x" }], ["raised"]);
    await wb.selectCell(sheet, "raised");
    // Writing nothing asks for a whole redraw.
    await wb.writeValues(sheet, {});
    expect(told).toEqual([[raised], [gov], [raised], [raised, gov], [], undefined]);
  });

  it("reads roster cells by row id, only when filled", async () => {
    const layout = buildLayout(edgeTemplate());
    const wb = new MemoryWorkbook();
    await wb.renderForm(layout);
    await wb.writeValues(layout.sheet, { "roster.r0002.idno": "110101199003074512", "roster.r0002.amount": "12.5" });
    const values = await wb.readValues(layout.sheet);
    expect(values["roster.r0002.idno"]).toBe("110101199003074512");
    expect(values["roster.r0002.amount"]).toBe(12.5);
    expect(values["roster.r0001.idno"]).toBeUndefined();
    expect(values["header.unit"]).toBeNull();
  });
});

describe("MemoryWorkbook rosters that grow", () => {
  const template = huangshanRoster();

  it("moves what lies below the roster, keeps rows where they were, and validates the new rows", async () => {
    const layout = buildLayout(template);
    const wb = new MemoryWorkbook();
    await wb.renderForm(layout);
    // 合计 counts the roster (a formula): one row filled.
    await wb.writeValues(layout.sheet, { "roster.r0050.name": "汪子涵", total_persons: "50" });
    await wb.markCells(layout.sheet, [{ cell: "total_persons", severity: "error", note: "人数不一致" }], []);
    const before = wb.sheet(layout.sheet);
    const redraws: string[] = [];
    wb.subscribe((s) => redraws.push(s));

    const grown = await wb.growRosters(layout.sheet, { roster: 2050 });
    expect(grown).toEqual(buildLayout(template, { rosterRows: 2050 }));
    const sheet = wb.sheet(layout.sheet);
    // A new sheet object, so the grid draws the new rows; one redraw.
    expect(sheet).not.toBe(before);
    expect(redraws).toEqual([layout.sheet]);
    expect(sheet?.values.get(at(grown, "total_persons"))).toBe(1);
    expect(sheet?.marks.get(at(grown, "total_persons"))?.note).toContain("人数不一致");
    const values = await wb.readValues(layout.sheet);
    expect(values["roster.r0050.name"]).toBe("汪子涵");
    expect(values.total_persons).toBe(1);

    // Row 2,050 takes typing and refuses a 身份证号 of the wrong length, as row 1 does.
    const idCol = grown.rosters[0]!.columns.find((c) => c.key === "idno")!.col;
    const lastId = `${String.fromCharCode(64 + idCol)}${grown.rosters[0]!.firstRow + 2049}`;
    expect(wb.type(layout.sheet, lastId, "3410021").ok).toBe(false);
    expect(wb.type(layout.sheet, lastId, "34100220100101000X").ok).toBe(true);
    expect((await wb.readValues(layout.sheet))["roster.r2050.idno"]).toBe("34100220100101000X");

    // Never shrinks; asking for what it has costs nothing.
    expect(await wb.growRosters(layout.sheet, { roster: 10 })).toBe(grown);
    expect(redraws).toHaveLength(2); // the typing above
  });

  it("reconnects with the rows the sheet has, and grows to what the layout asks", async () => {
    const wb = new MemoryWorkbook();
    const layout = buildLayout(template);
    await wb.renderForm(layout);
    await wb.growRosters(layout.sheet, { roster: 300 });
    expect(await wb.attachForm(layout)).toEqual(buildLayout(template, { rosterRows: 300 }));
    const asked = buildLayout(template, { rosterRows: 400 });
    expect(await wb.attachForm(asked)).toEqual(asked);
    expect(wb.sheet(layout.sheet)?.layout).toEqual(asked);
  });
});

describe("Excel value conversions", () => {
  it("keeps text cells text and turns typed dates into serials", () => {
    expect(parseTyped("110101199003074512", "@")).toBe("110101199003074512");
    expect(parseTyped("110101199003074512", "General")).toBe(110101199003074510);
    expect(parseTyped("2022-09-01", "yyyy-mm-dd")).toBe(44805);
    expect(parseTyped("2022年9月1日", "yyyy-mm-dd")).toBe(44805);
    expect(display(44805, "yyyy-mm-dd")).toBe("2022-09-01");
    expect(display(12.5, "0.00")).toBe("12.50");
  });
});

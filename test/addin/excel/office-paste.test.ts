/**
 * A paste on the strict fake replaces the target cells' validation, fill and
 * number format with the source's (as a plain Ctrl+V does); the adapter puts
 * back the layout's. Roster rows wear the light-blue "fill here" colour like
 * every input cell, after drawing, growing and clearing a mark.
 */
import { describe, expect, it } from "vitest";
import { OfficeWorkbook } from "../../../addin/excel/office-workbook";
import { buildLayout, type SheetLayout } from "../../../schemas/layout/form/layout";
import { CellIndex } from "../../../schemas/layout/form/cell-index";
import { COLORS } from "../../../schemas/layout/colors";
import { parseCell } from "../../../schemas/layout/address";
import { consolidatedLayout } from "../../../schemas/layout/officer/consolidated-sheet";
import { rosterIdNo, rosterRow } from "../roster-fixture";
import { huangshanRoster, shanghaiJqzx } from "../../schemas/fixtures/templates";
import { createStrictExcel } from "./strict/fake-excel";

async function drawn(layout: SheetLayout) {
  const excel = createStrictExcel("web-1.20");
  const workbook = new OfficeWorkbook(excel.host);
  await workbook.renderForm(layout);
  let index = new CellIndex(layout);
  const at = (key: string) => index.locate(key)?.address ?? "";
  const seen: Record<string, unknown>[] = [];
  await workbook.onCellsChanged(layout.sheet, (_cells, values) => seen.push(values));
  return { excel, workbook, at, seen, rebind: (l: SheetLayout) => (index = new CellIndex(l)) };
}

const fill = (excel: ReturnType<typeof createStrictExcel>, sheet: string, address: string) =>
  excel.shownFill(sheet, address)?.toUpperCase();

describe("OfficeWorkbook — a paste keeps the form's formats", () => {
  const layout = buildLayout(huangshanRoster(), { unitName: "屯溪区总工会", rosterRows: 20 });

  it("puts back the number format, validation and fill a paste replaced, and reports the values", async () => {
    const { excel, at, seen } = await drawn(layout);
    const id = at("roster.r0002.idno");
    const name = at("roster.r0002.name");
    const before = excel.cell(layout.sheet, id).validation;
    // Two cells copied from another workbook: General format, white fill, no validation.
    excel.user.paste(layout.sheet, name, { values: [["汪子涵", rosterIdNo(2)]], fill: "#FFFFFF" });
    await excel.settle();
    expect(seen).toEqual([{ "roster.r0002.name": "汪子涵", "roster.r0002.idno": rosterIdNo(2) }]);
    for (const a of [name, id]) {
      expect(fill(excel, layout.sheet, a)).toBe(COLORS.input);
      expect(excel.cell(layout.sheet, a).locked).toBe(false);
    }
    expect(excel.cell(layout.sheet, id).numberFormat).toBe("@");
    expect(excel.cell(layout.sheet, id).validation).toEqual(before);
    expect(excel.cell(layout.sheet, name).validation?.rule).toMatchObject({ textLength: expect.anything() });
    // The sheet is protected again.
    expect(excel.sheet(layout.sheet).protection.protected).toBe(true);
  });

  it("keeps a mark's colour when it repairs a marked cell", async () => {
    const { excel, workbook, at } = await drawn(layout);
    await workbook.markCells(layout.sheet, [{ cell: "roster.r0004.idno", severity: "error", note: "校验码错误" }], []);
    excel.user.paste(layout.sheet, at("roster.r0004.name"), { values: [["程思远", "x"]], fill: "#FFFF00" });
    await excel.settle();
    expect(fill(excel, layout.sheet, at("roster.r0004.idno"))).toBe(COLORS.error);
    expect(fill(excel, layout.sheet, at("roster.r0004.name"))).toBe(COLORS.input);
  });

  it("reads and repairs a 5,000-row paste within 4 MB per sync", async () => {
    const long = buildLayout(huangshanRoster(), { unitName: "屯溪区总工会", rosterRows: 5000 });
    const { excel, at, seen } = await drawn(long);
    const roster = long.rosters[0];
    if (!roster) throw new Error("no roster");
    const rows = Array.from({ length: 5000 }, (_, i) => roster.columns.map((c) => rosterRow(i + 1)[c.key] ?? ""));
    excel.payload.reset();
    excel.user.paste(long.sheet, at("roster.r0001.name"), { values: rows });
    await excel.settle();
    expect(Object.keys(seen[0] ?? {})).toHaveLength(5000 * 14);
    expect(excel.payload.maxRequestBytes).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(excel.payload.maxResponseBytes).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(excel.payload.syncs.every((s) => !s.failed)).toBe(true);
    expect(excel.cell(long.sheet, at("roster.r4321.idno")).numberFormat).toBe("@");
    expect(excel.cell(long.sheet, at("roster.r4321.stage")).validation?.rule).toHaveProperty("list");
  }, 60_000);

  it("costs typing nothing more: one read, no protection call, the undo stack kept", async () => {
    const { excel, at, seen } = await drawn(layout);
    const runs = excel.runs.length;
    const clears = excel.undo.clears.length;
    expect(excel.user.type(layout.sheet, at("roster.r0001.name"), "汪子涵")).toBeUndefined();
    await excel.settle();
    expect(seen).toEqual([{ "roster.r0001.name": "汪子涵" }]);
    expect(excel.runs.slice(runs)).toEqual([1]);
    expect(excel.undo.since(clears)).toEqual([]);
  });
});

describe("OfficeWorkbook — a paste keeps the form's conditional formats", () => {
  const form = buildLayout(shanghaiJqzx(), { unitName: "黄浦区总工会" });
  const rule = form.sumRules[0];
  const covers = (excel: ReturnType<typeof createStrictExcel>, formula: string, address: string) => {
    const { row, col } = parseCell(address);
    return excel
      .sheet(form.sheet)
      .conditionalFormats.some(
        (cf) =>
          cf.formula === formula &&
          cf.boxes.some((b) => row >= b.top && row <= b.bottom && col >= b.left && col <= b.right),
      );
  };

  it("leaves exactly the layout's conditional formats after repeated repaired pastes, sum rules included", async () => {
    if (!rule) throw new Error("no sum rule");
    const { excel } = await drawn(form);
    const drawnCount = excel.sheet(form.sheet).conditionalFormats.length;
    const part = rule.parts[0] as string;
    for (const v of [1, 2, 3]) {
      excel.user.paste(form.sheet, part, { values: [[v]], fill: "#FFFF00" });
      await excel.settle();
      expect(excel.cell(form.sheet, part).fill?.toUpperCase()).toBe(COLORS.input);
    }
    expect(excel.sheet(form.sheet).conditionalFormats.length).toBe(drawnCount);
    // The 其中 rule still covers the pasted cell, so a broken breakdown shows red there again.
    expect(covers(excel, rule.brokenFormula, part)).toBe(true);
    const [p1, p2, p3] = rule.parts as [string, string, string];
    excel.seed(form.sheet, rule.total, [[10]]);
    for (const p of [p2, p3]) excel.seed(form.sheet, p, [[1]]);
    expect(fill(excel, form.sheet, p1)).toBe(COLORS.error);
    excel.seed(form.sheet, p1, [[8]]);
    expect(fill(excel, form.sheet, p1)).toBe(COLORS.input);
  });
});

describe("OfficeWorkbook — the light-blue input colour", () => {
  it("colours roster rows at draw, on growth, and after a mark is cleared, like their neighbours", async () => {
    const layout = buildLayout(huangshanRoster(), { unitName: "屯溪区总工会", rosterRows: 5 });
    const { excel, workbook, at, rebind } = await drawn(layout);
    for (const key of ["roster.r0001.name", "roster.r0005.phone", "header.reporter"]) {
      expect(fill(excel, layout.sheet, at(key)), key).toBe(COLORS.input);
    }
    expect(fill(excel, layout.sheet, `A${layout.rosters[0]?.headerRow}`)).not.toBe(COLORS.input);

    const grown = await workbook.growRosters(layout.sheet, { roster: 9 });
    rebind(grown);
    expect(fill(excel, layout.sheet, at("roster.r0009.bankcard"))).toBe(COLORS.input);

    await workbook.markCells(layout.sheet, [{ cell: "roster.r0002.idno", severity: "warning", note: "请核对" }], []);
    expect(fill(excel, layout.sheet, at("roster.r0002.idno"))).toBe(COLORS.warning);
    await workbook.markCells(layout.sheet, [], ["roster.r0002.idno"]);
    expect(fill(excel, layout.sheet, at("roster.r0002.idno"))).toBe(fill(excel, layout.sheet, at("roster.r0003.idno")));
    expect(fill(excel, layout.sheet, at("roster.r0002.idno"))).toBe(COLORS.input);
  });

  it("clears stale marks on roster rows too when the pane reconnects", async () => {
    const layout = buildLayout(huangshanRoster(), { unitName: "屯溪区总工会", rosterRows: 5 });
    const { excel, workbook, at } = await drawn(layout);
    await workbook.markCells(
      layout.sheet,
      [
        { cell: "roster.r0002.idno", severity: "error", note: "校验码错误" },
        { cell: "header.phone", severity: "warning", note: "请核对" },
      ],
      [],
    );
    await new OfficeWorkbook(excel.host).attachForm(layout);
    expect(fill(excel, layout.sheet, at("roster.r0002.idno"))).toBe(COLORS.input);
    expect(fill(excel, layout.sheet, at("header.phone"))).toBe(COLORS.input);
  });

  it("leaves a read-only sheet's cells without the colour when a mark is cleared", async () => {
    const layout = consolidatedLayout(shanghaiJqzx(), "上海市总工会");
    const { excel, workbook, at } = await drawn(layout);
    expect(fill(excel, layout.sheet, at("raised"))).toBeUndefined();
    await workbook.markCells(layout.sheet, [{ cell: "raised", severity: "error", note: "x" }], []);
    await workbook.markCells(layout.sheet, [], ["raised"]);
    expect(fill(excel, layout.sheet, at("raised"))).toBeUndefined();
  });
});
